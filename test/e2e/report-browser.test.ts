// Opens generated reports (index.html from file://, under the CSP the page declares) in headless
// Chromium (Debian's /usr/bin/chromium via playwright-core): every chart is drawn with visible text,
// the console shows no errors or CSP violations, and a screenshot of each page is kept as a test
// artifact in reports/test-artifacts/ (git-ignored). Skipped, with the reason, without Chromium.
// playwright's launch() gives Chromium a fresh temporary profile (--user-data-dir) of its own.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../harness/report/write-report.js';
import { fixture } from '../unit/report/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../reports/test-artifacts/', import.meta.url));
const available = existsSync(CHROMIUM);
if (!available) console.warn(`report-browser: skipped, ${CHROMIUM} is absent (npm run setup:system installs Debian's chromium)`);

let browser: Browser | undefined;

beforeAll(async () => {
  if (!available) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await mkdir(ARTIFACTS, { recursive: true });
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('report in headless Chromium', () => {
  it.each(['sim-sweep', 'api-flows'] as const)('%s: every chart rendered with text, no console errors, page PNG kept', async (name) => {
    const dir = join(ARTIFACTS, `report-${name}`);
    const written = await writeReport(fixture(name), dir);
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
    const charts = await page.$$eval('figure.chart', (figures) => figures.map((f) => {
      const svg = f.querySelector('svg');
      const texts = [...(svg?.querySelectorAll('text') ?? [])].filter((t) => (t.textContent ?? '').trim() !== '' && t.getBBox().width > 0);
      const box = svg?.getBoundingClientRect();
      return { id: f.id, drawn: (box?.width ?? 0) > 100 && (box?.height ?? 0) > 100, texts: texts.map((t) => t.textContent ?? '') };
    }));
    expect(charts.map((c) => c.id)).toEqual(written.charts.map((c) => `chart-${c.id}`));
    for (const c of charts) {
      expect(c.drawn, c.id).toBe(true);
      expect(c.texts.length, c.id).toBeGreaterThanOrEqual(8);
    }
    expect(charts.map((c, i) => c.texts.includes(written.charts[i]!.title))).toEqual(written.charts.map(() => true));
    expect(await page.locator('ul.findings li').allTextContents()).toEqual(written.findings);
    await page.screenshot({ path: join(ARTIFACTS, `report-${name}.png`), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
