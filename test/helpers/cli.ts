// Runs the built CLI (dist/, made by `npm ci` / `npm test`) as a child process from the repo root and
// collects its exit code, output and wall time: the end-to-end tests' one way of calling octobench.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist/harness/cli/main.js');

export interface CliOutcome {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliOutcome> {
  const began = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += String(c)));
    child.stderr.on('data', (c) => (err += String(c)));
    child.on('exit', (code) => resolve({ code, out, err, ms: performance.now() - began }));
  });
}
