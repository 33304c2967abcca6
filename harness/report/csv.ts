// points.csv: one row per point (and repeat), columns for every parameter, every metric (value, or
// count/mean/percentiles/max of a distribution, unit in the header) and every counter. RFC 4180
// quoting; numbers as JavaScript prints them, so the file round-trips exactly.
import { isDistributionMetric } from '../metrics/metric.js';
import type { RunResult } from '../metrics/results.js';
import { paramValues } from './model.js';

const STATS = ['count', 'mean', 'p50', 'p90', 'p95', 'p99', 'max'] as const;

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function pointsCsv(result: RunResult): string {
  const params = [...paramValues(result.points).keys()];
  const metrics = new Map<string, { unit: string; distribution: boolean }>();
  const counters = new Set<string>();
  for (const p of result.points) {
    for (const [name, m] of Object.entries(p.metrics)) if (!metrics.has(name)) metrics.set(name, { unit: m.unit, distribution: isDistributionMetric(m) });
    for (const name of Object.keys(p.counters ?? {})) counters.add(name);
  }
  const header = ['index', 'repeat', 'status', 'error', ...params];
  for (const [name, { unit, distribution }] of metrics) {
    if (distribution) for (const s of STATS) header.push(`${name}.${s}${s === 'count' ? '' : ` (${unit})`}`);
    else header.push(`${name} (${unit})`);
  }
  for (const name of counters) header.push(`counter.${name}`);
  const lines = [header.map(cell).join(',')];
  for (const p of result.points) {
    const row: unknown[] = [p.index, p.repeat, p.status, p.error === undefined ? '' : `${p.error.code}: ${p.error.message}`, ...params.map((k) => p.params[k])];
    for (const [name, { distribution }] of metrics) {
      const m = p.metrics[name];
      if (distribution) for (const s of STATS) row.push(m !== undefined && isDistributionMetric(m) ? m[s] : undefined);
      else row.push(m !== undefined && !isDistributionMetric(m) ? m.value : undefined);
    }
    for (const name of counters) row.push(p.counters?.[name]);
    lines.push(row.map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
