// writeReport(result, dir): the one module that writes a report. Everything (results.json, index.html,
// summary.md, points.csv, charts/*.vl.json|svg|png) is built in a sibling temp directory, then swapped
// in by rename, so a reader never sees half a report; files already in `dir` that a report does not
// produce are carried over. On failure nothing changes and the temp directory is removed.
import { cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { processId } from '../core/env.js';
import { writeTextAtomically } from '../core/output-file.js';
import { OctobenchError, isOctobenchError } from '../core/errors.js';
import type { RunResult } from '../metrics/results.js';
import { chartsFor, missingCharts } from './charts/index.js';
import type { Chart, ChartDeclaration } from './charts/common.js';
import { pointsCsv } from './csv.js';
import { findings as findingsOf } from './findings.js';
import { reportHtml } from './html.js';
import { landingHtml, landingMarkdown, type ReportEntry } from './landing.js';
import { specToSvg, svgToPng } from './render.js';
import { summaryMarkdown } from './summary-md.js';

export interface ReportOptions {
  /** The scenario's declared charts; defaults are chosen from the result when absent. */
  charts?: readonly ChartDeclaration[];
  /** Chart font for PNGs (default DejaVu Sans from fonts-dejavu-core). */
  fontFile?: string;
  /** The findings to state; default `findings(result)`. */
  findings?: readonly string[];
  /** Times the rendering (reported in `renderMs`); without it renderMs is 0. */
  clock?: Clock;
}

export interface WrittenReport {
  dir: string;
  /** Paths relative to dir, sorted. */
  files: string[];
  charts: Chart[];
  findings: string[];
  /** Wall time to render every chart to SVG and PNG. */
  renderMs: number;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

async function build(result: RunResult, tmp: string, options: ReportOptions): Promise<Omit<WrittenReport, 'dir'>> {
  const charts = chartsFor(result, options.charts);
  const missing = options.charts === undefined ? [] : missingCharts(result, options.charts);
  const findings = [...(options.findings ?? findingsOf(result))];
  const files = new Map<string, string | Buffer>();
  const svgs = new Map<string, string>();
  const started = options.clock?.now() ?? 0;
  for (const chart of charts) {
    const svg = await specToSvg(chart.spec);
    svgs.set(chart.id, svg);
    files.set(`charts/${chart.id}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    files.set(`charts/${chart.id}.svg`, svg);
    files.set(`charts/${chart.id}.png`, svgToPng(svg, options.fontFile === undefined ? {} : { fontFile: options.fontFile }));
  }
  const renderMs = (options.clock?.now() ?? 0) - started;
  files.set('results.json', `${JSON.stringify(result, null, 2)}\n`);
  files.set('points.csv', pointsCsv(result));
  files.set('summary.md', summaryMarkdown({ result, findings, charts, missing }));
  files.set('index.html', reportHtml({ result, findings, charts, svgs, missing }));
  await mkdir(join(tmp, 'charts'), { recursive: true });
  for (const [path, content] of files) await writeFile(join(tmp, path), content);
  return { files: [...files.keys()].sort(), charts, findings, renderMs };
}

let sequence = 0;

export async function writeReport(result: RunResult, dir: string, options: ReportOptions = {}): Promise<WrittenReport> {
  const tag = `${processId()}-${++sequence}`;
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${tag}`);
  const old = join(dirname(dir), `.${basename(dir)}.old-${tag}`);
  try {
    await mkdir(dirname(dir), { recursive: true });
    await rm(tmp, { recursive: true, force: true });
    const built = await build(result, tmp, options);
    if (await exists(dir)) {
      for (const entry of await readdir(dir)) {
        if (!(await exists(join(tmp, entry)))) await cp(join(dir, entry), join(tmp, entry), { recursive: true });
      }
      await rename(dir, old);
    }
    await rename(tmp, dir);
    await rm(old, { recursive: true, force: true });
    return { dir, ...built };
  } catch (cause) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    if ((await exists(old)) && !(await exists(dir))) await rename(old, dir).catch(() => undefined);
    if (isOctobenchError(cause)) throw cause;
    throw new OctobenchError('OCTOBENCH_ERR_REPORT_WRITE', `cannot write the report to ${dir}: ${(cause as Error).message}`, { cause });
  }
}

/** Writes the page over several reports (landing.ts) into `dir`: index.html and summary.md, each
 *  through a temporary file and a rename, so a reader sees the old page or the new one. */
export async function writeReportIndex(dir: string, title: string, entries: readonly ReportEntry[]): Promise<string> {
  await writeTextAtomically(join(dir, 'index.html'), landingHtml(title, entries), 'OCTOBENCH_ERR_REPORT_WRITE');
  await writeTextAtomically(join(dir, 'summary.md'), landingMarkdown(title, entries), 'OCTOBENCH_ERR_REPORT_WRITE');
  return join(dir, 'index.html');
}
