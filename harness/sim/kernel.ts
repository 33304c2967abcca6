// The discrete-event kernel: a virtual Clock backed by a heap ordered by (time, priority, sequence)
// (core's EventHeap: (time, priority, sequence) order, times kept in a typed array for speed), so two runs with the
// same inputs produce the same event order. Time is in ms since the Unix epoch, like every Clock;
// the start epoch is a fixed constant, never read from the wall clock.
//
// Callbacks vs promises: `run()` is synchronous and is the fast path; models and the engine should
// use callbacks (setTimer / schedule). `sleep()` resolves a Promise, whose continuation runs as a
// microtask, so under `run()` it only runs after run() returns. `runAsync()` yields to the
// microtask queue after every event (a fixed number of turns) so that `await kernel.sleep(ms)`
// chains interleave with other events at the right virtual time.
import type { Clock, TimerHandle } from '../core/clock.js';
import { EventHeap, type HeapEntry } from '../core/event-heap.js';

/** 2026-01-01T00:00:00Z, the default start of virtual time. */
export const SIM_DEFAULT_EPOCH_MS = 1_767_225_600_000;

/** Lower runs first among events due at the same time. Timers use 0. */
export type EventPriority = number;

export interface SimKernelOptions {
  /** Virtual time at construction, ms since the Unix epoch (default SIM_DEFAULT_EPOCH_MS). */
  startMs?: number;
}

export interface RunOptions {
  /** Process events due at or before this virtual time, then set now() to it (unless stopped). */
  until?: number;
  /** Stop after this many events in this call. */
  maxEvents?: number;
}

export interface AsyncRunOptions extends RunOptions {
  /** Microtask turns awaited after each event (default 8): the depth of await chains that keep up. */
  microtaskTurns?: number;
}

export type RunEndReason = 'idle' | 'until' | 'max-events' | 'stopped';

export interface RunStats {
  /** Events processed by this call. */
  events: number;
  /** now() when the call returned. */
  endTime: number;
  reason: RunEndReason;
}

/** Counts scheduled events that have neither run nor been cancelled. */
interface LiveCounter {
  live: number;
}

/** One scheduled callback; it is its own cancel handle (one allocation per event). */
class KernelEvent implements HeapEntry, TimerHandle {
  /** True once cancelled or run, so that cancel() after the fact changes nothing. */
  cancelled = false;

  constructor(
    readonly time: number,
    readonly priority: number,
    readonly seq: number,
    readonly fn: () => void,
    private readonly counter: LiveCounter,
  ) {}

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.counter.live--;
  }
}

export class SimKernel implements Clock {
  private current: number;
  private seq = 0;
  private processed = 0;
  private stopRequested = false;
  private readonly heap = new EventHeap<KernelEvent>();
  private readonly counter: LiveCounter = { live: 0 };

  constructor(options: SimKernelOptions = {}) {
    this.current = options.startMs ?? SIM_DEFAULT_EPOCH_MS;
  }

  now(): number {
    return this.current;
  }

  /** Total events processed since construction. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Scheduled events not yet run or cancelled. */
  get pending(): number {
    return this.counter.live;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    if (!(delayMs >= 0)) throw new RangeError(`SimKernel.setTimer: delay must be >= 0, got ${delayMs}`);
    return this.push(this.current + delayMs, 0, fn);
  }

  /** Runs fn at virtual time atMs (>= now); equal times run by priority, then scheduling order. */
  schedule(atMs: number, fn: () => void, priority: EventPriority = 0): TimerHandle {
    if (!(atMs >= this.current)) throw new RangeError(`SimKernel.schedule: time ${atMs} is before now ${this.current}`);
    return this.push(atMs, priority, fn);
  }

  /** Resolves at now() + delayMs. See the module comment: use runAsync() with await chains. */
  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(delayMs, resolve));
  }

  /** Makes the current run()/runAsync() return after the event being processed. */
  stop(): void {
    this.stopRequested = true;
  }

  run(options: RunOptions = {}): RunStats {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    this.stopRequested = false;
    const heap = this.heap;
    let events = 0;
    let reason: RunEndReason = 'idle';
    for (;;) {
      if (this.stopRequested) { reason = 'stopped'; break; }
      if (events >= maxEvents) { reason = 'max-events'; break; }
      const next = heap.pop();
      if (next === undefined) break;
      if (next.cancelled) continue;
      if (next.time > until) { heap.push(next); reason = 'until'; break; }
      this.current = next.time;
      events++;
      this.processed++;
      next.cancel();
      next.fn();
    }
    return this.finish(events, reason, until);
  }

  async runAsync(options: AsyncRunOptions = {}): Promise<RunStats> {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    const turns = options.microtaskTurns ?? 8;
    this.stopRequested = false;
    let events = 0;
    let reason: RunEndReason = 'idle';
    for (;;) {
      for (let i = 0; i < turns; i++) await undefined;
      if (this.stopRequested) { reason = 'stopped'; break; }
      if (events >= maxEvents) { reason = 'max-events'; break; }
      this.heap.skipCancelled();
      const next = this.heap.peek();
      if (next === undefined) break;
      if (next.time > until) { reason = 'until'; break; }
      this.heap.pop();
      this.current = next.time;
      events++;
      this.processed++;
      next.cancel();
      next.fn();
    }
    return this.finish(events, reason, until);
  }

  private finish(events: number, reason: RunEndReason, until: number): RunStats {
    if ((reason === 'idle' || reason === 'until') && until !== Infinity && until > this.current) this.current = until;
    return { events, endTime: this.current, reason };
  }

  private push(time: number, priority: number, fn: () => void): TimerHandle {
    const event = new KernelEvent(time, priority, this.seq++, fn, this.counter);
    this.counter.live++;
    this.heap.push(event);
    return event;
  }
}
