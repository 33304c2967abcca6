// A metric over a swept parameter, one line per series (another parameter, or the combination of the
// other swept ones). Repeats of a point are averaged, with a standard-deviation error bar.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../../metrics/results.js';
import { isNumericParam, metricLabel, metricNumber, metricUnit, paramLabel, parseMetricRef, sweptParams } from '../model.js';
import { capSeries, seriesColor, seriesLabel, valueAxis } from './axis.js';
import { BASE_CONFIG, MAX_SERIES, VEGA_LITE_SCHEMA, chartId, seriesParamsOf, type Chart, type ChartDeclaration } from './common.js';

export function sweepChart(result: RunResult, declaration: ChartDeclaration): Chart | undefined {
  const x = declaration.x;
  if (x === undefined) return undefined;
  const ref = parseMetricRef(declaration.metric);
  const points = result.points.filter((p) => p.params[x] !== undefined && metricNumber(p, ref) !== undefined);
  if (points.length === 0) return undefined;
  const seriesParams = seriesParamsOf(declaration, sweptParams(points), [x]);
  const all = points.map((p) => ({ x: p.params[x]!, value: metricNumber(p, ref)!, series: seriesLabel(p, seriesParams) }));
  const { rows, note } = capSeries(all, MAX_SERIES);
  const repeats = points.some((p) => p.repeat > 0);
  const numeric = isNumericParam(points, x);
  const unit = metricUnit(result, ref.name);
  const title = declaration.title ?? `${metricLabel(ref)} by ${paramLabel(x)}`;
  const xEnc = { field: 'x', type: numeric ? ('quantitative' as const) : ('ordinal' as const), title: paramLabel(x) };
  const yEnc = { field: 'value', type: 'quantitative' as const, aggregate: 'mean' as const, axis: valueAxis(metricLabel(ref), unit) };
  const color = seriesParams.length === 0 ? {} : { color: seriesColor(seriesParams) };
  const subtitle = [repeats ? 'mean of repeats, bar: ±1 standard deviation' : '', note ?? ''].filter((s) => s !== '');
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle.length === 0 ? { text: title } : { text: title, subtitle },
    width: 520,
    height: 300,
    background: 'white',
    config: BASE_CONFIG,
    data: { values: rows },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x: xEnc, y: yEnc, ...color } },
      ...(repeats ? [{ mark: { type: 'errorbar' as const, extent: 'stdev' as const }, encoding: { x: xEnc, y: { field: 'value', type: 'quantitative' as const }, ...color } }] : []),
    ],
  };
  const id = chartId('sweep', declaration.metric, 'by', x, ...(declaration.series === undefined ? [] : ['per', ...seriesParams]));
  return { id, title, declaration, spec };
}
