// The report's view of a RunResult: which parameters were swept, a metric reference (`name` or
// `name:p95`) read off a point, readable labels for parameter paths and metric names, and number
// formatting for findings and tables. Pure: no file system, no clock.
import { isDistributionMetric, type Metric } from '../metrics/metric.js';
import type { ParamValue, PointResult, RunResult } from '../metrics/results.js';

export const DISTRIBUTION_STATS = ['mean', 'p50', 'p90', 'p95', 'p99', 'max', 'count'] as const;
export type DistributionStat = (typeof DISTRIBUTION_STATS)[number];

/** `deployment.duration:p95` → metric `deployment.duration`, statistic p95 (distributions default to mean). */
export interface MetricRef {
  name: string;
  stat?: DistributionStat;
}

export function parseMetricRef(ref: string): MetricRef {
  const colon = ref.lastIndexOf(':');
  const stat = colon < 0 ? '' : ref.slice(colon + 1);
  if ((DISTRIBUTION_STATS as readonly string[]).includes(stat)) return { name: ref.slice(0, colon), stat: stat as DistributionStat };
  return { name: ref };
}

export function metricRefText(ref: MetricRef): string {
  return ref.stat === undefined ? ref.name : `${ref.name}:${ref.stat}`;
}

/** The number a metric reference names on one point, or undefined if the point lacks it. */
export function metricNumber(point: PointResult, ref: MetricRef): number | undefined {
  const metric: Metric | undefined = point.metrics[ref.name];
  if (metric === undefined) return point.counters?.[ref.name];
  if (!isDistributionMetric(metric)) return metric.value;
  return metric[ref.stat ?? 'mean'];
}

export function metricUnit(result: RunResult, name: string): string {
  for (const p of result.points) {
    const m = p.metrics[name];
    if (m !== undefined) return m.unit;
    if (p.counters?.[name] !== undefined) return 'count';
  }
  return '';
}

/** Parameter paths in first-seen order, with the distinct values each takes (in first-seen order). */
export function paramValues(points: readonly PointResult[]): Map<string, ParamValue[]> {
  const out = new Map<string, ParamValue[]>();
  for (const p of points) {
    for (const [key, value] of Object.entries(p.params)) {
      const seen = out.get(key) ?? [];
      if (!seen.includes(value)) seen.push(value);
      out.set(key, seen);
    }
  }
  return out;
}

/** Parameters that take more than one value across the points. */
export function sweptParams(points: readonly PointResult[]): string[] {
  return [...paramValues(points)].filter(([, values]) => values.length > 1).map(([key]) => key);
}

export function isNumericParam(points: readonly PointResult[], key: string): boolean {
  return (paramValues(points).get(key) ?? []).every((v) => typeof v === 'number');
}

/** `network.rttMs` → "RTT (ms)", `deployment.acquireParallelism` → "acquire parallelism". */
export function paramLabel(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  const unit = /Ms$/.test(last) ? ' (ms)' : /Bytes$/.test(last) ? ' (bytes)' : '';
  const words = last.replace(/(Ms|Bytes)$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.replace(/\brtt\b/, 'RTT').replace(/\bcpu\b/, 'CPU')}${unit}`;
}

const METRIC_LABELS: Record<string, string> = {
  'run.makespan': 'total deployment duration',
  'deployment.duration': 'deployment duration',
  'target.completion': 'per-target completion',
  'server.cpu.meanUtilisation': 'server CPU utilisation',
  'transfers.peakConcurrent': 'peak concurrent transfers',
  'network.serverUplink.bytes': 'server uplink bytes',
  requestsPerOperation: 'requests per operation',
  requestBytesPerOperation: 'request bytes per operation',
  responseBytesPerOperation: 'response bytes per operation',
  operationDuration: 'operation duration',
};

export function metricLabel(ref: MetricRef): string {
  const base = METRIC_LABELS[ref.name] ?? ref.name;
  return ref.stat === undefined || ref.stat === 'mean' ? base : `${base} (${ref.stat})`;
}

/** The point's swept parameters as a short label: "api=legacy, RTT (ms)=60". */
export function pointLabel(point: PointResult, swept: readonly string[]): string {
  const parts = swept.filter((k) => point.params[k] !== undefined).map((k) => `${paramLabel(k)}=${String(point.params[k])}`);
  if (point.repeat > 0) parts.push(`repeat ${point.repeat}`);
  return parts.length === 0 ? `point ${point.index}` : parts.join(', ');
}

/** Up to 3 significant digits, no exponent, trailing zeros dropped: 1234.5 → "1235", 0.01234 → "0.0123". */
export function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100 || Number.isInteger(v)) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}

/** A value with its unit, scaled for reading: bytes → kB/MB, ratio → %. */
export function withUnit(v: number, unit: string): string {
  if (unit === 'bytes') {
    if (Math.abs(v) >= 1e6) return `${num(v / 1e6)} MB`;
    if (Math.abs(v) >= 1e3) return `${num(v / 1e3)} kB`;
    return `${num(v)} bytes`;
  }
  if (unit === 'ratio') return `${num(v * 100)} %`;
  if (unit === 'requests') return `${num(v)} request${v === 1 ? '' : 's'}`;
  return unit === '' || unit === 'count' ? num(v) : `${num(v)} ${unit}`;
}

/** A ratio for words and labels: 16 → "16×", 7.19 → "7.2×", 1.04 → "1×". */
export function times(v: number): string {
  if (!Number.isFinite(v)) return '∞×';
  return `${v >= 10 ? Math.round(v) : Number(v.toFixed(1))}×`;
}
