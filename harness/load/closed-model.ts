// The closed workload model (fixed concurrency): `vus` virtual users each run iterations back to back.
// Latency is measured from each iteration's actual start, which is exactly why a closed model hides
// server stalls (coordinated omission): a stalled user simply stops sending. Compare with open-model.ts.
import type { Clock } from '../core/clock.js';
import { OctobenchError } from '../core/errors.js';
import { LatencyHistogram } from '../metrics/histogram.js';

export interface ClosedPlan {
  model: 'closed';
  vus: number;
  /** Total iterations shared by all users (each user takes the next one), or null for "until durationMs". */
  iterations: number | null;
  /** No iteration starts after this (running ones finish), or null for "until iterations". */
  durationMs: number | null;
}

export interface ClosedSample {
  vu: number;
  index: number;
  startedAt: number;
  endedAt: number;
  latencyMs: number;
  ok: boolean;
}

export interface ClosedOptions {
  clock: Clock;
  vus: number;
  iterations?: number;
  durationMs?: number;
  iteration: (vu: number, index: number) => Promise<void>;
  onSample?: (sample: ClosedSample) => void;
}

export interface ClosedResult {
  model: 'closed';
  /** Latency of successful iterations, from actual start to completion. */
  histogram: LatencyHistogram;
  /** Settled iterations, successful or not. */
  iterations: number;
  errors: number;
  startedAt: number;
  endedAt: number;
}

/** The plan as printable data; throws a coded error listing every invalid option. */
export function closedPlan(options: Pick<ClosedOptions, 'vus' | 'iterations' | 'durationMs'>): ClosedPlan {
  const problems: Array<{ path: string; message: string }> = [];
  const { vus, iterations, durationMs } = options;
  if (!Number.isInteger(vus) || vus < 1) problems.push({ path: 'vus', message: `must be an integer ≥ 1, got ${vus}` });
  if (iterations !== undefined && (!Number.isInteger(iterations) || iterations < 0)) {
    problems.push({ path: 'iterations', message: `must be an integer ≥ 0, got ${iterations}` });
  }
  if (durationMs !== undefined && (!Number.isFinite(durationMs) || durationMs < 0)) {
    problems.push({ path: 'durationMs', message: `must be a finite number ≥ 0, got ${durationMs}` });
  }
  if (iterations === undefined && durationMs === undefined) {
    problems.push({ path: '(root)', message: 'give iterations, durationMs or both' });
  }
  if (problems.length > 0) {
    throw new OctobenchError('OCTOBENCH_ERR_INVALID_ARGUMENT', 'invalid closed-model options', { problems });
  }
  return { model: 'closed', vus, iterations: iterations ?? null, durationMs: durationMs ?? null };
}

export async function runClosed(options: ClosedOptions): Promise<ClosedResult> {
  const plan = closedPlan(options);
  const { clock, iteration, onSample } = options;
  const startedAt = clock.now();
  const deadline = plan.durationMs === null ? Number.POSITIVE_INFINITY : startedAt + plan.durationMs;
  const result: ClosedResult = { model: 'closed', histogram: new LatencyHistogram(), iterations: 0, errors: 0, startedAt, endedAt: startedAt };
  let nextIndex = 0;
  const takeIndex = (): number | null => {
    if (plan.iterations !== null && nextIndex >= plan.iterations) return null;
    if (clock.now() >= deadline) return null;
    return nextIndex++;
  };

  const user = async (vu: number) => {
    for (let index = takeIndex(); index !== null; index = takeIndex()) {
      const begin = clock.now();
      let ok = true;
      try {
        await iteration(vu, index);
      } catch {
        ok = false;
      }
      const end = clock.now();
      result.iterations++;
      if (ok) result.histogram.record(end - begin);
      else result.errors++;
      onSample?.({ vu, index, startedAt: begin, endedAt: end, latencyMs: end - begin, ok });
    }
  };

  await Promise.all(Array.from({ length: plan.vus }, (_, vu) => user(vu)));
  result.endedAt = clock.now();
  return result;
}
