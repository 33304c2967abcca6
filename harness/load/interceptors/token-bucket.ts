// A token bucket in bytes/second for pacing an emulated link. One bucket is one direction of one link;
// share a bucket between many clients to model a shared link (e.g. the server's uplink). Reservations
// are first come, first served and may go into debt: take(n) resolves when n bytes would have been
// serialised onto the link. With burstBytes = 0 (default) it is a pure serialisation delay, n / rate.
import type { Clock } from '../../core/clock.js';

/** Large transfers are paced in slices (at least this big, at least 1 ms of the rate), so that
 *  concurrent users of one bucket interleave fairly. */
export const PACING_SLICE_BYTES = 8 * 1024;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly sliceBytes: number;

  constructor(
    private readonly clock: Clock,
    readonly bytesPerSec: number,
    readonly burstBytes = 0,
  ) {
    if (!Number.isFinite(bytesPerSec) || bytesPerSec <= 0) throw new RangeError(`bytesPerSec must be > 0, got ${bytesPerSec}`);
    if (!Number.isFinite(burstBytes) || burstBytes < 0) throw new RangeError(`burstBytes must be ≥ 0, got ${burstBytes}`);
    this.tokens = burstBytes;
    this.updatedAt = clock.now();
    this.sliceBytes = Math.max(PACING_SLICE_BYTES, Math.ceil(bytesPerSec / 1_000));
  }

  /**
   * Reserves n bytes as of time `at` (default now; never later than now, never before the last
   * reservation) and returns the absolute time at which they have passed the link.
   */
  reserve(bytes: number, at?: number): number {
    const now = this.clock.now();
    const t = Math.max(this.updatedAt, Math.min(at ?? now, now));
    this.tokens = Math.min(this.burstBytes, this.tokens + ((t - this.updatedAt) * this.bytesPerSec) / 1_000);
    this.updatedAt = t;
    this.tokens -= bytes;
    return this.tokens >= 0 ? t : t + (-this.tokens * 1_000) / this.bytesPerSec;
  }

  /**
   * Sends n bytes slice by slice and resolves at the time the last one has passed, which it returns.
   * Time is kept logically: a slice is reserved as of the previous slice's due time (or `at`), so a
   * timer that fires late shortens the next wait instead of slowing the link down.
   */
  async take(bytes: number, at?: number): Promise<number> {
    let due = Math.min(at ?? this.clock.now(), this.clock.now());
    for (let left = bytes; left > 0; left -= this.sliceBytes) {
      due = this.reserve(Math.min(left, this.sliceBytes), due);
      const wait = due - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
    }
    return due;
  }
}
