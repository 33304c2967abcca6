// The seed-style console table (the blog's "# Reqs | Duration | Request | Response" per operation), both
// APIs side by side with the legacy ÷ executions duration ratio; one table per group of swept values
// (e.g. per RTT). Pure: points in, lines out.
import { isDistributionMetric, type Metric } from '../metrics/metric.js';
import type { PointResult } from '../metrics/results.js';

const value = (m: Metric | undefined): number | undefined => (m === undefined ? undefined : isDistributionMetric(m) ? m.mean : m.value);
const fixed = (v: number | undefined, digits: number) => (v === undefined ? '–' : v.toFixed(digits));

function groupKey(p: PointResult): string {
  return Object.entries(p.params).filter(([k]) => k !== 'operation' && k !== 'api').map(([k, v]) => `${k}=${String(v)}`).join(', ');
}

export function seedTable(points: readonly PointResult[]): string[] {
  const groups = new Map<string, PointResult[]>();
  for (const p of points) groups.set(groupKey(p), [...(groups.get(groupKey(p)) ?? []), p]);
  const lines: string[] = [];
  for (const [key, group] of groups) {
    const apis = [...new Set(group.map((p) => String(p.params['api'])))];
    const operations = [...new Set(group.map((p) => String(p.params['operation'])))];
    const others = apis.filter((a) => a !== 'legacy');
    const header = ['operation', ...apis.flatMap((a) => [`${a} reqs`, `${a} ms`, `${a} req kB`, `${a} resp kB`]),
      ...(apis.includes('legacy') ? others.map((a) => `legacy ÷ ${a}`) : [])];
    lines.push(key === '' ? '' : `\n${key}`);
    lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    for (const op of operations) {
      const at = (api: string) => group.find((p) => p.params['operation'] === op && p.params['api'] === api);
      const cells = apis.flatMap((api) => {
        const m = at(api)?.metrics ?? {};
        return [fixed(value(m['requestsPerOperation']), 1), fixed(value(m['operationDuration']), 0),
          fixed((value(m['requestBytesPerOperation']) ?? NaN) / 1000, 1), fixed((value(m['responseBytesPerOperation']) ?? NaN) / 1000, 1)];
      });
      const legacyMs = value(at('legacy')?.metrics['operationDuration']);
      const ratios = apis.includes('legacy') ? others.map((a) => {
        const ms = value(at(a)?.metrics['operationDuration']);
        return legacyMs === undefined || ms === undefined || ms === 0 ? '–' : `${(legacyMs / ms).toFixed(1)}×`;
      }) : [];
      lines.push(`| ${[op, ...cells, ...ratios].join(' | ')} |`);
    }
  }
  return lines.filter((l, i) => i > 0 || l !== '');
}
