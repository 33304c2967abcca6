// The Octopus Server's CPU in the simulator: `cores` shared by processor sharing among jobs
// (dispatching a command, computing a delta, streaming a push, ingesting log lines), after a
// background load that is served first: polling targets keeping their connections and every
// in-flight command being tracked and status-polled. Jobs share what the background leaves, never
// less than MIN_JOB_SHARE of the cores (the server always makes some progress), each at most one core.
// So n jobs each progress at r = min(1, max(C − b, C·MIN_JOB_SHARE) / n).
//
// Why a variant of harness/sim's ProcessorSharing: that one has fixed capacity; here the background
// b changes with every command sent or finished. Same virtual-service-time technique: V grows at r;
// a job of work w submitted at V0 ends when V = V0 + w; one kernel timer for the earliest job.
// Changes within one instant (10,000 commands finishing together) are coalesced: the rate, the meter
// and the timer are recomputed once, by an event at the same time after the others (FLUSH_PRIORITY).
import type { TimerHandle } from '../core/clock.js';
import type { SimKernel } from '../sim/kernel.js';
import { BatchedQueue, type BatchedItem } from '../sim/batch-queue.js';
import { UtilisationMeter } from '../sim/utilisation.js';

/** Jobs always get at least this fraction of the cores, however large the background. */
export const MIN_JOB_SHARE = 0.05;
/** The coalesced recomputation runs after the other events of its instant. */
export const FLUSH_PRIORITY = 900_000;

export interface CpuJobHandle {
  cancel(): void;
}

/** A submitted job, its own cancel handle (one object per job). */
class CpuJob implements BatchedItem, CpuJobHandle {
  batch: object | undefined = undefined;

  constructor(
    private readonly cpu: ServerCpu,
    /** Virtual service time at which the job is served. */
    readonly key: number,
    readonly seq: number,
    readonly onDone: () => void,
  ) {}

  cancel(): void {
    if (this.batch !== undefined) this.cpu.withdraw(this);
  }
}

export class ServerCpu {
  /** Busy cores over time (background served + jobs), against `cores`. */
  readonly busy: UtilisationMeter;
  /** Waiting jobs by the virtual service time they end at; equal ends share a batch. */
  private readonly jobs = new BatchedQueue<CpuJob>();
  private background = 0;
  private virtualTime = 0;
  private virtualAt: number;
  private seq = 0;
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;
  /** The per-job rate in force since virtualAt (recomputed by flush). */
  private currentRate = 0;
  private flushPending = false;
  /** Core-ms spent on jobs (excludes background). */
  private jobWork = 0;

  constructor(private readonly kernel: SimKernel, readonly cores: number, recordSamples: boolean) {
    if (!(cores > 0)) throw new RangeError(`ServerCpu: cores must be > 0, got ${cores}`);
    this.virtualAt = kernel.now();
    this.busy = new UtilisationMeter(kernel, cores, { recordSamples });
  }

  get activeJobs(): number {
    return this.jobs.size;
  }

  get backgroundCores(): number {
    return this.background;
  }

  /** Core-ms of job work done so far. */
  get jobCoreMs(): number {
    this.advance();
    return this.jobWork;
  }

  /** Per-job rate (cores per job) for the current jobs and background. */
  rate(): number {
    const n = this.jobs.size;
    if (n === 0) return 0;
    const available = Math.max(this.cores - this.background, this.cores * MIN_JOB_SHARE);
    return Math.min(1, available / n);
  }

  /** Changes the background demand (in cores) by delta. */
  addBackground(delta: number): void {
    this.advance();
    this.background = Math.max(0, this.background + delta);
    this.markDirty();
  }

  /** A job needing workMs of one core; onDone runs when it is served (at once for 0 work). */
  submit(workMs: number, onDone: () => void): CpuJobHandle {
    if (!(workMs >= 0)) throw new RangeError(`ServerCpu.submit: work must be >= 0, got ${workMs}`);
    this.advance();
    const job = new CpuJob(this, this.virtualTime + workMs, this.seq++, onDone);
    this.jobs.push(job);
    this.markDirty();
    return job;
  }

  /** @internal Takes a job that is still waiting off the CPU (CpuJob.cancel). */
  withdraw(job: CpuJob): void {
    this.advance();
    this.jobs.remove(job);
    this.markDirty();
  }

  private advance(): void {
    const now = this.kernel.now();
    if (now > this.virtualAt) {
      const r = this.currentRate;
      this.virtualTime += r * (now - this.virtualAt);
      this.jobWork += r * this.jobs.size * (now - this.virtualAt);
    }
    this.virtualAt = now;
  }

  private markDirty(): void {
    if (this.flushPending) return;
    this.flushPending = true;
    this.kernel.schedule(this.kernel.now(), () => this.flush(), FLUSH_PRIORITY);
  }

  /** Recomputes the rate, the busy level and the completion timer after this instant's changes. */
  private flush(): void {
    this.flushPending = false;
    this.advance();
    const r = this.rate();
    this.currentRate = r;
    this.busy.set(Math.min(this.cores, Math.min(this.background, this.cores) + r * this.jobs.size));
    const headKey = this.jobs.firstKey();
    const at = headKey === Infinity ? Infinity : this.kernel.now() + Math.max(0, headKey - this.virtualTime) / r;
    // A timer due no later than `at` may stay: if it fires early, complete() finds nothing and re-arms.
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.timer?.cancel();
    this.timerAt = at;
    this.timer = headKey === Infinity ? undefined : this.kernel.schedule(at, () => this.complete(headKey));
  }

  /** The timer armed for the job ending at virtual time `target`; it may fire early (rate dropped since). */
  private complete(target: number): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    this.advance();
    // On time up to float rounding: what is left would take under two ulps of the epoch-ms clock.
    const slack = this.currentRate * (Math.abs(this.kernel.now()) * 4.5e-16 + 1e-12);
    if (this.virtualTime >= target - slack) this.virtualTime = Math.max(this.virtualTime, target);
    const done: CpuJob[] = [];
    this.jobs.takeUpTo(this.virtualTime, done);
    this.markDirty();
    for (const job of done) job.onDone();
  }
}
