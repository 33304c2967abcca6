// writeReport: the exact set of files, index.html self-contained under its CSP (no script, nothing
// fetched, unique SVG ids), summary.md, re-rendering in place keeps foreign files, and a failure leaves
// the previous report untouched with no temp directory behind.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_CSP } from '../../../harness/report/html.js';
import { writeReport, type WrittenReport } from '../../../harness/report/write-report.js';
import { fixture } from './helpers.js';

let root: string;
let written: WrittenReport;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'octobench-report-'));
  written = await writeReport(fixture('sim-sweep'), join(root, 'sweep'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('writeReport', () => {
  it('writes results.json, index.html, summary.md, points.csv and three files per chart', async () => {
    const ids = written.charts.map((c) => c.id);
    expect(written.files).toEqual([...ids.flatMap((id) => [`charts/${id}.png`, `charts/${id}.svg`, `charts/${id}.vl.json`]), 'index.html', 'points.csv', 'results.json', 'summary.md'].sort());
    expect((await readdir(join(root, 'sweep', 'charts'))).length).toBe(ids.length * 3);
    expect(JSON.parse(await readFile(join(root, 'sweep', 'results.json'), 'utf8'))).toEqual(fixture('sim-sweep'));
    expect(await readdir(root)).toEqual(['sweep']);
  });

  it('index.html is self-contained: CSP meta, no script, nothing external, every chart inline with unique ids', async () => {
    const html = await readFile(join(root, 'sweep', 'index.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(html).not.toMatch(/<script|<link|<iframe|\b(src|href)="https?:/i);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(written.charts.length);
    expect(html.match(/<svg /g)).toHaveLength(written.charts.length);
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
    expect(html).toContain('<li>total deployment duration is lowest at acquire parallelism 20 (480 s; highest 950 s at 120); above 60 the server CPU saturates (≥ 95 % busy for ≥ 5 % of the run).</li>');
  });

  it('summary.md states the scenario, status, findings, points, charts and provenance', async () => {
    const md = await readFile(join(root, 'sweep', 'summary.md'), 'utf8');
    expect(md.split('\n').slice(0, 12)).toEqual([
      '# octobench report: acquire-parallelism',
      '',
      'Which acquire parallelism deploys a 40-target fleet fastest?',
      '',
      '**Status:** complete · 7 points · mode sim · scenario `scenarios/acquire-parallelism.yaml`',
      '',
      '## Findings',
      '',
      '- total deployment duration is lowest at acquire parallelism 20 (480 s; highest 950 s at 120); above 60 the server CPU saturates (≥ 95 % busy for ≥ 5 % of the run).',
      '',
      '## Points',
      '',
    ]);
    expect(md).toContain('| acquire parallelism | status | total deployment duration | deployment duration (p95) | per-target completion (p95) | server CPU utilisation | peak concurrent transfers | server uplink bytes |');
    expect(md).toContain('- [total deployment duration by acquire parallelism](charts/sweep-run-makespan-by-deployment-acquireParallelism.svg)');
    expect(md).toContain('| git commit | 1c5d1f3aa1b2c3d4e5f60718293a4b5c6d7e8f90 |');
    expect(Buffer.byteLength(md)).toBeLessThan(64 * 1024);
  });

  it('re-rendering in place replaces the report and keeps files a report does not produce', async () => {
    const dir = join(root, 'again');
    await writeReport(fixture('sim-interrupted'), dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const second = await writeReport(fixture('sim-interrupted'), dir, { charts: [{ kind: 'sweep', metric: 'run.makespan', x: 'fleet.targets' }] });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(second.charts.map((c) => c.id)).toEqual(['sweep-run-makespan-by-fleet-targets']);
    expect((await readdir(join(dir, 'charts'))).sort()).toEqual(['sweep-run-makespan-by-fleet-targets.png', 'sweep-run-makespan-by-fleet-targets.svg', 'sweep-run-makespan-by-fleet-targets.vl.json']);
    expect((await readdir(root)).sort()).toEqual(['again', 'sweep']);
  });

  it('a failure leaves the previous report as it was and no temp directory', async () => {
    const before = await readFile(join(root, 'sweep', 'index.html'), 'utf8');
    await expect(writeReport(fixture('api-flows'), join(root, 'sweep'), { fontFile: '/nonexistent.ttf' })).rejects.toMatchObject({ code: 'OCTOBENCH_ERR_REPORT_FONT_MISSING' });
    expect(await readFile(join(root, 'sweep', 'index.html'), 'utf8')).toBe(before);
    expect((await readdir(root)).sort()).toEqual(['again', 'sweep']);
    await writeFile(join(root, 'file'), 'x');
    await expect(writeReport(fixture('sim-sweep'), join(root, 'file', 'sub'))).rejects.toMatchObject({ code: 'OCTOBENCH_ERR_REPORT_WRITE' });
    await rm(join(root, 'file'));
  });
});
