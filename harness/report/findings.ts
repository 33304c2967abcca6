// Headline findings in words, computed from the data: run status and failed points, legacy vs the
// other APIs per operation (requests, bytes, duration and their ratios), where a swept metric is lowest
// and from which value the server CPU saturates. Pure; the exact sentences are tested.
import type { PointResult, RunResult } from '../metrics/results.js';
import { apiFindings } from './findings-api.js';
import { isNumericParam, metricLabel, metricNumber, metricUnit, num, paramLabel, parseMetricRef, pointLabel, sweptParams, withUnit } from './model.js';

/** Metrics whose minimum is the headline of a sweep, in order of preference. */
export const HEADLINE_METRICS = ['run.makespan', 'deployment.duration:p95', 'operationDuration', 'operationDuration:p50'];
/** A point's server CPU is saturated when its utilisation series (equal buckets over the run) is at or
 *  above CPU_SATURATED_LEVEL for at least CPU_SATURATED_SHARE of the run — sustained, so that the burst
 *  of dispatching every target of a step at once does not count… */
export const CPU_SATURATED_LEVEL = 0.95;
export const CPU_SATURATED_SHARE = 0.05;
/** …or, without a series, when its mean utilisation is at or above this share. */
export const CPU_SATURATED_MEAN = 0.9;

/** `network.rttMs`, 60 → "RTT 60 ms"; `deployment.acquireParallelism`, 20 → "acquire parallelism 20". */
export function paramPhrase(path: string, value: unknown): string {
  const label = paramLabel(path);
  const unit = label.match(/ \((\w+)\)$/);
  return unit ? `${label.slice(0, unit.index)} ${String(value)} ${unit[1]}` : `${label} ${String(value)}`;
}

function statusFindings(result: RunResult): string[] {
  const out: string[] = [];
  if (result.status === 'incomplete') out.push(`The run was interrupted: ${result.points.length} point${result.points.length === 1 ? ' is' : 's are'} reported, the rest did not run.`);
  if (result.status === 'failed') out.push('The run failed; only the points below finished.');
  const failed = result.points.filter((p) => p.status !== 'ok');
  if (failed.length > 0) {
    const swept = sweptParams(result.points);
    const shown = failed.slice(0, 3).map((p) => `${pointLabel(p, swept)} (${p.status}${p.error ? `: ${p.error.message}` : ''})`);
    out.push(`${failed.length} of ${result.points.length} points did not finish: ${shown.join('; ')}${failed.length > 3 ? '; …' : ''}.`);
  }
  if (result.points.length === 0) out.push('No point finished: there is nothing to chart.');
  return out;
}

function cpuSaturated(p: PointResult): boolean | undefined {
  const series = p.series?.['server.cpuUtilisation'];
  if (series !== undefined && series.points.length > 0) {
    const busy = series.points.filter(([, v]) => v >= CPU_SATURATED_LEVEL).length;
    return busy / series.points.length >= CPU_SATURATED_SHARE;
  }
  const mean = metricNumber(p, { name: 'server.cpu.meanUtilisation' });
  return mean === undefined ? undefined : mean >= CPU_SATURATED_MEAN;
}

/** Relative distance from the minimum within which sweep values count as equally low. */
const NEAR_BEST = 0.01;

/** "total deployment duration is lowest at acquire parallelism 20 (480 s); above 60 the server CPU saturates". */
function sweepFinding(points: readonly PointResult[], x: string, metric: string, unit: string): string | undefined {
  const ref = parseMetricRef(metric);
  const byX = new Map<number, { values: number[]; saturated: boolean[] }>();
  for (const p of points) {
    const v = metricNumber(p, ref);
    const xv = p.params[x];
    if (v === undefined || typeof xv !== 'number') continue;
    const cell = byX.get(xv) ?? { values: [], saturated: [] };
    cell.values.push(v);
    const sat = cpuSaturated(p);
    if (sat !== undefined) cell.saturated.push(sat);
    byX.set(xv, cell);
  }
  const rows = [...byX].sort(([a], [b]) => a - b).map(([xv, c]) => ({ x: xv, mean: c.values.reduce((s, v) => s + v, 0) / c.values.length, saturated: c.saturated.length > 0 ? c.saturated.some(Boolean) : undefined }));
  if (rows.length < 2) return undefined;
  const best = rows.reduce((a, b) => (b.mean < a.mean ? b : a));
  const worst = rows.reduce((a, b) => (b.mean > a.mean ? b : a));
  // Values within NEAR_BEST of the minimum are a plateau, not a winner: name the range, so that a
  // rounding difference does not make a costlier setting look best.
  const near = rows.filter((r) => r.mean <= best.mean * (1 + NEAR_BEST));
  const where = near.length > 1
    ? `from ${paramPhrase(x, near[0]!.x)} to ${num(near[near.length - 1]!.x)} (within ${NEAR_BEST * 100} % of ${withUnit(best.mean, unit)}`
    : `at ${paramPhrase(x, best.x)} (${withUnit(best.mean, unit)}`;
  let text = `${metricLabel(ref)} is lowest ${where}; highest ${withUnit(worst.mean, unit)} at ${num(worst.x)})`;
  const first = rows.findIndex((r) => r.saturated === true);
  if (first === 0) text += `; the server CPU saturates at every ${paramLabel(x)} tried`;
  else if (first > 0 && near[0]!.saturated === true) {
    // Even the smallest of the lowest settings is past the saturation point: "above X it saturates" would
    // read as a warning against it.
    text += `; the server CPU saturates (≥ ${CPU_SATURATED_LEVEL * 100} % busy for ≥ ${CPU_SATURATED_SHARE * 100} % of the run) from ${num(rows[first]!.x)} on, the lowest included`;
  } else if (first > 0) text += `; above ${num(rows[first - 1]!.x)} the server CPU saturates (≥ ${CPU_SATURATED_LEVEL * 100} % busy for ≥ ${CPU_SATURATED_SHARE * 100} % of the run)`;
  else if (rows.some((r) => r.saturated === false)) text += '; the server CPU never saturates';
  return `${text}.`;
}

function sweepFindings(result: RunResult): string[] {
  const ok = result.points.filter((p) => p.status === 'ok');
  const swept = sweptParams(ok);
  const x = swept.find((k) => k !== 'operation' && k !== 'api' && isNumericParam(ok, k));
  const metric = HEADLINE_METRICS.find((m) => ok.some((p) => metricNumber(p, parseMetricRef(m)) !== undefined));
  if (x === undefined || metric === undefined) return [];
  const unit = metricUnit(result, parseMetricRef(metric).name);
  const others = swept.filter((k) => k !== x);
  if (others.length === 0) return [sweepFinding(ok, x, metric, unit)].filter((s) => s !== undefined);
  const groups = new Map<string, PointResult[]>();
  for (const p of ok) {
    const key = others.filter((k) => p.params[k] !== undefined).map((k) => `${paramLabel(k)}=${String(p.params[k])}`).join(', ');
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups].slice(0, 6).flatMap(([key, pts]) => {
    const finding = sweepFinding(pts, x, metric, unit);
    return finding === undefined ? [] : [`${key}: ${finding}`];
  });
}

export function findings(result: RunResult): string[] {
  // With an API comparison, a sweep of RTT only restates that more round trips take longer.
  const api = apiFindings(result);
  return [...statusFindings(result), ...api, ...(api.length > 0 ? [] : sweepFindings(result))];
}
