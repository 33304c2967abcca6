// Test helper: drives promise-based code on a ManualClock deterministically. Time advances in fixed
// steps; after every step the microtask queue is flushed, so continuations of timers that fired at
// time t run while the clock still reads t. Exact as long as every timer falls on a step boundary.
import type { ManualClock } from '../../../harness/core/clock.js';

export async function flushMicrotasks(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

export async function drive<T>(clock: ManualClock, run: Promise<T>, options: { stepMs?: number; maxMs?: number } = {}): Promise<T> {
  const stepMs = options.stepMs ?? 1;
  const limit = clock.now() + (options.maxMs ?? 600_000);
  let settled = false;
  const observed = run.finally(() => void (settled = true));
  await flushMicrotasks();
  while (!settled) {
    if (clock.now() >= limit) throw new Error(`drive: not settled after ${options.maxMs ?? 600_000} virtual ms`);
    clock.advanceBy(stepMs);
    await flushMicrotasks();
  }
  return observed;
}

/**
 * A scripted server: every request takes serviceMs, except that the server stalls during
 * [stallFromMs, stallToMs) (relative to t0); a request arriving in the stall completes serviceMs
 * after the stall ends.
 */
export function stallingServer(clock: ManualClock, opts: { t0: number; serviceMs: number; stallFromMs: number; stallToMs: number }) {
  return (): Promise<void> => {
    const at = clock.now() - opts.t0;
    const stalled = at >= opts.stallFromMs && at < opts.stallToMs;
    return clock.sleep(stalled ? opts.stallToMs - at + opts.serviceMs : opts.serviceMs);
  };
}
