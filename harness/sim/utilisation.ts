// Utilisation accounting for a piecewise-constant level (busy cores, permits in use, bytes/ms on a
// link): the exact integral of the level over virtual time, the mean utilisation against a capacity,
// and optionally the step function itself as time-series samples.
import type { Clock } from '../core/clock.js';

/** The level holds from `time` until the next sample's time. */
export interface LevelSample {
  time: number;
  level: number;
}

export interface UtilisationMeterOptions {
  /** Keep every level change as a sample (default false). */
  recordSamples?: boolean;
}

export class UtilisationMeter {
  private levelNow = 0;
  private integralAtChange = 0;
  private changedAt: number;
  private readonly startedAt: number;
  private readonly sampleLog: LevelSample[] | undefined;

  constructor(
    private readonly clock: Clock,
    /** The level that means 100 % (cores, permits, bytes/ms). */
    readonly capacity: number,
    options: UtilisationMeterOptions = {},
  ) {
    this.startedAt = clock.now();
    this.changedAt = this.startedAt;
    this.sampleLog = options.recordSamples ? [{ time: this.startedAt, level: 0 }] : undefined;
  }

  get level(): number {
    return this.levelNow;
  }

  /** Sets the level from now on. */
  set(level: number): void {
    const now = this.clock.now();
    if (level === this.levelNow) return;
    this.integralAtChange += this.levelNow * (now - this.changedAt);
    this.changedAt = now;
    this.levelNow = level;
    const log = this.sampleLog;
    if (log === undefined) return;
    const last = log[log.length - 1];
    if (last === undefined || last.time !== now) log.push({ time: now, level });
    else if (log.length >= 2 && log[log.length - 2]!.level === level) log.pop();
    else last.level = level;
  }

  /** Adds to the integral an amount accrued elsewhere (a lazily accounted period), without a sample. */
  credit(amount: number): void {
    this.integralAtChange += amount;
  }

  /** ∫ level dt from construction to now (e.g. busy core-ms, or bytes for a rate in bytes/ms). */
  integral(): number {
    return this.integralAtChange + this.levelNow * (this.clock.now() - this.changedAt);
  }

  /** Mean level / capacity since construction (0 when no time has passed). */
  meanUtilisation(): number {
    const elapsed = this.clock.now() - this.startedAt;
    return elapsed > 0 ? this.integral() / (elapsed * this.capacity) : 0;
  }

  /** The recorded step function (empty unless recordSamples was set). */
  samples(): readonly LevelSample[] {
    return this.sampleLog ?? [];
  }
}
