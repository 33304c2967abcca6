// Provenance of a run: octobench version, git commit (when run from a checkout), machine, node, seed,
// mode and emulation. Machine facts come from node:os; the commit from `git rev-parse HEAD` (null if
// git or the repository is absent).
import { execFile } from 'node:child_process';
import { arch, cpus, platform, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { nodeVersion } from '../core/env.js';
import type { Provenance } from '../metrics/results.js';
import { OCTOBENCH_VERSION } from '../version.js';

export function gitCommit(): Promise<string | null> {
  const cwd = fileURLToPath(new URL('.', import.meta.url));
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: 2_000 }, (error, stdout) => {
      const sha = String(stdout).trim();
      resolve(error || !/^[0-9a-f]{40}$/.test(sha) ? null : sha);
    });
  });
}

export async function provenance(fields: Pick<Provenance, 'seed' | 'mode' | 'emulation' | 'startedAt' | 'endedAt' | 'command'>): Promise<Provenance> {
  const cores = cpus();
  return {
    octobenchVersion: OCTOBENCH_VERSION, gitCommit: await gitCommit(), node: nodeVersion(), platform: platform(), arch: arch(),
    cpuModel: cores[0]?.model ?? 'unknown', cpus: cores.length, memoryBytes: totalmem(), ...fields,
  };
}
