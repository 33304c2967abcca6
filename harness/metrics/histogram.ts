// Latency distributions as HDR histograms: recorded in microseconds (1 µs .. 1 hour, 3 significant
// digits), mergeable across workers, and shipped between threads/processes in the standard compressed
// base64 HDR encoding. Percentiles are always read from a (merged) histogram, never averaged.
//
// Choice: the pure-JS build of hdr-histogram-js (Int32 counts). Its WASM build needs an async init and
// an explicit destroy() per histogram (memory leaks otherwise); the JS build records ~6.7M values/s,
// far more than a load driver produces. There is deliberately no coordinated-omission back-fill here:
// the open model corrects it by measuring from the real intended start time.
import * as hdr from 'hdr-histogram-js';

/** 1 hour in microseconds: the highest trackable value; larger values are clamped (and counted). */
export const HISTOGRAM_MAX_US = 3_600_000_000;
export const HISTOGRAM_SIGNIFICANT_DIGITS = 3;

export type LatencyUnit = 'us' | 'ms' | 's';

const US_PER_UNIT: Record<LatencyUnit, number> = { us: 1, ms: 1_000, s: 1_000_000 };

export interface LatencySummary {
  unit: LatencyUnit;
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
}

function newHdr(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HISTOGRAM_MAX_US,
    numberOfSignificantValueDigits: HISTOGRAM_SIGNIFICANT_DIGITS,
    bitBucketSize: 32,
    autoResize: false,
    useWebAssembly: false,
  });
}

export class LatencyHistogram {
  private readonly hist: hdr.Histogram;
  /** Values above one hour that were recorded as one hour. */
  private clampedCount = 0;

  constructor(hist?: hdr.Histogram) {
    this.hist = hist ?? newHdr();
  }

  /** Records one latency given in milliseconds (fractional allowed; negative values count as 0). */
  record(valueMs: number): void {
    if (!Number.isFinite(valueMs)) throw new RangeError(`latency must be finite, got ${valueMs}`);
    let us = Math.round(valueMs * 1_000);
    if (us < 0) us = 0;
    if (us > HISTOGRAM_MAX_US) {
      us = HISTOGRAM_MAX_US;
      this.clampedCount++;
    }
    this.hist.recordValue(us);
  }

  get count(): number {
    return this.hist.totalCount;
  }

  /** How many recorded values exceeded one hour (kept as one hour). Not carried through encode(). */
  get clamped(): number {
    return this.clampedCount;
  }

  /** Adds another histogram's counts into this one (exact: same bucket layout). */
  merge(other: LatencyHistogram): this {
    this.hist.add(other.hist);
    this.clampedCount += other.clampedCount;
    return this;
  }

  /** Value (in `unit`) at or below which `percentile` % of the values fall (HDR highest-equivalent). */
  percentile(percentile: number, unit: LatencyUnit = 'ms'): number {
    if (this.count === 0) return 0;
    return this.hist.getValueAtPercentile(percentile) / US_PER_UNIT[unit];
  }

  summary(unit: LatencyUnit = 'ms'): LatencySummary {
    const scale = US_PER_UNIT[unit];
    if (this.count === 0) return { unit, count: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0, min: 0 };
    const at = (p: number) => this.hist.getValueAtPercentile(p) / scale;
    return {
      unit,
      count: this.count,
      mean: this.hist.mean / scale,
      p50: at(50),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      // Read max and min through the bucket layout, so that they survive encode/decode unchanged.
      max: at(100),
      min: at(0),
    };
  }

  /** The standard compressed base64 HDR encoding ("HISTFAAA…"), readable by other HDR tools. */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.hist);
  }

  static decode(encoded: string): LatencyHistogram {
    const decoded = hdr.decodeFromCompressedBase64(encoded, 32, false);
    // Re-home the counts into a histogram with our fixed layout, so later merges never resize.
    const out = new LatencyHistogram();
    out.hist.add(decoded);
    return out;
  }

  /** Merges many histograms (e.g. one per worker) into a new one. */
  static mergeAll(parts: Iterable<LatencyHistogram>): LatencyHistogram {
    const out = new LatencyHistogram();
    for (const part of parts) out.merge(part);
    return out;
  }
}
