// Counters and the results-metric helpers: exact sums across workers, sorted snapshots.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../../harness/metrics/counters.js';
import { LatencyHistogram } from '../../../harness/metrics/histogram.js';
import { distributionMetric, isDistributionMetric, valueMetric } from '../../../harness/metrics/metric.js';

describe('Counters', () => {
  it('adds, snapshots in sorted key order and merges counters and snapshots', () => {
    const a = new Counters();
    a.add('requests', 3);
    a.add('bytes.in', 100);
    a.add('requests');
    const b = new Counters();
    b.add('requests', 2);
    b.add('errors.timeout', 1);
    a.merge(b).merge({ 'bytes.in': 23 });
    expect(Object.keys(a.snapshot())).toEqual(['bytes.in', 'errors.timeout', 'requests']);
    expect(a.snapshot()).toEqual({ 'bytes.in': 123, 'errors.timeout': 1, requests: 6 });
    expect(Counters.fromSnapshot(a.snapshot()).get('requests')).toBe(6);
    expect(a.get('missing')).toBe(0);
    expect(() => a.add('x', Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('Metric', () => {
  it('builds value and distribution metrics; the embedded histogram decodes to the same numbers', () => {
    const h = new LatencyHistogram();
    for (const v of [0.5, 1, 1.5, 2]) h.record(v);
    const m = distributionMetric(h);
    expect(m).toMatchObject({ unit: 'ms', count: 4, mean: 1.25, p50: 1, p90: 2, max: 2 });
    expect(isDistributionMetric(m)).toBe(true);
    expect(LatencyHistogram.decode(m.histogram!).summary().p99).toBe(m.p99);
    expect(distributionMetric(h, { includeHistogram: false }).histogram).toBeUndefined();
    const v = valueMetric(17, 'requests');
    expect(v).toEqual({ unit: 'requests', value: 17 });
    expect(isDistributionMetric(v)).toBe(false);
  });
});
