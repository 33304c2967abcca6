// The tables a report shows in words: provenance (where the numbers came from) and the headline table
// of points (swept parameters and the key metrics). Shared by summary.md and index.html. Pure.
import type { Provenance, RunResult } from '../metrics/results.js';
import { API_COMPARE_METRICS, SWEEP_METRICS } from './charts/index.js';
import { metricLabel, metricNumber, metricUnit, paramLabel, parseMetricRef, sweptParams, withUnit } from './model.js';

/** The headline table shows at most this many points; points.csv has all of them. */
export const TABLE_MAX_ROWS = 40;
const TABLE_MAX_METRICS = 6;

export function provenanceRows(p: Provenance): [string, string][] {
  const gib = p.memoryBytes / 2 ** 30;
  return [
    ['octobench', p.octobenchVersion],
    ['git commit', p.gitCommit ?? 'unknown (not run from a checkout)'],
    ['machine', `${p.cpuModel} × ${p.cpus}, ${Number.isFinite(gib) ? `${Math.round(gib)} GiB` : '?'}, ${p.platform}/${p.arch}`],
    ['Node', p.node],
    ['seed', String(p.seed)],
    ['mode', p.mode],
    ['emulation', JSON.stringify(p.emulation)],
    ['started', p.startedAt],
    ['ended', p.endedAt],
    ['command', p.command],
  ];
}

export function tableMetrics(result: RunResult): string[] {
  const present = (m: string) => result.points.some((p) => metricNumber(p, parseMetricRef(m)) !== undefined);
  const known = [...new Set([...API_COMPARE_METRICS, ...SWEEP_METRICS])].filter(present);
  const chosen = known.length > 0 ? known : Object.keys(result.points[0]?.metrics ?? {});
  return chosen.slice(0, TABLE_MAX_METRICS);
}

export interface HeadlineTable {
  header: string[];
  rows: string[][];
  /** Points left out of `rows` (TABLE_MAX_ROWS). */
  omitted: number;
}

export function headlineTable(result: RunResult): HeadlineTable {
  const params = sweptParams(result.points);
  const metrics = tableMetrics(result);
  const repeats = result.points.some((p) => p.repeat > 0);
  const header = [...params.map(paramLabel), ...(repeats ? ['repeat'] : []), 'status', ...metrics.map((m) => metricLabel(parseMetricRef(m)))];
  const rows = result.points.slice(0, TABLE_MAX_ROWS).map((p) => [
    ...params.map((k) => String(p.params[k] ?? '')),
    ...(repeats ? [String(p.repeat)] : []),
    p.status,
    ...metrics.map((m) => {
      const ref = parseMetricRef(m);
      const v = metricNumber(p, ref);
      return v === undefined ? '–' : withUnit(v, metricUnit(result, ref.name));
    }),
  ]);
  return { header, rows, omitted: Math.max(0, result.points.length - TABLE_MAX_ROWS) };
}
