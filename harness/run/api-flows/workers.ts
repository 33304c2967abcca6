// Heavy loads spread over worker threads: the point's load is split into equal shares (rate, users and
// iterations divided), each share runs in its own thread with its own event loop, and the parent
// receives plain ShareResults (encoded histograms) to merge. One share runs in this thread.
import { Worker } from 'node:worker_threads';
import type { Clock } from '../../core/clock.js';
import { OctobenchError } from '../../core/errors.js';
import { nodeCommand } from '../../core/env.js';
import { runShare, type ShareLoad, type ShareResult } from './share.js';
import { setupFor, type ShareSpec } from './share-spec.js';

/** Splits a load into n shares that add up to the whole (remainders go to the first shares). */
export function splitLoad(load: ShareLoad, n: number): ShareLoad[] {
  const part = (total: number, i: number) => Math.floor(total / n) + (i < total % n ? 1 : 0);
  return Array.from({ length: n }, (_, i) => ({
    ...load,
    vus: Math.max(1, part(load.vus, i)),
    ...(load.iterations === undefined ? {} : { iterations: part(load.iterations, i) }),
    ...(load.rate === undefined ? {} : { rate: load.rate / n }),
    maxInFlight: Math.max(1, part(load.maxInFlight, i)),
  })).filter((s) => s.iterations === undefined || s.iterations > 0);
}

function runInWorker(spec: ShareSpec): Promise<ShareResult> {
  const url = new URL(`./worker-entry${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  // From the TypeScript sources (tsx, vitest) the worker registers the tsx loader first (Node 20 workers
  // do not inherit --import loaders); the built JS starts directly.
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData: spec })
    : new Worker(url, { workerData: spec, execArgv: nodeCommand().execArgv });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: ShareResult) => resolve(m));
    worker.once('error', (e) => reject(new OctobenchError('OCTOBENCH_ERR_INTERNAL', `load worker failed: ${e.message}`, { cause: e })));
    worker.once('exit', (code) => { if (code !== 0) reject(new OctobenchError('OCTOBENCH_ERR_INTERNAL', `load worker exited with ${code}`)); });
  });
}

export async function runShares(clock: Clock, spec: ShareSpec, workers: number): Promise<ShareResult[]> {
  if (workers <= 1) return [await runShare(clock, spec.load, setupFor(spec, clock))];
  const shares = splitLoad(spec.load, workers);
  return Promise.all(shares.map((load) => runInWorker({ ...spec, load })));
}
