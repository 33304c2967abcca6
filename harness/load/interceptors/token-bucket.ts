// A token bucket in bytes/second for pacing an emulated link. One bucket is one direction of one link;
// share a bucket between many clients to model a shared link (e.g. the server's uplink). Reservations
// are first come, first served and may go into debt: take(n) resolves when n bytes would have been
// serialised onto the link. With burstBytes = 0 (default) it is a pure serialisation delay, n / rate.
import type { Clock } from '../../core/clock.js';

/** Large transfers are paced in slices this big, so concurrent users of a bucket interleave fairly. */
export const PACING_SLICE_BYTES = 8 * 1024;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly clock: Clock,
    readonly bytesPerSec: number,
    readonly burstBytes = 0,
  ) {
    if (!Number.isFinite(bytesPerSec) || bytesPerSec <= 0) throw new RangeError(`bytesPerSec must be > 0, got ${bytesPerSec}`);
    if (!Number.isFinite(burstBytes) || burstBytes < 0) throw new RangeError(`burstBytes must be ≥ 0, got ${burstBytes}`);
    this.tokens = burstBytes;
    this.updatedAt = clock.now();
  }

  /** Reserves n bytes now; returns how long (ms) until they have passed (0 if within the burst). */
  reserve(bytes: number): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burstBytes, this.tokens + ((now - this.updatedAt) * this.bytesPerSec) / 1_000);
    this.updatedAt = now;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1_000) / this.bytesPerSec;
  }

  /** Resolves once n bytes have passed, reserving slice by slice so that concurrent takers interleave. */
  async take(bytes: number): Promise<void> {
    for (let left = bytes; left > 0; left -= PACING_SLICE_BYTES) {
      const wait = this.reserve(Math.min(left, PACING_SLICE_BYTES));
      if (wait > 0) await this.clock.sleep(wait);
    }
  }
}
