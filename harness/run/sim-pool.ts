// Sim points in parallel: n worker threads (sim-worker.ts) take jobs in order as they free up; each
// result is handed to `onResult` as it arrives (the caller keeps point order). Ctrl-C (signal) stops
// dispatching and terminates the workers: finished points are kept, in-flight ones are dropped.
import { Worker } from 'node:worker_threads';
import type { Clock } from '../core/clock.js';
import { OctobenchError } from '../core/errors.js';
import { nodeCommand } from '../core/env.js';
import type { PreparedRunner } from './mode-runner.js';
import type { SimJob } from './sim-worker.js';

type PointOutcome = Awaited<ReturnType<PreparedRunner['runPoint']>>;
interface Reply { id: number; result?: PointOutcome; error?: { code: string; message: string } }

function startWorker(): Worker {
  const url = new URL(`./sim-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  // From the TypeScript sources (tsx, vitest) the worker registers tsx first (Node 20 workers do not
  // inherit --import loaders); the built JS starts directly.
  return url.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true })
    : new Worker(url, { execArgv: nodeCommand().execArgv });
}

/** Runs the jobs on `workers` threads; resolves when all are done or the run was interrupted. */
export async function runSimJobs(
  jobs: readonly Omit<SimJob, 'id'>[], workers: number, clock: Clock, signal: AbortSignal,
  onResult: (index: number, result: PointOutcome, wallMs: number) => void,
): Promise<void> {
  let next = 0;
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => startWorker());
  const stop = () => void pool.forEach((w) => void w.terminate());
  signal.addEventListener('abort', stop, { once: true });
  try {
    await Promise.all(pool.map((worker) => new Promise<void>((resolve, reject) => {
      let began = 0;
      const dispatch = () => {
        if (signal.aborted || next >= jobs.length) return resolve();
        const id = next++;
        began = clock.now();
        worker.postMessage({ id, ...jobs[id]! } satisfies SimJob);
      };
      worker.on('message', (m: Reply) => {
        if (m.error) return reject(new OctobenchError('OCTOBENCH_ERR_INTERNAL', `sim worker: ${m.error.code}: ${m.error.message}`));
        onResult(m.id, m.result!, clock.now() - began);
        dispatch();
      });
      worker.once('error', (e) => reject(new OctobenchError('OCTOBENCH_ERR_INTERNAL', `sim worker failed: ${e.message}`, { cause: e })));
      worker.once('exit', () => resolve());
      dispatch();
    })));
  } finally {
    signal.removeEventListener('abort', stop);
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
