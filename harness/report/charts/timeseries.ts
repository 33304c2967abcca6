// A time series recorded per point (server CPU, link throughput, concurrent transfers, task queue), one
// line per point, against seconds since the point started.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../../metrics/results.js';
import { sweptParams } from '../model.js';
import { capSeries, seriesColor, seriesLabel, valueAxis } from './axis.js';
import { BASE_CONFIG, MAX_SERIES, VEGA_LITE_SCHEMA, chartId, seriesParamsOf, type Chart, type ChartDeclaration } from './common.js';

const SERIES_LABELS: Record<string, string> = {
  'server.cpuUtilisation': 'server CPU utilisation',
  'transfers.concurrent': 'concurrent transfers',
  'taskQueue.length': 'task queue length',
};

export function seriesTitle(name: string): string {
  return SERIES_LABELS[name] ?? name;
}

export function timeseriesChart(result: RunResult, declaration: ChartDeclaration): Chart | undefined {
  const seriesParams = seriesParamsOf(declaration, sweptParams(result.points));
  const withSeries = result.points.filter((p) => p.series?.[declaration.metric] !== undefined);
  if (withSeries.length === 0) return undefined;
  const all = withSeries.flatMap((p) => {
    const s = p.series![declaration.metric]!;
    const label = seriesLabel(p, seriesParams) || 'run';
    return s.points.map(([t, v]) => ({ series: p.repeat > 0 ? `${label} #${p.repeat}` : label, t: t / 1000, value: v }));
  });
  const { rows, note } = capSeries(all, MAX_SERIES);
  const unit = withSeries[0]!.series![declaration.metric]!.unit;
  const title = declaration.title ?? `${seriesTitle(declaration.metric)} over time`;
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: note === undefined ? { text: title } : { text: title, subtitle: [note] },
    width: 520,
    height: 260,
    background: 'white',
    config: BASE_CONFIG,
    data: { values: rows },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time since the point started (s)' },
      y: { field: 'value', type: 'quantitative', axis: valueAxis(seriesTitle(declaration.metric), unit) },
      color: seriesColor(seriesParams),
    },
  };
  return { id: chartId('timeseries', declaration.metric), title, declaration, spec };
}
