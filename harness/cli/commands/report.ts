// `octobench report <results.json> [--out DIR]` re-renders a run's report (by default next to its
// results.json); `octobench report a.json b.json [--out DIR]` writes a report comparing run B with
// run A. Inputs are read and checked before anything is written; errors are coded.
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { RealClock } from '../../core/clock.js';
import { OctobenchError } from '../../core/errors.js';
import { compareDeclarations, compareFindings, mergeRuns } from '../../report/compare.js';
import { readResults } from '../../report/read-results.js';
import { writeReport, type WrittenReport } from '../../report/write-report.js';
import { FlagProblems } from '../flags.js';
import type { CommandIo } from '../io.js';

export interface ReportFlags {
  out?: string;
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
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
    const written = await writeReport(a, out ?? dirname(paths[0]!), { clock });
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
