// Which charts a report draws: the scenario's declared charts when it has some, otherwise defaults
// chosen from what the result contains (API comparison bars, metrics over the first numeric swept
// parameter, distributions, time series). Pure: result (and declarations) in, specs out.
import { isDistributionMetric } from '../../metrics/metric.js';
import type { RunResult } from '../../metrics/results.js';
import { isNumericParam, metricNumber, parseMetricRef, sweptParams } from '../model.js';
import { apiCompareChart } from './api-compare.js';
import type { Chart, ChartDeclaration } from './common.js';
import { ecdfChart, spectrumChart } from './distribution.js';
import { sweepChart } from './sweep.js';
import { timeseriesChart } from './timeseries.js';

export const API_COMPARE_METRICS = ['requestsPerOperation', 'requestBytesPerOperation', 'responseBytesPerOperation', 'operationDuration'];
export const SWEEP_METRICS = [
  'run.makespan', 'deployment.duration:p95', 'target.completion:p95', 'server.cpu.meanUtilisation', 'transfers.peakConcurrent',
  'network.serverUplink.bytes', 'operationDuration', 'requestsPerOperation', 'operationsPerSecond',
];
export const ECDF_METRICS = ['target.completion'];

const has = (result: RunResult, metric: string): boolean => result.points.some((p) => metricNumber(p, parseMetricRef(metric)) !== undefined);

export function defaultDeclarations(result: RunResult): ChartDeclaration[] {
  const out: ChartDeclaration[] = [];
  const swept = sweptParams(result.points);
  const apis = new Set(result.points.map((p) => p.params['api']));
  if (apis.has('legacy') && apis.size > 1) {
    for (const metric of API_COMPARE_METRICS) if (has(result, metric)) out.push({ kind: 'api-compare', metric, x: 'operation', series: 'api' });
  }
  const x = swept.find((k) => k !== 'operation' && k !== 'api' && isNumericParam(result.points, k));
  if (x !== undefined) {
    const known = SWEEP_METRICS.filter((m) => has(result, m));
    const metrics = known.length > 0 ? known : Object.keys(result.points[0]?.metrics ?? {}).slice(0, 4);
    for (const metric of metrics) out.push({ kind: 'sweep', metric, x });
  }
  const distributionNames = new Set<string>();
  const histogramNames = new Set<string>();
  for (const p of result.points) {
    for (const [name, m] of Object.entries(p.metrics)) {
      if (!isDistributionMetric(m)) continue;
      distributionNames.add(name);
      if (m.histogram !== undefined) histogramNames.add(name);
    }
  }
  for (const metric of ECDF_METRICS) if (distributionNames.has(metric)) out.push({ kind: 'ecdf', metric });
  for (const metric of histogramNames) out.push({ kind: 'spectrum', metric });
  const seriesNames = new Set(result.points.flatMap((p) => Object.keys(p.series ?? {})));
  for (const metric of seriesNames) out.push({ kind: 'timeseries', metric });
  return out;
}

export function buildChart(result: RunResult, declaration: ChartDeclaration): Chart | undefined {
  switch (declaration.kind) {
    case 'sweep': return sweepChart(result, declaration);
    case 'api-compare': return apiCompareChart(result, declaration);
    case 'ecdf': return ecdfChart(result, declaration);
    case 'spectrum': return spectrumChart(result, declaration);
    case 'timeseries': return timeseriesChart(result, declaration);
  }
}

/** The report's charts; declarations with no data in the result are left out (see `missingCharts`). */
export function chartsFor(result: RunResult, declarations?: readonly ChartDeclaration[]): Chart[] {
  const charts: Chart[] = [];
  const ids = new Set<string>();
  for (const d of declarations ?? defaultDeclarations(result)) {
    const chart = buildChart(result, d);
    if (chart === undefined) continue;
    let id = chart.id;
    for (let n = 2; ids.has(id); n++) id = `${chart.id}-${n}`;
    ids.add(id);
    charts.push({ ...chart, id });
  }
  return charts;
}

/** Declared charts the result has no data for (reported in the summary, not silently dropped). */
export function missingCharts(result: RunResult, declarations: readonly ChartDeclaration[]): ChartDeclaration[] {
  return declarations.filter((d) => buildChart(result, d) === undefined);
}
