// summary.md: the report in Markdown, small enough for a CI step summary ($GITHUB_STEP_SUMMARY takes
// 1 MiB): scenario and status, findings, the headline table, links to every chart, provenance.
import type { RunResult } from '../metrics/results.js';
import type { Chart, ChartDeclaration } from './charts/common.js';
import { spreadTable } from './spread.js';
import { headlineTable, provenanceRows } from './tables.js';

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)];
}

export interface SummaryInput {
  result: RunResult;
  findings: readonly string[];
  charts: readonly Chart[];
  missing: readonly ChartDeclaration[];
}

export function summaryMarkdown({ result, findings, charts, missing }: SummaryInput): string {
  const t = headlineTable(result);
  const lines = [`# octobench report: ${result.scenario.name}`, ''];
  if (result.scenario.description) lines.push(result.scenario.description, '');
  lines.push(`**Status:** ${result.status} · ${result.points.length} point${result.points.length === 1 ? '' : 's'} · mode ${result.scenario.mode} · scenario \`${result.scenario.source}\``, '');
  lines.push('## Findings', '', ...(findings.length === 0 ? ['- No headline finding: see the charts and points.csv.'] : findings.map((f) => `- ${f}`)), '');
  lines.push('## Points', '', ...table(t.header, t.rows));
  if (t.omitted > 0) lines.push('', `${t.omitted} more point${t.omitted === 1 ? '' : 's'} in points.csv.`);
  const spread = spreadTable(result.points);
  if (spread !== undefined) lines.push('', '## Spread over repeats', '', `${spread.caption}.`, '', ...table(spread.header, spread.rows));
  lines.push('', '## Charts', '');
  for (const c of charts) lines.push(`- [${c.title}](charts/${c.id}.svg) ([PNG](charts/${c.id}.png), [vega-lite](charts/${c.id}.vl.json))`);
  if (charts.length === 0) lines.push('- none: the result has nothing to chart');
  for (const d of missing) lines.push(`- not drawn: ${d.kind} of \`${d.metric}\` (no such data in the result)`);
  lines.push('', '## Provenance', '', ...table(['provenance', 'value'], provenanceRows(result.provenance)), '');
  return lines.join('\n');
}
