// Benchmark helper: runs the built CLI's `serve` in a child process (so that the load generator and the
// server do not share an event loop) and hands back its URL. Loopback only; the child is killed on stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BENCH_API_KEY = 'API-BENCHMARKKEY00000000';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startServerProcess(extraArgs: string[] = []): Promise<ServerProcess> {
  const cli = fileURLToPath(new URL('../dist/harness/cli/main.js', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0', '--api-key', BENCH_API_KEY, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk) => {
      buffer += String(chunk);
      const m = buffer.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function range(values: number[]): string {
  return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
}
