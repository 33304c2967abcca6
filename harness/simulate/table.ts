// The console table for `mode: sim` results: one row per point with the swept values, the makespan,
// the acquisition phase, the per-target completion spread (stragglers), server CPU, peak transfers and
// failed / retried targets. Pure: points in, markdown lines out (the run command prints them).
import { isDistributionMetric, type Metric } from '../metrics/metric.js';
import type { PointResult } from '../metrics/results.js';

const num = (m: Metric | undefined, pick: 'value' | 'max' | 'p50' | 'p95' = 'value'): number | undefined => {
  if (m === undefined) return undefined;
  if (isDistributionMetric(m)) return pick === 'value' ? m.mean : m[pick];
  return m.value;
};
const fixed = (v: number | undefined, digits = 0): string => (v === undefined ? '–' : v.toFixed(digits));

export function simTable(points: readonly PointResult[]): string[] {
  const params = [...new Set(points.flatMap((p) => Object.keys(p.params)))];
  const header = [...params, 'repeat', 'makespan s', 'acquisition s', 'target p50 / p95 / max s', 'server CPU', 'peak transfers', 'failed / retried targets'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const p of points) {
    const m = p.metrics;
    const completion = m['target.completion'];
    const cpu = num(m['server.cpu.meanUtilisation']);
    lines.push(`| ${[
      ...params.map((k) => String(p.params[k] ?? '')),
      String(p.repeat),
      fixed(num(m['run.makespan'])),
      fixed(num(m['deployment.acquisitionPhase'], 'max')),
      `${fixed(num(completion, 'p50'))} / ${fixed(num(completion, 'p95'))} / ${fixed(num(completion, 'max'))}`,
      cpu === undefined ? '–' : `${(cpu * 100).toFixed(0)} %`,
      fixed(num(m['transfers.peakConcurrent'])),
      `${p.counters?.['failedTargets'] ?? '–'} / ${p.counters?.['retriedTargets'] ?? '–'}`,
    ].join(' | ')} |`);
  }
  return lines;
}
