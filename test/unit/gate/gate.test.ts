// The regression gate over exact results: identical runs pass; a median worse by more than the
// tolerance regresses (single runs), unless both runs repeated the point and their ranges overlap
// (within-noise); improvements pass; a missing or unfinished point fails; higher-is-better metrics.
import { describe, expect, it } from 'vitest';
import { defaultGateMetric, gate } from '../../../harness/gate/gate.js';
import { gateJunit } from '../../../harness/gate/junit.js';
import type { PointResult, RunResult } from '../../../harness/metrics/results.js';
import { fixture } from '../report/helpers.js';

const base = fixture('sim-sweep');
const options = { metric: 'run.makespan', tolerance: 0.1 };

/** The sweep with the makespan of the acquire parallelism `p` point scaled by `factor`. */
function scaled(p: number, factor: number, from: RunResult = base): RunResult {
  return {
    ...from,
    points: from.points.map((pt) => pt.params['deployment.acquireParallelism'] !== p ? pt
      : { ...pt, metrics: { ...pt.metrics, 'run.makespan': { unit: 's', value: (pt.metrics['run.makespan'] as { value: number }).value * factor } } }),
  };
}

/** A one-point run with the given makespans as repeats. */
function repeats(values: number[], status: PointResult['status'] = 'ok'): RunResult {
  return {
    ...base,
    points: values.map((v, repeat) => ({
      index: 0, repeat, params: { 'deployment.acquireParallelism': 10 }, seed: repeat, wallMs: 1, status, metrics: { 'run.makespan': { unit: 's', value: v } },
    })),
  };
}

const verdicts = (r: ReturnType<typeof gate>) => r.rows.map((row) => `${row.point}: ${row.verdict}`);

describe('regression gate', () => {
  it('takes the headline metric by default and passes identical runs', () => {
    expect(defaultGateMetric(base)).toBe('run.makespan');
    const r = gate(base, base, options);
    expect(r.passed).toBe(true);
    expect(r.rows).toHaveLength(7);
    expect(r.rows.every((row) => row.verdict === 'ok' && row.ratio === 1)).toBe(true);
  });

  it('a point 20 % slower regresses and fails the gate; 5 % slower is within tolerance; 30 % faster is an improvement', () => {
    const r = gate(base, scaled(20, 0.7, scaled(10, 1.05, scaled(5, 1.2))), options);
    expect(verdicts(r).slice(0, 3)).toEqual(['acquire parallelism=5: regressed', 'acquire parallelism=10: ok', 'acquire parallelism=20: improved']);
    expect(r.rows[0]).toMatchObject({ baseline: { n: 1, median: 900 }, current: { n: 1, median: 1080 } });
    expect(r.rows[0]!.ratio).toBeCloseTo(1.2, 12);
    expect(r.passed).toBe(false);
    expect(gate(base, scaled(20, 0.7, scaled(10, 1.05)), options).passed).toBe(true);
  });

  it('with repeats on both sides, a worse median whose range overlaps the baseline is within noise; apart ranges regress', () => {
    const baseline = repeats([100, 110, 130]);
    expect(gate(baseline, repeats([118, 125, 135]), options).rows[0]).toMatchObject({ verdict: 'within-noise', baseline: { n: 3, median: 110, min: 100, max: 130 } });
    expect(gate(baseline, repeats([118, 125, 135]), options).passed).toBe(true);
    expect(gate(baseline, repeats([131, 140, 150]), options).rows[0]!.verdict).toBe('regressed');
    // One current run: the median rule alone.
    expect(gate(baseline, repeats([125]), options).rows[0]!.verdict).toBe('regressed');
  });

  it('a baseline point that is missing or did not finish in the current run fails the gate', () => {
    const fewer = { ...base, points: base.points.filter((p) => p.params['deployment.acquireParallelism'] !== 40) };
    const r = gate(base, fewer, options);
    expect(r.rows.find((row) => row.verdict === 'missing')).toMatchObject({ point: 'acquire parallelism=40', current: undefined, ratio: undefined });
    expect(r.passed).toBe(false);
    expect(gate(repeats([100]), repeats([100], 'failed'), options).rows[0]!.verdict).toBe('missing');
  });

  it('for a higher-is-better metric a drop regresses', () => {
    const ops = (v: number): RunResult => ({ ...repeats([1]), points: [{ ...repeats([1]).points[0]!, metrics: { operations: { unit: 'operations', value: v } } }] });
    expect(gate(ops(100), ops(80), { metric: 'operations', tolerance: 0.1, higherIsBetter: true }).rows[0]!.verdict).toBe('regressed');
    expect(gate(ops(100), ops(130), { metric: 'operations', tolerance: 0.1, higherIsBetter: true }).rows[0]!.verdict).toBe('improved');
    expect(gate(ops(100), ops(80), { metric: 'operations', tolerance: 0.1 }).rows[0]!.verdict).toBe('improved');
  });

  it('writes the verdict as JUnit XML: one test case per point, a failure for regressed and missing points, names escaped', () => {
    const fewer = { ...base, points: base.points.filter((p) => p.params['deployment.acquireParallelism'] !== 40) };
    const r = gate(base, scaled(5, 1.2, fewer), options);
    const lines = gateJunit(r, 'sweep <A&B>', 10).split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="octobench gate" tests="7" failures="2">',
      '  <testsuite name="sweep &lt;A&amp;B&gt;: run.makespan" tests="7" failures="2" errors="0" skipped="0">',
      '    <testcase classname="sweep &lt;A&amp;B&gt;.run.makespan" name="acquire parallelism=5" time="0">',
      '      <failure message="regressed: median 900 → 1080 (+20.0 %; tolerance 10 %)" type="regressed"/>',
    ]);
    expect(lines).toContain('    <testcase classname="sweep &lt;A&amp;B&gt;.run.makespan" name="acquire parallelism=10" time="0"/>');
    expect(lines).toContain('      <failure message="missing: the current run has no finished repeat of this point" type="missing"/>');
    expect(lines.slice(-3)).toEqual(['  </testsuite>', '</testsuites>', '']);
  });
});
