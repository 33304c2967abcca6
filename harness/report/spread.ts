// Per-point spread over repeats (`repeat: n`): for the run's headline metric (the first of
// HEADLINE_METRICS the points have), each point's mean, min, max, sample standard deviation and
// coefficient of variation across its repeats, as one table for the console (octobench run),
// summary.md and index.html. Pure: points in, table out; nothing when no point ran more than once.
import type { PointResult } from '../metrics/results.js';
import { HEADLINE_METRICS } from './findings.js';
import { metricNumber, parseMetricRef, pointLabel, sweptParams } from './model.js';

export interface Spread { label: string; n: number; mean: number; min: number; max: number; sd: number }

export function spreads(points: readonly PointResult[]): { metric: string; unit: string; rows: Spread[] } | undefined {
  if (!points.some((p) => p.repeat > 0)) return undefined;
  const metric = HEADLINE_METRICS.find((ref) => points.some((p) => metricNumber(p, parseMetricRef(ref)) !== undefined));
  if (metric === undefined) return undefined;
  const ref = parseMetricRef(metric);
  const swept = sweptParams(points);
  const byPoint = new Map<number, PointResult[]>();
  for (const p of points) byPoint.set(p.index, [...(byPoint.get(p.index) ?? []), p]);
  const rows: Spread[] = [];
  for (const group of byPoint.values()) {
    const values = group.map((p) => metricNumber(p, ref)).filter((v): v is number => v !== undefined);
    if (values.length === 0) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = values.length < 2 ? 0 : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
    rows.push({ label: pointLabel({ ...group[0]!, repeat: 0 }, swept), n: values.length, mean, min: Math.min(...values), max: Math.max(...values), sd });
  }
  const unit = points.map((p) => p.metrics[ref.name]?.unit).find((u) => u !== undefined) ?? '';
  return { metric, unit, rows };
}

export interface SpreadTable {
  caption: string;
  header: string[];
  rows: string[][];
}

const fixed = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

/** The spreads as a table (undefined without repeats). */
export function spreadTable(points: readonly PointResult[]): SpreadTable | undefined {
  const s = spreads(points);
  if (s === undefined) return undefined;
  return {
    caption: `spread over repeats: ${s.metric} (${s.unit}); sd is the sample standard deviation, cv = sd ÷ mean`,
    header: ['point', 'n', 'mean', 'min', 'max', 'sd', 'cv'],
    rows: s.rows.map((r) => [r.label, String(r.n), fixed(r.mean), fixed(r.min), fixed(r.max), fixed(r.sd), r.mean === 0 ? '–' : `${((r.sd / r.mean) * 100).toFixed(1)} %`]),
  };
}

/** The table as Markdown lines, caption first (empty without repeats). */
export function spreadLines(points: readonly PointResult[]): string[] {
  const t = spreadTable(points);
  if (t === undefined) return [];
  return [t.caption, `| ${t.header.join(' | ')} |`, `|${t.header.map(() => '---').join('|')}|`, ...t.rows.map((r) => `| ${r.join(' | ')} |`)];
}
