// Axis helpers shared by the chart builders: a quantitative axis title and number format chosen from
// the metric's unit (bytes as 38k, ratios as percentages), and series labels from parameter values.
import type { PointResult } from '../../metrics/results.js';
import { paramLabel } from '../model.js';

export function unitTitle(label: string, unit: string): string {
  return unit === '' || unit === 'count' || unit === 'ratio' ? label : `${label} (${unit})`;
}

export function unitFormat(unit: string): string | undefined {
  if (unit === 'bytes') return '~s';
  if (unit === 'ratio') return '.0%';
  return undefined;
}

/** The quantitative value axis for a unit: `{ title, format? }`. */
export function valueAxis(label: string, unit: string): { title: string; format?: string } {
  const format = unitFormat(unit);
  return format === undefined ? { title: unitTitle(label, unit) } : { title: unitTitle(label, unit), format };
}

/** A point's series label: the values of the given parameters ("60 · create-release · legacy"). */
export function seriesLabel(point: PointResult, params: readonly string[]): string {
  return params.map((k) => String(point.params[k])).join(' · ');
}

/** The legend title for series labelled by `seriesLabel`: "RTT (ms) · operation · api". */
export function legendTitle(params: readonly string[], none = 'run'): string {
  return params.length === 0 ? none : params.map(paramLabel).join(' · ');
}

/** A nominal color channel over `series` with enough distinct colours for MAX_SERIES lines. */
export function seriesColor(params: readonly string[]) {
  return { field: 'series', type: 'nominal' as const, title: legendTitle(params), sort: null, scale: { scheme: 'tableau20' } };
}

/** Keeps the first `max` distinct series (in first-seen order); says how many were left out. */
export function capSeries<T extends { series: string }>(rows: T[], max: number): { rows: T[]; note?: string } {
  const names = [...new Set(rows.map((r) => r.series))];
  if (names.length <= max) return { rows };
  const kept = new Set(names.slice(0, max));
  return { rows: rows.filter((r) => kept.has(r.series)), note: `first ${max} of ${names.length} series; every point is in points.csv` };
}
