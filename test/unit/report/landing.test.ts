// The page over several reports: each part linked by its directory, with status, point count and
// findings, text escaped; the same CSP as a report.
import { describe, expect, it } from 'vitest';
import { REPORT_CSP } from '../../../harness/report/html.js';
import { landingHtml, landingMarkdown, type ReportEntry } from '../../../harness/report/landing.js';

const entries: ReportEntry[] = [
  { title: 'quickstart', description: 'Legacy <vs> Executions', dir: 'api-flows', status: 'complete', points: 12, findings: ['create-release: 1 request vs 16 & more.'] },
  { title: 'quickstart-sim', dir: 'sim', status: 'incomplete', points: 1, findings: [] },
];

describe('landing page over several reports', () => {
  it('links every part and lists its findings, escaped, under the report CSP', () => {
    const html = landingHtml('octobench quickstart', entries);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(html).toContain('<h2><a href="api-flows/index.html">quickstart</a></h2>\n<p>Legacy &lt;vs&gt; Executions</p>');
    expect(html).toContain('<li>create-release: 1 request vs 16 &amp; more.</li>');
    expect(html).toContain('<p class="status-incomplete"><strong>Status:</strong> incomplete · 1 point · <a href="sim/index.html">report</a>');
    expect(html).toContain('<li>No headline finding: see the report.</li>');
  });

  it('has the same content as Markdown', () => {
    expect(landingMarkdown('octobench quickstart', entries)).toBe([
      '# octobench quickstart', '',
      '## [quickstart](api-flows/index.html)', '', 'Legacy <vs> Executions', '',
      '**Status:** complete · 12 points · [report](api-flows/index.html) · [summary.md](api-flows/summary.md) · [results.json](api-flows/results.json)', '',
      '- create-release: 1 request vs 16 & more.', '',
      '## [quickstart-sim](sim/index.html)', '',
      '**Status:** incomplete · 1 point · [report](sim/index.html) · [summary.md](sim/summary.md) · [results.json](sim/results.json)', '',
      '- No headline finding: see the report.', '',
    ].join('\n'));
  });
});
