// What every chart shares: the declaration a scenario (or the defaults) gives, the chart record the
// report renders, and the base of every vega-lite spec (schema URL, size, font, white background).
// Pure: data goes inline into each spec, so a spec alone reproduces its chart.
import type { TopLevelSpec } from 'vega-lite';

export const CHART_KINDS = ['sweep', 'api-compare', 'ecdf', 'spectrum', 'timeseries'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/**
 * One chart to draw. `metric` is a metric reference (`name` or `name:p95`; for timeseries a series
 * name); `x` the parameter on the x axis (sweep, api-compare); `series` the parameter that splits
 * lines or bars.
 */
export interface ChartDeclaration {
  kind: ChartKind;
  metric: string;
  x?: string;
  series?: string | string[];
  /** api-compare: the parameters that split the chart into panels (default: the other swept ones). */
  groupBy?: string[];
  /** api-compare: the series value the others are compared with ("legacy"; "A" when comparing runs). */
  baseline?: string;
  title?: string;
}

export interface Chart {
  /** File-name-safe id, unique in one report: `sweep-run-makespan-by-acquireParallelism`. */
  id: string;
  title: string;
  declaration: ChartDeclaration;
  spec: TopLevelSpec;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const CHART_FONT = 'DejaVu Sans';
/** Charts draw at most this many lines or distributions; more are listed in points.csv only. */
export const MAX_SERIES = 12;

export const BASE_CONFIG = {
  font: CHART_FONT,
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260, titleLimit: 260 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/** The parameters a chart's series are labelled by: the declared ones, else every swept one but `exclude`. */
export function seriesParamsOf(declaration: ChartDeclaration, swept: readonly string[], exclude: readonly string[] = []): string[] {
  if (declaration.series !== undefined) return typeof declaration.series === 'string' ? [declaration.series] : [...declaration.series];
  return swept.filter((k) => !exclude.includes(k));
}

export function chartId(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Fields in inline data are plain names: parameter paths contain dots, which vega-lite reads as nesting. */
export type Row = Record<string, number | string | null>;
