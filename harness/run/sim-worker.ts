// A sim worker thread: receives {id, scenario, seed} jobs, answers {id, result} (or {id, error}) with
// the point's simulated result; one job at a time, until the parent terminates it.
import { parentPort } from 'node:worker_threads';
import { simPoint } from './sim-runner.js';
import type { Scenario } from '../scenario/schema.js';

export interface SimJob { id: number; scenario: Scenario; seed: number }

const port = parentPort;
port?.on('message', (job: SimJob) => {
  try {
    port.postMessage({ id: job.id, result: simPoint(job.scenario, job.seed) });
  } catch (e) {
    const err = e as { code?: string; message?: string };
    port.postMessage({ id: job.id, error: { code: err.code ?? 'OCTOBENCH_ERR_INTERNAL', message: err.message ?? String(e) } });
  }
});
