// The regression gate (`octobench gate baseline.json current.json`): for every point of the baseline,
// the same point of the current run (matched by its parameters; repeats pooled) and one metric (the
// headline one unless named). A point regresses when the current median is worse than the baseline
// median by more than the tolerance and, when both sides ran at least twice, every current repeat is
// worse than every baseline repeat (ranges apart): on noisy machines a shift inside the spread is not a
// regression. A baseline point the current run lacks, or did not finish, fails the gate too: a gate
// that cannot see a point cannot vouch for it. Pure: two results in, rows and a verdict out.
import type { PointResult, RunResult } from '../metrics/results.js';
import { HEADLINE_METRICS } from '../report/findings.js';
import { metricNumber, parseMetricRef, pointLabel, sweptParams } from '../report/model.js';

export interface GateOptions {
  /** Metric reference (`run.makespan`, `operationDuration:p95`); defaultGateMetric gives the headline one. */
  metric: string;
  /** Allowed worsening of the median, as a fraction (0.1 = 10 %). */
  tolerance: number;
  /** Default false: the metric is a duration or a cost, lower is better. */
  higherIsBetter?: boolean;
}

export interface Sample { n: number; median: number; min: number; max: number }

export type GateVerdict = 'ok' | 'within-noise' | 'improved' | 'regressed' | 'missing';

export interface GateRow {
  point: string;
  baseline: Sample;
  current: Sample | undefined;
  /** Current ÷ baseline median (undefined when missing). */
  ratio: number | undefined;
  verdict: GateVerdict;
}

export interface GateResult {
  metric: string;
  rows: GateRow[];
  passed: boolean;
}

const paramsKey = (p: PointResult): string => JSON.stringify(Object.entries(p.params).sort(([a], [b]) => a.localeCompare(b)));

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function sample(values: number[]): Sample | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, median: median(sorted), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** The metric's values of every finished repeat, by point parameters, in first-seen order. */
function byPoint(result: RunResult, metric: string): Map<string, { first: PointResult; values: number[] }> {
  const ref = parseMetricRef(metric);
  const out = new Map<string, { first: PointResult; values: number[] }>();
  for (const p of result.points) {
    const key = paramsKey(p);
    const cell = out.get(key) ?? { first: p, values: [] };
    out.set(key, cell);
    const v = p.status === 'ok' ? metricNumber(p, ref) : undefined;
    if (v !== undefined) cell.values.push(v);
  }
  return out;
}

/** A row's change as text: "+20.0 %", "-3.1 %", "+∞" (baseline 0), "–" (missing). */
export function percentChange(ratio: number | undefined): string {
  if (ratio === undefined) return '–';
  if (!Number.isFinite(ratio)) return '+∞';
  const pct = (ratio - 1) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %`;
}

/** The metric the gate reads by default: the first headline metric the baseline has. */
export function defaultGateMetric(baseline: RunResult): string | undefined {
  return HEADLINE_METRICS.find((ref) => baseline.points.some((p) => metricNumber(p, parseMetricRef(ref)) !== undefined));
}

function verdictOf(base: Sample, cur: Sample, options: GateOptions): GateVerdict {
  const worse = options.higherIsBetter === true ? base.median / cur.median : cur.median / base.median;
  const apartWorse = options.higherIsBetter === true ? cur.max < base.min : cur.min > base.max;
  const apartBetter = options.higherIsBetter === true ? cur.min > base.max : cur.max < base.min;
  const repeated = base.n >= 2 && cur.n >= 2;
  if (worse > 1 + options.tolerance) return !repeated || apartWorse ? 'regressed' : 'within-noise';
  if (worse < 1 / (1 + options.tolerance)) return !repeated || apartBetter ? 'improved' : 'within-noise';
  return 'ok';
}

export function gate(baseline: RunResult, current: RunResult, options: GateOptions): GateResult {
  const base = byPoint(baseline, options.metric);
  const cur = byPoint(current, options.metric);
  const swept = sweptParams(baseline.points);
  const rows: GateRow[] = [];
  for (const [key, cell] of base) {
    const b = sample(cell.values);
    if (b === undefined) continue; // the baseline has no value here: nothing to hold the current run to
    const c = sample(cur.get(key)?.values ?? []);
    const point = pointLabel({ ...cell.first, repeat: 0 }, swept);
    if (c === undefined) rows.push({ point, baseline: b, current: undefined, ratio: undefined, verdict: 'missing' });
    else rows.push({ point, baseline: b, current: c, ratio: b.median === 0 ? (c.median === 0 ? 1 : Infinity) : c.median / b.median, verdict: verdictOf(b, c, options) });
  }
  return { metric: options.metric, rows, passed: rows.length > 0 && rows.every((r) => r.verdict !== 'regressed' && r.verdict !== 'missing') };
}
