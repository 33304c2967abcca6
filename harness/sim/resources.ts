// Resource models on the sim kernel: a processor-sharing CPU (n jobs on c cores each progress at
// min(1, c/n) of a core) and a FIFO counting semaphore. Both account utilisation exactly.
//
// Processor sharing uses virtual service time: V(t) grows at min(1, c/n) per ms, a job submitted at
// V0 with work w finishes when V reaches V0 + w. Jobs sit in a heap by that virtual finish, and one
// kernel timer is kept for the earliest, so an arrival or departure costs O(log n), not O(n).
import type { TimerHandle } from '../core/clock.js';
import { KeyedHeap, type KeyedItem } from './keyed-heap.js';
import type { SimKernel } from './kernel.js';
import { UtilisationMeter, type UtilisationMeterOptions } from './utilisation.js';

export interface JobHandle {
  /** Withdraws the job if it has not finished; its callback is never called. */
  cancel(): void;
}

interface PsJob extends KeyedItem {
  readonly onDone: () => void;
}

export class ProcessorSharing {
  /** Busy cores over time: integral is busy core-ms, meanUtilisation is against `cores`. */
  readonly busy: UtilisationMeter;
  private readonly jobs = new KeyedHeap<PsJob>();
  private virtualTime = 0;
  private virtualAt: number;
  private seq = 0;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly kernel: SimKernel,
    readonly cores: number,
    meterOptions: UtilisationMeterOptions = {},
  ) {
    if (!(cores > 0)) throw new RangeError(`ProcessorSharing: cores must be > 0, got ${cores}`);
    this.virtualAt = kernel.now();
    this.busy = new UtilisationMeter(kernel, cores, meterOptions);
  }

  get activeJobs(): number {
    return this.jobs.size;
  }

  /** Adds a job needing workMs of one core; onDone runs at its completion time. */
  submit(workMs: number, onDone: () => void): JobHandle {
    if (!(workMs >= 0)) throw new RangeError(`ProcessorSharing.submit: work must be >= 0, got ${workMs}`);
    this.advance();
    const job: PsJob = { key: this.virtualTime + workMs, seq: this.seq++, heapIndex: -1, onDone };
    this.jobs.push(job);
    this.reschedule();
    return {
      cancel: () => {
        if (job.heapIndex < 0) return;
        this.advance();
        this.jobs.remove(job);
        this.reschedule();
      },
    };
  }

  /** Brings virtual time up to now at the current sharing rate. */
  private advance(): void {
    const now = this.kernel.now();
    const n = this.jobs.size;
    if (n > 0 && now > this.virtualAt) this.virtualTime += n <= this.cores ? now - this.virtualAt : ((now - this.virtualAt) * this.cores) / n;
    this.virtualAt = now;
  }

  private reschedule(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const n = this.jobs.size;
    this.busy.set(Math.min(n, this.cores));
    const head = this.jobs.peek();
    if (head === undefined) return;
    const dv = Math.max(0, head.key - this.virtualTime);
    const dt = n <= this.cores ? dv : (dv * n) / this.cores;
    const target = head.key;
    this.timer = this.kernel.setTimer(dt, () => this.complete(target));
  }

  private complete(targetVirtualTime: number): void {
    this.timer = undefined;
    this.advance();
    this.virtualTime = Math.max(this.virtualTime, targetVirtualTime);
    const done: PsJob[] = [];
    for (let head = this.jobs.peek(); head !== undefined && head.key <= this.virtualTime; head = this.jobs.peek()) {
      done.push(this.jobs.pop()!);
    }
    this.reschedule();
    for (const job of done) job.onDone();
  }
}

export interface AcquireHandle {
  /** Leaves the queue if still waiting (the callback never runs); no effect once granted. */
  cancel(): void;
}

interface Waiter {
  readonly onGranted: () => void;
  state: 'waiting' | 'granted' | 'cancelled';
}

/** A counting semaphore whose waiters are served strictly first come, first served. */
export class Semaphore {
  /** Permits in use over time. */
  readonly inUse: UtilisationMeter;
  private readonly queue: Waiter[] = [];
  private queueHead = 0;
  private waitingCount = 0;
  private held = 0;
  private granting = false;

  constructor(kernel: SimKernel, readonly permits: number, meterOptions: UtilisationMeterOptions = {}) {
    if (!(Number.isInteger(permits) && permits > 0)) throw new RangeError(`Semaphore: permits must be an integer > 0, got ${permits}`);
    this.inUse = new UtilisationMeter(kernel, permits, meterOptions);
  }

  get available(): number {
    return this.permits - this.held;
  }

  get waiting(): number {
    return this.waitingCount;
  }

  /** Calls onGranted now if a permit is free and nobody waits, else when its turn comes. */
  acquire(onGranted: () => void): AcquireHandle {
    const waiter: Waiter = { onGranted, state: 'waiting' };
    this.queue.push(waiter);
    this.waitingCount++;
    this.grant();
    return {
      cancel: () => {
        if (waiter.state !== 'waiting') return;
        waiter.state = 'cancelled';
        this.waitingCount--;
      },
    };
  }

  release(): void {
    if (this.held === 0) throw new RangeError('Semaphore.release: no permit is held');
    this.held--;
    this.inUse.set(this.held);
    this.grant();
  }

  /** Hands free permits to waiters in order; a loop, not recursion, when callbacks release. */
  private grant(): void {
    if (this.granting) return;
    this.granting = true;
    try {
      while (this.held < this.permits && this.queueHead < this.queue.length) {
        const waiter = this.queue[this.queueHead]!;
        this.queueHead++;
        if (waiter.state === 'cancelled') continue;
        waiter.state = 'granted';
        this.waitingCount--;
        this.held++;
        this.inUse.set(this.held);
        waiter.onGranted();
      }
    } finally {
      this.granting = false;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
    }
  }
}
