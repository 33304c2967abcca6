// Side-by-side bars for legacy vs the other APIs (executions, the official client) per operation, with
// the ratio (legacy ÷ that API) written above each non-legacy bar. Other swept parameters (e.g. RTT)
// become columns, one panel per value. With another baseline it compares any series (run A vs run B).
import type { TopLevelSpec } from 'vega-lite';
import type { PointResult, RunResult } from '../../metrics/results.js';
import { metricLabel, metricNumber, metricUnit, paramLabel, parseMetricRef, sweptParams, times, type MetricRef } from '../model.js';
import { seriesLabel, valueAxis } from './axis.js';
import { BASE_CONFIG, VEGA_LITE_SCHEMA, chartId, type Chart, type ChartDeclaration, type Row } from './common.js';

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Mean over repeats of the metric for each (x, series, group) cell. */
function cells(points: readonly PointResult[], ref: MetricRef, x: string, series: string, groupParams: string[]): Map<string, { x: string; api: string; group: string; values: number[] }> {
  const out = new Map<string, { x: string; api: string; group: string; values: number[] }>();
  for (const p of points) {
    const v = metricNumber(p, ref);
    if (v === undefined || p.params[x] === undefined || p.params[series] === undefined) continue;
    const cell = { x: String(p.params[x]), api: String(p.params[series]), group: seriesLabel(p, groupParams) };
    const key = JSON.stringify([cell.x, cell.api, cell.group]);
    const found = out.get(key) ?? { ...cell, values: [] };
    found.values.push(v);
    out.set(key, found);
  }
  return out;
}

/** Baseline ÷ other, as "16×" (or "0.5×" when the other needs more). */
export function ratioText(legacy: number, other: number): string {
  return other === 0 ? '–' : times(legacy / other);
}

export function apiCompareChart(result: RunResult, declaration: ChartDeclaration): Chart | undefined {
  const ref = parseMetricRef(declaration.metric);
  const x = declaration.x ?? 'operation';
  const series = typeof declaration.series === 'string' ? declaration.series : declaration.series?.[0] ?? 'api';
  const baseline = declaration.baseline ?? 'legacy';
  const groupParams = declaration.groupBy ?? sweptParams(result.points).filter((k) => k !== x && k !== series);
  const byCell = cells(result.points, ref, x, series, groupParams);
  if (byCell.size === 0) return undefined;
  const rows: Row[] = [];
  for (const c of byCell.values()) rows.push({ kind: 'value', x: c.x, api: c.api, group: c.group, value: mean(c.values), label: null });
  for (const c of byCell.values()) {
    if (c.api === baseline) continue;
    const legacy = byCell.get(JSON.stringify([c.x, baseline, c.group]));
    if (legacy === undefined) continue;
    const value = mean(c.values);
    rows.push({ kind: 'ratio', x: c.x, api: c.api, group: c.group, value, label: ratioText(mean(legacy.values), value) });
  }
  const unit = metricUnit(result, ref.name);
  const title = declaration.title ?? `${metricLabel(ref)}: ${baseline} vs ${[...new Set(rows.map((r) => r.api))].filter((a) => a !== baseline).join(', ')}`;
  const encoding = {
    x: { field: 'x', type: 'nominal' as const, title: paramLabel(x), axis: { labelAngle: new Set([...byCell.values()].map((c) => c.x)).size > 6 ? -35 : 0, labelLimit: 220 } },
    xOffset: { field: 'api', type: 'nominal' as const },
    y: { field: 'value', type: 'quantitative' as const, axis: valueAxis(metricLabel(ref), unit) },
  };
  const layer = [
    { transform: [{ filter: "datum.kind === 'value'" }], mark: { type: 'bar' as const }, encoding: { ...encoding, color: { field: 'api', type: 'nominal' as const, title: paramLabel(series) } } },
    { transform: [{ filter: "datum.kind === 'ratio'" }], mark: { type: 'text' as const, dy: -7, fontSize: 11 }, encoding: { ...encoding, text: { field: 'label', type: 'nominal' as const } } },
  ];
  const subtitle = `above a bar: ${baseline} ÷ that ${series === 'api' ? 'API' : paramLabel(series)}`;
  const base = { $schema: VEGA_LITE_SCHEMA, title: { text: title, subtitle }, background: 'white', config: BASE_CONFIG, data: { values: rows } };
  const spec: TopLevelSpec = groupParams.length === 0
    ? { ...base, width: 520, height: 300, layer }
    : { ...base, facet: { column: { field: 'group', type: 'nominal', title: groupParams.map(paramLabel).join(', ') } }, spec: { width: 260, height: 300, layer } };
  return { id: chartId('api-compare', declaration.metric, 'by', x), title, declaration, spec };
}
