// The open workload model (arrival rate): iterations start on a precomputed schedule, whatever the
// server does. Latency is measured from the INTENDED start time, so a stalled server shows up in every
// request that should have started during the stall (coordinated omission corrected from the true
// schedule, never by synthetic back-fill). A start that finds maxInFlight iterations running waits
// (up to maxStartDelayMs) for a free slot; it is then counted late if it started more than
// lateToleranceMs after its intended time, or dropped if it waited too long. Nothing is skipped silently.
import type { Clock } from '../core/clock.js';
import { OctobenchError } from '../core/errors.js';
import { LatencyHistogram } from '../metrics/histogram.js';
import { openStartTimes, type OpenLoad } from './open-schedule.js';

export interface OpenSample {
  index: number;
  intendedAt: number;
  startedAt: number;
  endedAt: number;
  /** endedAt − intendedAt: what a user arriving on schedule experienced. */
  latencyMs: number;
  ok: boolean;
}

export interface OpenOptions {
  clock: Clock;
  load: OpenLoad;
  /** Cap on concurrently running iterations (the generator's own resource limit). */
  maxInFlight: number;
  /** How long a due start may wait for a free slot before it is dropped. Default 0: drop at once. */
  maxStartDelayMs?: number;
  /** Starts later than this (ms) after their intended time count as late. Default 2 ms. */
  lateToleranceMs?: number;
  /** One iteration (e.g. one API flow); index is the position in the schedule. */
  iteration: (index: number, intendedAt: number) => Promise<void>;
  onSample?: (sample: OpenSample) => void;
}

export interface OpenResult {
  model: 'open';
  /** Latency of successful iterations, from intended start to completion. */
  histogram: LatencyHistogram;
  /** Lateness of every start (actual − intended), including the on-time ones. */
  lateness: LatencyHistogram;
  scheduled: number;
  started: number;
  /** Settled iterations, successful or not. */
  completed: number;
  lateStarts: number;
  droppedStarts: number;
  errors: number;
  startedAt: number;
  endedAt: number;
}

export function runOpen(options: OpenOptions): Promise<OpenResult> {
  const { clock, maxInFlight, iteration, onSample } = options;
  const maxStartDelayMs = options.maxStartDelayMs ?? 0;
  const lateToleranceMs = options.lateToleranceMs ?? 2;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
    throw new OctobenchError('OCTOBENCH_ERR_INVALID_ARGUMENT', `maxInFlight must be an integer ≥ 1, got ${maxInFlight}`);
  }
  const times = openStartTimes(options.load);
  const t0 = clock.now();
  const result: OpenResult = {
    model: 'open', histogram: new LatencyHistogram(), lateness: new LatencyHistogram(),
    scheduled: 0, started: 0, completed: 0, lateStarts: 0, droppedStarts: 0, errors: 0, startedAt: t0, endedAt: t0,
  };
  const waiting: Array<{ index: number; intendedAt: number }> = []; // FIFO of due starts without a slot
  let inFlight = 0;
  let nextAt = times.next();
  let done!: (result: OpenResult) => void;
  const finished = new Promise<OpenResult>((resolve) => (done = resolve));

  const start = (index: number, intendedAt: number) => {
    const startedAt = clock.now();
    result.started++;
    result.lateness.record(startedAt - intendedAt);
    if (startedAt - intendedAt > lateToleranceMs) result.lateStarts++;
    inFlight++;
    let run: Promise<void>;
    try {
      run = Promise.resolve(iteration(index, intendedAt));
    } catch (e) {
      run = Promise.reject(e);
    }
    const settle = (ok: boolean) => {
      const endedAt = clock.now();
      inFlight--;
      result.completed++;
      if (ok) result.histogram.record(endedAt - intendedAt);
      else result.errors++;
      onSample?.({ index, intendedAt, startedAt, endedAt, latencyMs: endedAt - intendedAt, ok });
      startWaiting();
      finishIfIdle();
    };
    run.then(() => settle(true), () => settle(false));
  };

  const startWaiting = () => {
    while (inFlight < maxInFlight && waiting.length > 0) {
      const w = waiting.shift()!;
      if (clock.now() - w.intendedAt > maxStartDelayMs) result.droppedStarts++;
      else start(w.index, w.intendedAt);
    }
  };

  const arrive = (index: number, intendedAt: number) => {
    result.scheduled++;
    if (inFlight < maxInFlight && waiting.length === 0) start(index, intendedAt);
    else if (maxStartDelayMs > 0) waiting.push({ index, intendedAt });
    else result.droppedStarts++;
  };

  const finishIfIdle = () => {
    if (nextAt.done !== true || inFlight > 0 || waiting.length > 0) return;
    result.endedAt = clock.now();
    done(result);
  };

  // One timer at a time: each firing starts every start that is due (several if the timer was late).
  const tick = () => {
    while (nextAt.done !== true && t0 + nextAt.value <= clock.now()) {
      arrive(result.scheduled, t0 + nextAt.value);
      nextAt = times.next();
    }
    if (nextAt.done !== true) clock.setTimer(t0 + nextAt.value - clock.now(), tick);
    else finishIfIdle();
  };
  tick();
  return finished;
}
