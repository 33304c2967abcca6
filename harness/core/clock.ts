// Time, injected. The engine, drivers and agents take a Clock; nothing else in the code reads the
// wall clock or sets a timer. RealClock is the only place that touches Date/performance/setTimeout.
// ManualClock is virtual time for tests: nothing happens until the test advances it.
import { EventHeap, type HeapEntry } from './event-heap.js';

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch (fractional allowed). */
  now(): number;
  /** Runs fn after delayMs (>= 0). Callbacks due at the same time run in scheduling order. */
  setTimer(delayMs: number, fn: () => void): TimerHandle;
  /** Resolves after delayMs; convenience for code that is async anyway (drivers, agents). */
  sleep(delayMs: number): Promise<void>;
}

export class RealClock implements Clock {
  now(): number {
    return performance.timeOrigin + performance.now();
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const t = setTimeout(fn, Math.max(0, delayMs));
    return { cancel: () => clearTimeout(t) };
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, delayMs)));
  }

  /** A high-resolution monotonic reading in ms, for measuring durations. */
  monotonic(): number {
    return performance.now();
  }
}

interface TimerEntry extends HeapEntry {
  fn: () => void;
}

/** Virtual time advanced explicitly by the caller; deterministic ordering by (time, sequence). */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly heap = new EventHeap<TimerEntry>();

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const entry: TimerEntry = { time: this.current + Math.max(0, delayMs), priority: 0, seq: this.seq++, cancelled: false, fn };
    this.heap.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(delayMs, resolve));
  }

  /** Pending, non-cancelled timers. */
  get pending(): number {
    this.heap.skipCancelled();
    return this.heap.size;
  }

  /** Runs every timer due up to and including targetMs, then sets now to targetMs. */
  advanceTo(targetMs: number): void {
    for (;;) {
      this.heap.skipCancelled();
      const next = this.heap.peek();
      if (!next || next.time > targetMs) break;
      this.heap.pop();
      this.current = next.time;
      next.fn();
    }
    if (targetMs > this.current) this.current = targetMs;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Runs timers until none is left (or maxSteps is reached, which guards against endless loops). */
  runUntilIdle(maxSteps = 10_000_000): number {
    let steps = 0;
    for (;;) {
      this.heap.skipCancelled();
      const next = this.heap.pop();
      if (!next) return steps;
      this.current = next.time;
      next.fn();
      if (++steps >= maxSteps) throw new Error(`ManualClock.runUntilIdle: more than ${maxSteps} timers`);
    }
  }
}
