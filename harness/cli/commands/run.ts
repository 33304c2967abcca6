// `octobench run <scenario> [--out DIR] [--seed N] [--quick] [--quiet]`, `octobench validate <scenario>`
// and `octobench plan <scenario>`. Everything is validated (scenario, flags, server) before any load
// starts; run prints the mode's table, the spread over repeats and the findings, and writes the report
// directory (results.json atomically, then index.html, summary.md, points.csv, charts/*) and prints its path.
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { RealClock, type Clock } from '../../core/clock.js';
import { colorEnabled, isTty } from '../../core/env.js';
import { Progress } from '../../run/progress.js';
import { spreadLines } from '../../report/spread.js';
import type { RunOptions } from '../../run/run-scenario.js';
import { OctobenchError } from '../../core/errors.js';
import { apiFlowsProblems } from '../../run/api-flows/runner.js';
import { runPoints } from '../../run/points.js';
import { quickScenario } from '../../run/quick.js';
import { runAndReport, type ReportedRun } from '../../run/run-and-report.js';
import { runnerFor } from '../../run/runners.js';
import { packageRoot } from '../../run/scenarios-dir.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { schemaMarkdown } from '../../scenario/schema-markdown.js';
import { ScenarioSchema, type Scenario } from '../../scenario/schema.js';
import { FlagProblems } from '../flags.js';
import type { CommandIo } from '../io.js';

export interface RunFlags {
  out?: string;
  seed?: string;
  quiet?: boolean;
  quick?: boolean;
  workers?: string;
}

/** Sim worker threads: --workers, else one per core (at least 1). */
export function simWorkers(p: FlagProblems, raw: string | undefined): number {
  return p.integer('--workers', raw, 1, 64) ?? Math.max(1, availableParallelism());
}

/** The scenario with every problem (schema, cross-field, mode rules) reported at once. */
export async function loadValidScenario(path: string): Promise<Scenario> {
  const scenario = await loadScenarioFile(path);
  const problems = apiFlowsProblems(scenario);
  if (problems.length > 0) {
    throw new OctobenchError('OCTOBENCH_ERR_SCENARIO_INVALID', `${path}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, { problems });
  }
  return scenario;
}

/** The published JSON Schema: typebox schemas are JSON Schema; JSON.stringify drops typebox's symbol keys. */
export function scenarioJsonSchema(): string {
  return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...ScenarioSchema }, null, 2);
}

/** scenarios/README.md: the schema reference, with examples from the shipped scenarios (file-name order). */
export async function scenarioMarkdown(): Promise<string> {
  const dir = join(packageRoot(), 'scenarios');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const docs = await Promise.all(files.map(async (f) => parseYaml(await readFile(join(dir, f), 'utf8')) as Record<string, unknown>));
  return schemaMarkdown(docs);
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}

/** Progress (points done, ETA) on stderr: a live bar on a TTY, plain lines otherwise; nothing when quiet. */
export function progressHooks(scenario: Scenario, clock: Clock, io: CommandIo, quiet: boolean): Pick<RunOptions, 'log' | 'onPointDone'> {
  if (quiet) return { log: () => {} };
  const progress = new Progress({ total: runPoints(scenario).length * (scenario.repeat ?? 1), clock, write: (l) => io.err(l), tty: isTty(), color: colorEnabled() });
  return { log: (line) => progress.log(line), onPointDone: (label) => progress.pointDone(label) };
}

export function defaultReportDir(name: string, ms: number): string {
  return `reports/${name}/${utcStamp(ms)}`;
}

export async function runCommand(path: string, flags: RunFlags, io: CommandIo): Promise<ReportedRun> {
  const p = new FlagProblems();
  const seed = p.integer('--seed', flags.seed, 0, 0xffffffff);
  const out = p.nonEmpty('--out', flags.out);
  const workers = simWorkers(p, flags.workers);
  p.throwIfAny('run');
  const loaded = await loadValidScenario(path);
  const scenario = flags.quick ? quickScenario(loaded) : loaded;
  const clock = new RealClock();
  const controller = new AbortController();
  void io.untilShutdown().then(() => controller.abort());
  const outDir = out ?? defaultReportDir(scenario.name, clock.now());
  const run = await runAndReport({
    scenario, source: path, document: scenario, outDir, ...(seed === undefined ? {} : { seed }), clock,
    command: `octobench run ${path}${out ? ` --out ${out}` : ''}${seed === undefined ? '' : ` --seed ${seed}`}${flags.quick ? ' --quick' : ''}`,
    signal: controller.signal, simWorkers: workers, ...progressHooks(scenario, clock, io, flags.quiet === true),
  });
  const { result, path: written } = run;
  for (const line of runnerFor(scenario.mode).consoleTable(result.points)) io.out(line);
  const spread = spreadLines(result.points);
  if (spread.length > 0) for (const line of ['', ...spread]) io.out(line);
  if (run.report.findings.length > 0) io.out('');
  for (const finding of run.report.findings) io.out(`- ${finding}`);
  io.out(`\nresults: ${written}`);
  io.out(`report: ${run.report.dir}/index.html`);
  if (result.status === 'incomplete') throw new OctobenchError('OCTOBENCH_ERR_INTERRUPTED', `interrupted; ${result.points.length} finished points kept in ${written}`);
  const failed = result.points.filter((pt) => pt.status === 'failed' || pt.error !== undefined);
  if (failed.length > 0) {
    throw new OctobenchError('OCTOBENCH_ERR_POINTS_FAILED', `${failed.length} of ${result.points.length} points had failures`, {
      problems: failed.map((pt) => ({ path: `points[${pt.index}]`, message: pt.error?.message ?? pt.status })),
    });
  }
  return run;
}

export function registerRun(program: Command, io: CommandIo): void {
  program
    .command('run <scenario>')
    .description('run a scenario file: every matrix point, the console table and the report directory')
    .option('--out <dir>', 'output directory (default reports/<name>/<UTC stamp>)')
    .option('--seed <n>', "overrides the scenario's seed")
    .option('--quick', 'a small variant: at most 2 values per matrix key, 20 targets, 3 steps, 1 iteration')
    .option('--workers <n>', 'worker threads for sim points (default: one per core)')
    .option('--quiet', 'no progress lines')
    .action(async (path: string, flags: RunFlags) => {
      await runCommand(path, flags, io);
    });
  program
    .command('validate <scenario>')
    .description('check a scenario file and list every problem; runs nothing')
    .action(async (path: string) => {
      const scenario = await loadValidScenario(path);
      io.out(`${path}: valid (${runPoints(scenario).length} points)`);
    });
  program
    .command('schema')
    .description('print the scenario JSON Schema (generated from the same typebox source as the validator)')
    .option('--markdown', 'print the schema reference (scenarios/README.md) instead, with examples from the shipped scenarios')
    .action(async (flags: { markdown?: boolean }) => {
      io.out(flags.markdown ? (await scenarioMarkdown()).replace(/\n$/, '') : scenarioJsonSchema());
    });
  program
    .command('plan <scenario>')
    .description('print the points a run would execute, as JSON; runs nothing')
    .action(async (path: string) => {
      const scenario = await loadValidScenario(path);
      io.out(JSON.stringify(runPoints(scenario).map((pt) => ({ index: pt.index, params: pt.params })), null, 2));
    });
}
