// `octobench calibrate [--scenario FILE] [--out DIR] [--seed N] [--quick]`: runs the calibration points
// live and in sim, fits the simulator constants the gaps depend on (harness/calibrate), prints the
// before/after error table and the YAML snippet of the fitted constants, writes calibration.json.
import type { Command } from 'commander';
import { RealClock } from '../../core/clock.js';
import { OctobenchError } from '../../core/errors.js';
import { runCalibration } from '../../calibrate/calibrate.js';
import { measureLive } from '../../calibrate/measure.js';
import { defaultBase, FULL_SHAPE, QUICK_SHAPE, type CalibrationShape } from '../../calibrate/points.js';
import { calibrationDocument, calibrationTable, constantsYaml, errorSummary, writeCalibration } from '../../calibrate/report.js';
import { provenance } from '../../run/provenance.js';
import type { Scenario } from '../../scenario/schema.js';
import { FlagProblems } from '../flags.js';
import type { CommandIo } from '../io.js';
import { loadValidScenario } from './run.js';

export interface CalibrateFlags {
  scenario?: string;
  out?: string;
  seed?: string;
  quick?: boolean;
}

export interface CalibrateOptions {
  scenarioPath: string | undefined;
  out: string | undefined;
  seed: number | undefined;
  shape: CalibrationShape;
}

/** Every flag problem at once (OCTOBENCH_ERR_INVALID_ARGUMENT, exit 2). */
export function parseCalibrateFlags(flags: CalibrateFlags): CalibrateOptions {
  const p = new FlagProblems();
  const scenarioPath = p.nonEmpty('--scenario', flags.scenario);
  const out = p.nonEmpty('--out', flags.out);
  const seed = p.integer('--seed', flags.seed, 0, 0xffffffff);
  p.throwIfAny('calibrate');
  return { scenarioPath, out, seed, shape: flags.quick === true ? QUICK_SHAPE : FULL_SHAPE };
}

async function baseScenario(path: string | undefined): Promise<Scenario> {
  if (path === undefined) return defaultBase();
  const scenario = await loadValidScenario(path);
  if (scenario.deployment === undefined) {
    throw new OctobenchError('OCTOBENCH_ERR_SCENARIO_INVALID', `${path}: cannot be calibrated`, {
      problems: [{ path: 'deployment', message: 'calibrate needs a deployment section (a sim or live scenario)' }],
    });
  }
  return scenario;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}

export async function calibrateCommand(flags: CalibrateFlags, io: CommandIo): Promise<void> {
  const o = parseCalibrateFlags(flags);
  const base = await baseScenario(o.scenarioPath);
  const seed = o.seed ?? base.seed ?? 1;
  const clock = new RealClock();
  const controller = new AbortController();
  void io.untilShutdown().then(() => controller.abort());
  const startedAt = new Date(clock.now()).toISOString();
  const outcome = await runCalibration({
    base, shape: o.shape, seed, log: (line) => io.err(line),
    live: (point) => measureLive(point, seed, clock, controller.signal),
  });
  const command = ['octobench calibrate', o.scenarioPath && `--scenario ${o.scenarioPath}`, o.out && `--out ${o.out}`, o.seed !== undefined && `--seed ${o.seed}`, flags.quick === true && '--quick']
    .filter((s) => typeof s === 'string').join(' ');
  const prov = await provenance({ seed, mode: 'live', emulation: { kind: 'in-process' }, startedAt, endedAt: new Date(clock.now()).toISOString(), command });
  for (const line of calibrationTable(outcome)) io.out(line);
  const s = errorSummary(outcome);
  io.out(`\nmax |error|: ${(s.maxBefore * 100).toFixed(1)} % before, ${(s.maxAfter * 100).toFixed(1)} % after (${outcome.iterations} Gauss–Newton iterations)`);
  if (outcome.notIdentifiable.length > 0) io.out(`not identifiable at these points (left unchanged): ${outcome.notIdentifiable.join(', ')}`);
  io.out('\nfitted constants (paste into a mode: sim scenario):\n');
  for (const line of constantsYaml(outcome.fitted).trimEnd().split('\n')) io.out(line);
  const written = await writeCalibration(o.out ?? `reports/calibration/${stamp(clock.now())}`, calibrationDocument(outcome, o.shape, seed, prov));
  io.out(`\ncalibration: ${written}`);
}

export function registerCalibrate(program: Command, io: CommandIo): void {
  program
    .command('calibrate')
    .description('run the calibration points live and in sim, fit the simulator constants, report errors before/after')
    .option('--scenario <file>', 'base scenario (deployment/fleet/serverModel); default: 100 Mbit/s downlinks, 2 ms RTT')
    .option('--out <dir>', 'output directory for calibration.json (default reports/calibration/<UTC stamp>)')
    .option('--seed <n>', "seed (default the scenario's, else 1)")
    .option('--quick', 'tiny points (5 targets, 2 steps, 1 MB, 0.2 s steps), a few seconds live')
    .action((flags: CalibrateFlags) => calibrateCommand(flags, io));
}
