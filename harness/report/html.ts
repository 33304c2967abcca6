// index.html: the whole report in one self-contained file that works offline and under the strict
// Content-Security-Policy it declares (no script, no external fetch): charts are inline SVG, styles
// inline. Element ids inside each chart's SVG are prefixed so that charts cannot share clip paths.
import type { RunResult } from '../metrics/results.js';
import type { Chart, ChartDeclaration } from './charts/common.js';
import { spreadTable } from './spread.js';
import { headlineTable, provenanceRows } from './tables.js';

export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Makes every id in an SVG unique to the chart (`clip1` → `c-<chart>-clip1`), references included. */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`)
    .replace(/^<svg /, '<svg role="img" ');
}

const REPORT_STYLE = `body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
th{background:#f4f4f4}figure{margin:1.5rem 0;overflow-x:auto}figcaption{font-size:.85rem;color:#555}
.status-incomplete,.status-failed{color:#a40}svg{max-width:100%;height:auto}`;

/** A self-contained page under the report CSP and style around `body` (HTML); `title` is escaped here. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}

export interface HtmlInput {
  result: RunResult;
  findings: readonly string[];
  charts: readonly Chart[];
  /** SVG per chart id. */
  svgs: ReadonlyMap<string, string>;
  missing: readonly ChartDeclaration[];
}

function tableHtml(header: string[], rows: string[][]): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody>\n</table>`;
}

export function reportHtml({ result, findings, charts, svgs, missing }: HtmlInput): string {
  const t = headlineTable(result);
  const spread = spreadTable(result.points);
  const name = escapeHtml(result.scenario.name);
  const figures = charts.map((c) => {
    const svg = prefixSvgIds(svgs.get(c.id) ?? '', `c-${c.id}`);
    return `<figure class="chart" id="chart-${c.id}">\n${svg}\n<figcaption>${escapeHtml(c.title)} · <a href="charts/${c.id}.svg">SVG</a> · <a href="charts/${c.id}.png">PNG</a> · <a href="charts/${c.id}.vl.json">vega-lite</a></figcaption>\n</figure>`;
  });
  const notDrawn = missing.map((d) => `<li>not drawn: ${escapeHtml(`${d.kind} of ${d.metric}`)} (no such data in the result)</li>`);
  return htmlPage(`octobench report: ${result.scenario.name}`, `<h1>octobench report: ${name}</h1>
${result.scenario.description ? `<p>${escapeHtml(result.scenario.description)}</p>\n` : ''}<p class="status-${result.status}"><strong>Status:</strong> ${result.status} · ${result.points.length} points · mode ${escapeHtml(result.scenario.mode)} · scenario <code>${escapeHtml(result.scenario.source)}</code></p>
<h2>Findings</h2>
<ul class="findings">
${(findings.length === 0 ? ['No headline finding: see the charts and points.csv.'] : findings).map((f) => `<li>${escapeHtml(f)}</li>`).join('\n')}
</ul>
<h2>Charts</h2>
${figures.join('\n')}
${notDrawn.length > 0 ? `<ul>${notDrawn.join('')}</ul>\n` : ''}<h2>Points</h2>
${tableHtml(t.header, t.rows)}
<p>${t.omitted > 0 ? `${t.omitted} more points in ` : 'Every metric of every point: '}<a href="points.csv">points.csv</a> · <a href="results.json">results.json</a> · <a href="summary.md">summary.md</a></p>
${spread === undefined ? '' : `<h2>Spread over repeats</h2>\n<p>${escapeHtml(spread.caption)}.</p>\n${tableHtml(spread.header, spread.rows)}\n`}<h2>Provenance</h2>
${tableHtml(['provenance', 'value'], provenanceRows(result.provenance))}
`);
}
