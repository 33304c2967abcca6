// Per-point spread over repeats (`repeat: n`): for the run's headline metric (the first of
// report/findings HEADLINE_METRICS the points have), each point's mean, min, max, standard deviation
// and coefficient of variation across its repeats, as console lines. Pure: points in, lines out;
// nothing when no point ran more than once.
import { isDistributionMetric } from '../metrics/metric.js';
import type { PointResult } from '../metrics/results.js';
import { HEADLINE_METRICS } from '../report/findings.js';
import { pointLabel } from './run-scenario.js';

export interface Spread { label: string; n: number; mean: number; min: number; max: number; sd: number }

function valueOf(p: PointResult, ref: string): number | undefined {
  const [name, stat] = ref.split(':') as [string, string | undefined];
  const m = p.metrics[name];
  if (m === undefined) return undefined;
  if (!isDistributionMetric(m)) return m.value;
  const v = (m as unknown as Record<string, unknown>)[stat ?? 'mean'];
  return typeof v === 'number' ? v : undefined;
}

export function spreads(points: readonly PointResult[]): { metric: string; unit: string; rows: Spread[] } | undefined {
  if (!points.some((p) => p.repeat > 0)) return undefined;
  const metric = HEADLINE_METRICS.find((ref) => points.some((p) => valueOf(p, ref) !== undefined));
  if (metric === undefined) return undefined;
  const byPoint = new Map<number, PointResult[]>();
  for (const p of points) byPoint.set(p.index, [...(byPoint.get(p.index) ?? []), p]);
  const rows: Spread[] = [];
  for (const group of byPoint.values()) {
    const values = group.map((p) => valueOf(p, metric)).filter((v): v is number => v !== undefined);
    if (values.length === 0) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = values.length < 2 ? 0 : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
    rows.push({ label: pointLabel(group[0]!.params, 0, 1), n: values.length, mean, min: Math.min(...values), max: Math.max(...values), sd });
  }
  const unit = points.map((p) => p.metrics[metric.split(':')[0]!]?.unit).find((u) => u !== undefined) ?? '';
  return { metric, unit, rows };
}

const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

export function spreadTable(points: readonly PointResult[]): string[] {
  const s = spreads(points);
  if (s === undefined) return [];
  return [
    '',
    `spread over repeats: ${s.metric} (${s.unit}); sd is the sample standard deviation, cv = sd ÷ mean`,
    '| point | n | mean | min | max | sd | cv |',
    '|---|---|---|---|---|---|---|',
    ...s.rows.map((r) => `| ${r.label} | ${r.n} | ${num(r.mean)} | ${num(r.min)} | ${num(r.max)} | ${num(r.sd)} | ${r.mean === 0 ? '–' : `${((r.sd / r.mean) * 100).toFixed(1)} %`} |`),
  ];
}
