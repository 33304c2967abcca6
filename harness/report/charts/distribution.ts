// Distributions of one metric, one curve per point: the ECDF (share of targets done by each time) and
// the latency percentile spectrum (value at 0 % … 99.999 % on a "nines" axis). Both read the point's
// HDR histogram when the result carries one; the ECDF otherwise steps through the summary percentiles.
import type { TopLevelSpec } from 'vega-lite';
import { LatencyHistogram, type LatencyUnit } from '../../metrics/histogram.js';
import { isDistributionMetric, type DistributionMetric } from '../../metrics/metric.js';
import type { RunResult } from '../../metrics/results.js';
import { metricLabel, sweptParams } from '../model.js';
import { capSeries, seriesColor, seriesLabel, valueAxis } from './axis.js';
import { BASE_CONFIG, MAX_SERIES, VEGA_LITE_SCHEMA, chartId, seriesParamsOf, type Chart, type ChartDeclaration } from './common.js';

const ECDF_PERCENTILES = Array.from({ length: 101 }, (_, i) => i);
export const SPECTRUM_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999];

const round = (v: number): number => Number(v.toPrecision(6));

function histogramUnit(unit: string): LatencyUnit | undefined {
  return unit === 'us' || unit === 'ms' || unit === 's' ? unit : undefined;
}

/** [percentile, value] pairs: from the histogram when there is one, else the summary's percentiles. */
export function percentilePairs(metric: DistributionMetric, percentiles: readonly number[]): [number, number][] {
  const unit = histogramUnit(metric.unit);
  if (metric.histogram !== undefined && unit !== undefined) {
    const h = LatencyHistogram.decode(metric.histogram);
    return percentiles.map((p) => [p, round(h.percentile(p, unit))]);
  }
  return [[50, metric.p50], [90, metric.p90], [95, metric.p95], [99, metric.p99], [100, metric.max]];
}

function distributions(result: RunResult, declaration: ChartDeclaration) {
  const seriesParams = seriesParamsOf(declaration, sweptParams(result.points));
  return result.points.flatMap((p) => {
    const m = p.metrics[declaration.metric];
    return m !== undefined && isDistributionMetric(m) && m.count > 0 ? [{ metric: m, series: seriesLabel(p, seriesParams) || 'all' }] : [];
  });
}

function base(title: string, subtitle: string[], rows: object[]) {
  return { $schema: VEGA_LITE_SCHEMA, title: subtitle.length === 0 ? { text: title } : { text: title, subtitle }, width: 520, height: 300, background: 'white', config: BASE_CONFIG, data: { values: rows } };
}

export function ecdfChart(result: RunResult, declaration: ChartDeclaration): Chart | undefined {
  const found = distributions(result, declaration);
  if (found.length === 0) return undefined;
  const all = found.flatMap(({ metric, series }) => percentilePairs(metric, ECDF_PERCENTILES).map(([p, value]) => ({ series, value, share: p / 100 })));
  const { rows, note } = capSeries(all, MAX_SERIES);
  const fromSummary = found.some((f) => f.metric.histogram === undefined);
  const unit = found[0]!.metric.unit;
  const ref = { name: declaration.metric };
  const title = declaration.title ?? `${metricLabel(ref)}: cumulative share`;
  const subtitle = [fromSummary ? 'stepped through p50, p90, p95, p99 and max (the result has no histogram)' : '', note ?? ''].filter((s) => s !== '');
  const spec: TopLevelSpec = {
    ...base(title, subtitle, rows),
    mark: { type: 'line', interpolate: 'step-after', point: fromSummary },
    encoding: {
      x: { field: 'value', type: 'quantitative', axis: valueAxis(metricLabel(ref), unit) },
      y: { field: 'share', type: 'quantitative', title: 'share done', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: seriesColor(seriesParamsOf(declaration, sweptParams(result.points))),
    },
  };
  return { id: chartId('ecdf', declaration.metric), title, declaration, spec };
}

export function spectrumChart(result: RunResult, declaration: ChartDeclaration): Chart | undefined {
  const found = distributions(result, declaration).filter((f) => f.metric.histogram !== undefined && histogramUnit(f.metric.unit) !== undefined);
  if (found.length === 0) return undefined;
  const all = found.flatMap(({ metric, series }) =>
    percentilePairs(metric, SPECTRUM_PERCENTILES).map(([p, value]) => ({ series, percentile: p, nines: round(-Math.log10(1 - p / 100)), value })));
  const { rows, note } = capSeries(all, MAX_SERIES);
  const ref = { name: declaration.metric };
  const title = declaration.title ?? `${metricLabel(ref)}: percentile spectrum`;
  const spec: TopLevelSpec = {
    ...base(title, note === undefined ? [] : [note], rows),
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'nines', type: 'quantitative', title: 'percentile', axis: { values: [0, 1, 2, 3, 4, 5], labelExpr: "format(100 - 100 * pow(10, -datum.value), '.5~f') + '%'" } },
      y: { field: 'value', type: 'quantitative', axis: valueAxis(metricLabel(ref), found[0]!.metric.unit) },
      color: seriesColor(seriesParamsOf(declaration, sweptParams(result.points))),
      tooltip: [{ field: 'series', type: 'nominal' }, { field: 'percentile', type: 'quantitative' }, { field: 'value', type: 'quantitative' }],
    },
  };
  return { id: chartId('spectrum', declaration.metric), title, declaration, spec };
}
