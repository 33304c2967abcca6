// `octobench quickstart [--out DIR] [--quick] [--quiet]` (what `npm start` runs): the product in under a
// minute. A scenario has one mode, so quickstart runs two shipped scenarios in turn — quickstart.yaml
// (api-flows: legacy vs Executions API against the embedded server, booted in-process) and
// quickstart-sim.yaml (a small simulated acquire-parallelism sweep) — and writes one report directory
// for each under reports/quickstart/<UTC stamp>/{api-flows,sim}/ plus a page over both at the root
// (index.html, summary.md: each part's status and findings, linked), then prints each headline table,
// its findings and the report paths. Ctrl-C stops after the current point; what finished is reported.
import { join } from 'node:path';
import type { Command } from 'commander';
import { RealClock } from '../../core/clock.js';
import { OctobenchError } from '../../core/errors.js';
import { quickScenario } from '../../run/quick.js';
import { writeReportIndex } from '../../report/write-report.js';
import { runAndReport, type ReportedRun } from '../../run/run-and-report.js';
import { runnerFor } from '../../run/runners.js';
import { shippedScenario } from '../../run/scenarios-dir.js';
import { FlagProblems } from '../flags.js';
import type { CommandIo } from '../io.js';
import { defaultReportDir, loadValidScenario, progressHooks, simWorkers } from './run.js';

export interface QuickstartFlags {
  out?: string;
  quick?: boolean;
  quiet?: boolean;
  workers?: string;
}

/** The quickstart's parts: shipped scenario name → report subdirectory. */
export const QUICKSTART_PARTS = [
  { scenario: 'quickstart', dir: 'api-flows' },
  { scenario: 'quickstart-sim', dir: 'sim' },
] as const;

export async function quickstartCommand(flags: QuickstartFlags, io: CommandIo): Promise<ReportedRun[]> {
  const p = new FlagProblems();
  const out = p.nonEmpty('--out', flags.out);
  const workers = simWorkers(p, flags.workers);
  p.throwIfAny('quickstart');
  const clock = new RealClock();
  const root = out ?? defaultReportDir('quickstart', clock.now());
  const loaded = await Promise.all(QUICKSTART_PARTS.map(async (part) => ({ part, path: shippedScenario(part.scenario), scenario: await loadValidScenario(shippedScenario(part.scenario)) })));
  const controller = new AbortController();
  void io.untilShutdown().then(() => controller.abort());
  const runs: ReportedRun[] = [];
  for (const { part, path, scenario: s } of loaded) {
    if (controller.signal.aborted) break;
    const scenario = flags.quick ? quickScenario(s) : s;
    io.out(`\n== ${scenario.name}: ${scenario.description ?? ''}`);
    const run = await runAndReport({
      scenario, source: path, document: scenario, outDir: join(root, part.dir), clock,
      command: `octobench quickstart${out ? ` --out ${out}` : ''}${flags.quick ? ' --quick' : ''}`,
      signal: controller.signal, simWorkers: workers, ...progressHooks(scenario, clock, io, flags.quiet === true),
    });
    runs.push(run);
    for (const line of runnerFor(scenario.mode).consoleTable(run.result.points)) io.out(line);
    for (const finding of run.report.findings) io.out(`- ${finding}`);
    io.out(`report: ${run.report.dir}/index.html`);
  }
  const index = await writeReportIndex(root, 'octobench quickstart', runs.map((run, i) => ({
    title: run.result.scenario.name, description: run.result.scenario.description, dir: QUICKSTART_PARTS[i]!.dir,
    status: run.result.status, points: run.result.points.length, findings: run.report.findings,
  })));
  io.out(`\nquickstart report: ${index} (links ${QUICKSTART_PARTS.map((p) => `${p.dir}/index.html`).join(' and ')})`);
  const incomplete = runs.filter((r) => r.result.status === 'incomplete').length + (QUICKSTART_PARTS.length - runs.length);
  if (incomplete > 0) throw new OctobenchError('OCTOBENCH_ERR_INTERRUPTED', `interrupted; finished points kept under ${root}`);
  const failed = runs.flatMap((r) => r.result.points.filter((pt) => pt.status === 'failed' || pt.error !== undefined));
  if (failed.length > 0) throw new OctobenchError('OCTOBENCH_ERR_POINTS_FAILED', `${failed.length} quickstart points had failures`);
  return runs;
}

export function registerQuickstart(program: Command, io: CommandIo): void {
  program
    .command('quickstart')
    .description('legacy vs Executions API against the embedded server plus a small simulated acquire-parallelism sweep; writes both reports')
    .option('--out <dir>', 'output directory (default reports/quickstart/<UTC stamp>)')
    .option('--quick', 'the small variants of both scenarios (tests, CI)')
    .option('--workers <n>', 'worker threads for the sim points (default: one per core)')
    .option('--quiet', 'no progress lines')
    .action(async (flags: QuickstartFlags) => {
      await quickstartCommand(flags, io);
    });
}
