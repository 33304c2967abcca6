// LatencyHistogram: worker-split samples merged (directly and through encode/decode) must give exactly
// the percentiles of one histogram of all samples; units, clamping and empty summaries are exact.
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../harness/core/random.js';
import { HISTOGRAM_MAX_US, LatencyHistogram } from '../../../harness/metrics/histogram.js';

function samples(count: number): number[] {
  const rng = new RandomStream(42);
  const out: number[] = [];
  // A long-tailed mix: mostly ~5 ms, a few multi-second stalls, some sub-millisecond values.
  for (let i = 0; i < count; i++) out.push(i % 97 === 0 ? rng.uniform(1_000, 5_000) : rng.logNormal(5, 0.8));
  return out;
}

function fill(values: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of values) h.record(v);
  return h;
}

describe('LatencyHistogram', () => {
  const all = samples(20_000);
  const whole = fill(all);
  // Four "workers", each with an interleaved share of the samples.
  const workers = [0, 1, 2, 3].map((w) => fill(all.filter((_, i) => i % 4 === w)));

  it('merging worker histograms gives exactly the same summary as one histogram of all samples', () => {
    const merged = LatencyHistogram.mergeAll(workers);
    expect(merged.summary()).toEqual(whole.summary());
    expect(merged.summary('us')).toEqual(whole.summary('us'));
    for (const p of [0, 10, 50, 75, 90, 95, 99, 99.9, 99.99, 100]) expect(merged.percentile(p)).toBe(whole.percentile(p));
  });

  it('merging after an encode/decode round trip (how worker threads send them) is still exact', () => {
    const encoded = workers.map((w) => w.encode());
    for (const e of encoded) expect(e.startsWith('HISTF')).toBe(true);
    const merged = LatencyHistogram.mergeAll(encoded.map((e) => LatencyHistogram.decode(e)));
    expect(merged.summary()).toEqual(whole.summary());
    expect(LatencyHistogram.decode(whole.encode()).summary()).toEqual(whole.summary());
  });

  it('a worker histogram differs from the whole (the test above could fail)', () => {
    expect(workers[0]!.summary()).not.toEqual(whole.summary());
    expect(workers[0]!.count).toBe(5_000);
  });

  it('records milliseconds at microsecond resolution and reports in the requested unit', () => {
    // Below 2048 µs every microsecond has its own bucket, so these are exact.
    const h = fill([0.1, 0.2, 0.3, 0.4, 2]);
    expect(h.summary('ms')).toEqual({ unit: 'ms', count: 5, mean: 0.6, p50: 0.3, p90: 2, p95: 2, p99: 2, max: 2, min: 0.1 });
    expect(h.summary('us').p50).toBe(300);
    // Above that, buckets widen (3 significant digits): 1000 ms = 1e6 µs lies in a 512 µs wide bucket
    // and percentiles report its highest equivalent value, 1000447 µs.
    h.record(1000);
    expect(h.summary('ms').max).toBe(1000.447);
    expect(h.summary('us').p50).toBe(300);
    expect(h.summary('s').min).toBe(0.0001);
    const small = fill([0.0004, 0.0006, 2.047]);
    expect(small.summary('us')).toMatchObject({ min: 0, p50: 1, max: 2_047 });
  });

  it('clamps values above one hour and counts them', () => {
    const h = fill([10, 2 * 3_600_000]);
    expect(h.clamped).toBe(1);
    expect(h.summary('us').max).toBeGreaterThanOrEqual(HISTOGRAM_MAX_US);
    expect(h.summary('us').max).toBeLessThan(HISTOGRAM_MAX_US * 1.001);
    expect(() => h.record(Number.NaN)).toThrow(RangeError);
  });

  it('an empty histogram summarises to zeros and encodes/decodes', () => {
    const empty = new LatencyHistogram();
    expect(empty.summary()).toEqual({ unit: 'ms', count: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0, min: 0 });
    expect(LatencyHistogram.decode(empty.encode()).count).toBe(0);
  });
});
