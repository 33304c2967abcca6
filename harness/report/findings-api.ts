// Findings for legacy vs the other APIs, one sentence per operation and API: requests and bytes per
// operation (averaged over the other swept values; they do not depend on RTT) and mean duration per
// value of the other swept parameters, each with its ratio to legacy.
import type { PointResult, RunResult } from '../metrics/results.js';
import { metricNumber, num, sweptParams, times, withUnit } from './model.js';
import { paramPhrase } from './findings.js';

const mean = (values: number[]): number | undefined => (values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length);

function metricMean(points: readonly PointResult[], name: string): number | undefined {
  return mean(points.flatMap((p) => metricNumber(p, { name }) ?? []));
}

function bytes(points: readonly PointResult[]): number | undefined {
  const req = metricMean(points, 'requestBytesPerOperation');
  const res = metricMean(points, 'responseBytesPerOperation');
  return req === undefined || res === undefined ? undefined : req + res;
}

/** "16× fewer" / "2× more": how the API compares with legacy for a cost where less is better. */
function fewer(legacy: number, other: number, less: string, more: string): string {
  if (other === legacy) return 'the same';
  return other < legacy ? `${times(legacy / other)} ${less}` : `${times(other / legacy)} ${more}`;
}

function sentence(op: string, api: string, legacy: PointResult[], other: PointResult[], groupParams: string[]): string | undefined {
  const parts: string[] = [];
  const lr = metricMean(legacy, 'requestsPerOperation');
  const or = metricMean(other, 'requestsPerOperation');
  if (lr !== undefined && or !== undefined) parts.push(`${api} needs ${withUnit(or, 'requests')} vs ${num(lr)} for legacy (${fewer(lr, or, 'fewer', 'more')})`);
  const lb = bytes(legacy);
  const ob = bytes(other);
  if (lb !== undefined && ob !== undefined) parts.push(`moves ${withUnit(ob, 'bytes')} vs ${withUnit(lb, 'bytes')} (${fewer(lb, ob, 'less', 'more')})`);
  const groups = new Map<string, { legacy: PointResult[]; other: PointResult[] }>();
  for (const [side, pts] of [['legacy', legacy], ['other', other]] as const) {
    for (const p of pts) {
      const key = groupParams.map((k) => paramPhrase(k, p.params[k])).join(', ');
      const g = groups.get(key) ?? { legacy: [], other: [] };
      g[side].push(p);
      groups.set(key, g);
    }
  }
  const durations = [...groups].flatMap(([key, g]) => {
    const ld = metricMean(g.legacy, 'operationDuration');
    const od = metricMean(g.other, 'operationDuration');
    if (ld === undefined || od === undefined) return [];
    return [`${withUnit(od, 'ms')} vs ${withUnit(ld, 'ms')}${key === '' ? '' : ` at ${key}`} (${fewer(ld, od, 'faster', 'slower')})`];
  });
  if (durations.length > 0) parts.push(`takes ${durations.join(', ')}`);
  return parts.length === 0 ? undefined : `${op}: ${parts.join('; ')}.`;
}

export function apiFindings(result: RunResult): string[] {
  const ok = result.points.filter((p) => p.status === 'ok');
  const apis = [...new Set(ok.map((p) => p.params['api']))].filter((a): a is string => typeof a === 'string');
  if (!apis.includes('legacy') || apis.length < 2) return [];
  const groupParams = sweptParams(ok).filter((k) => k !== 'operation' && k !== 'api');
  const operations = [...new Set(ok.map((p) => String(p.params['operation'] ?? 'operation')))];
  const out: string[] = [];
  for (const op of operations) {
    const at = (api: string) => ok.filter((p) => String(p.params['operation'] ?? 'operation') === op && p.params['api'] === api);
    for (const api of apis.filter((a) => a !== 'legacy')) {
      const s = sentence(op, api, at('legacy'), at(api), groupParams);
      if (s !== undefined) out.push(s);
    }
  }
  return out;
}
