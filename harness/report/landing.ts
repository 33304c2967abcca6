// The page over several reports written together (quickstart's api-flows and sim parts): one
// index.html and summary.md at their common root, listing each part's status, findings and a link to
// its own report. Pure: entries in, text out (write-report.ts writes them); same CSP and style as a report.
import { escapeHtml, htmlPage } from './html.js';

export interface ReportEntry {
  title: string;
  description?: string;
  /** The part's report directory, relative to the landing page. */
  dir: string;
  status: string;
  points: number;
  findings: readonly string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function landingHtml(title: string, entries: readonly ReportEntry[]): string {
  const sections = entries.map((e) => `<h2><a href="${escapeHtml(e.dir)}/index.html">${escapeHtml(e.title)}</a></h2>
${e.description ? `<p>${escapeHtml(e.description)}</p>\n` : ''}<p class="status-${escapeHtml(e.status)}"><strong>Status:</strong> ${escapeHtml(e.status)} · ${plural(e.points, 'point')} · <a href="${escapeHtml(e.dir)}/index.html">report</a> · <a href="${escapeHtml(e.dir)}/summary.md">summary.md</a> · <a href="${escapeHtml(e.dir)}/results.json">results.json</a></p>
<ul class="findings">
${(e.findings.length === 0 ? ['No headline finding: see the report.'] : e.findings).map((f) => `<li>${escapeHtml(f)}</li>`).join('\n')}
</ul>`);
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>
${sections.join('\n')}
`);
}

export function landingMarkdown(title: string, entries: readonly ReportEntry[]): string {
  const lines = [`# ${title}`, ''];
  for (const e of entries) {
    lines.push(`## [${e.title}](${e.dir}/index.html)`, '');
    if (e.description) lines.push(e.description, '');
    lines.push(`**Status:** ${e.status} · ${plural(e.points, 'point')} · [report](${e.dir}/index.html) · [summary.md](${e.dir}/summary.md) · [results.json](${e.dir}/results.json)`, '');
    lines.push(...(e.findings.length === 0 ? ['- No headline finding: see the report.'] : e.findings.map((f) => `- ${f}`)), '');
  }
  return lines.join('\n');
}
