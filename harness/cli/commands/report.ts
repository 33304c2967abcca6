// `octobench report <results.json> [--out DIR]` re-renders a run's report (by default next to its
// results.json), drawing the charts its scenario declared (results.json keeps the scenario document;
// defaults when it declared none, or when the document no longer validates, with a note on stderr);
// `octobench report a.json b.json [--out DIR]` writes a report comparing run B with run A. Inputs are
// read and checked before anything is written; errors are coded.
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { RealClock } from '../../core/clock.js';
import { OctobenchError } from '../../core/errors.js';
import { compareDeclarations, compareFindings, mergeRuns } from '../../report/compare.js';
import { readResults } from '../../report/read-results.js';
import { writeReport, type WrittenReport } from '../../report/write-report.js';
import type { ChartDeclaration } from '../../report/index.js';
import type { RunResult } from '../../metrics/results.js';
import type { Scenario } from '../../scenario/schema.js';
import { scenarioProblems } from '../../scenario/validate.js';
import { FlagProblems } from '../flags.js';
import type { CommandIo } from '../io.js';

export interface ReportFlags {
  out?: string;
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}

/** The charts the run's scenario declared, if its document (kept in results.json) still validates. */
function declaredCharts(result: RunResult, io: CommandIo): readonly ChartDeclaration[] | undefined {
  const { document, source } = result.scenario;
  if (document === null || typeof document !== 'object' || !('charts' in document)) return undefined;
  const problems = scenarioProblems(document);
  if (problems.length === 0) return (document as Scenario).charts;
  io.err(`note: the scenario kept in the results (${source}) does not validate any more (${problems.length} problem${problems.length === 1 ? '' : 's'}, first: ${problems[0]!.path || '(top)'}: ${problems[0]!.message}); drawing the default charts instead of its declared ones`);
  return undefined;
}

function printReport(written: WrittenReport, io: CommandIo): void {
  for (const finding of written.findings) io.out(`- ${finding}`);
  io.out(`\nreport: ${join(written.dir, 'index.html')} (${written.charts.length} charts, rendered in ${Math.round(written.renderMs)} ms)`);
}

export async function reportCommand(paths: string[], flags: ReportFlags, io: CommandIo): Promise<WrittenReport> {
  const p = new FlagProblems();
  const out = p.nonEmpty('--out', flags.out);
  if (paths.length === 0 || paths.length > 2) p.add('<results.json>', `give one results.json to re-render or two to compare, got ${paths.length}`);
  p.throwIfAny('report');
  const clock = new RealClock();
  const results = await Promise.all(paths.map((path) => readResults(path)));
  const [a, b] = results;
  if (a === undefined) throw new OctobenchError('OCTOBENCH_ERR_INTERNAL', 'no results read');
  if (b === undefined) {
    const charts = declaredCharts(a, io);
    const written = await writeReport(a, out ?? dirname(paths[0]!), { clock, ...(charts === undefined ? {} : { charts }) });
    printReport(written, io);
    return written;
  }
  const merged = mergeRuns(a, b);
  const dir = out ?? join('reports', 'compare', utcStamp(clock.now()));
  const written = await writeReport(merged, dir, { clock, charts: compareDeclarations(merged), findings: compareFindings(a, b) });
  printReport(written, io);
  return written;
}

export function registerReport(program: Command, io: CommandIo): void {
  program
    .command('report <results...>')
    .description('render a report (index.html, summary.md, points.csv, charts) from results.json; two files compare run B with run A')
    .option('--out <dir>', 'output directory (default: next to results.json; reports/compare/<UTC stamp> for two)')
    .action(async (paths: string[], flags: ReportFlags) => {
      await reportCommand(paths, flags, io);
    });
}
