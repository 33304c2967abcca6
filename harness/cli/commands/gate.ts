// `octobench gate <baseline.json> <current.json> [--metric REF] [--tolerance PCT] [--higher-is-better]
// [--junit FILE]`: the CI regression gate (harness/gate/gate.ts). Prints one Markdown table (point,
// baseline and current median with range and repeats, change, verdict), the reasons the runs may not be
// comparable, and a verdict line; with --junit also writes the verdict as JUnit XML (atomically, pass or
// fail). A failed gate throws OCTOBENCH_ERR_GATE_FAILED (exit 3). Inputs and flags are checked before
// anything is compared.
import type { Command } from 'commander';
import { OctobenchError } from '../../core/errors.js';
import { writeTextAtomically } from '../../core/output-file.js';
import { defaultGateMetric, gate, percentChange, type GateResult, type Sample } from '../../gate/gate.js';
import { gateJunit } from '../../gate/junit.js';
import { provenanceFindings } from '../../report/compare.js';
import { metricNumber, num, parseMetricRef } from '../../report/model.js';
import { readResults } from '../../report/read-results.js';
import { FlagProblems } from '../flags.js';
import type { CommandIo } from '../io.js';

export interface GateFlags {
  metric?: string;
  tolerance?: string;
  higherIsBetter?: boolean;
  junit?: string;
}

export const DEFAULT_TOLERANCE_PCT = 10;

const shown = (s: Sample): string => `${num(s.median)}${s.n > 1 ? ` (${num(s.min)}–${num(s.max)}, n=${s.n})` : ''}`;

export function gateTable(result: GateResult): string[] {
  return [
    '| point | baseline | current | change | verdict |',
    '|---|---|---|---|---|',
    ...result.rows.map((r) => `| ${r.point} | ${shown(r.baseline)} | ${r.current === undefined ? 'missing' : shown(r.current)} | ${percentChange(r.ratio)} | ${r.verdict} |`),
  ];
}

export async function gateCommand(paths: string[], flags: GateFlags, io: CommandIo): Promise<GateResult> {
  const p = new FlagProblems();
  const tolerancePct = p.number('--tolerance', flags.tolerance?.replace(/\s*%$/, ''), 0, 1000) ?? DEFAULT_TOLERANCE_PCT;
  const metricFlag = p.nonEmpty('--metric', flags.metric);
  const junit = p.nonEmpty('--junit', flags.junit);
  if (paths.length !== 2) p.add('<baseline.json> <current.json>', `give the baseline's results.json and the current one, got ${paths.length} file${paths.length === 1 ? '' : 's'}`);
  p.throwIfAny('gate');
  const [baseline, current] = await Promise.all(paths.map((path) => readResults(path))) as [Awaited<ReturnType<typeof readResults>>, Awaited<ReturnType<typeof readResults>>];
  const metric = metricFlag ?? defaultGateMetric(baseline);
  if (metric === undefined || !baseline.points.some((pt) => metricNumber(pt, parseMetricRef(metric)) !== undefined)) {
    throw new OctobenchError('OCTOBENCH_ERR_INVALID_ARGUMENT', `gate: the baseline has no ${metric === undefined ? 'headline metric; name one with --metric' : `values of '${metric}'`}`);
  }
  const result = gate(baseline, current, { metric, tolerance: tolerancePct / 100, higherIsBetter: flags.higherIsBetter === true });
  const direction = flags.higherIsBetter === true ? 'higher is better' : 'lower is better';
  io.out(`gate: ${metric} (${direction}), tolerance ${num(tolerancePct)} %; ranges must be apart when both runs repeat a point`);
  for (const line of gateTable(result)) io.out(line);
  for (const warning of provenanceFindings(baseline, current)) io.out(`note: ${warning}`);
  if (junit !== undefined) {
    await writeTextAtomically(junit, gateJunit(result, current.scenario.name, tolerancePct), 'OCTOBENCH_ERR_REPORT_WRITE');
    io.out(`junit: ${junit}`);
  }
  const regressed = result.rows.filter((r) => r.verdict === 'regressed').length;
  const missing = result.rows.filter((r) => r.verdict === 'missing').length;
  if (result.passed) {
    io.out(`gate passed: ${result.rows.length} point${result.rows.length === 1 ? '' : 's'}, none worse than the tolerance`);
    return result;
  }
  const why = [regressed > 0 ? `${regressed} regressed` : '', missing > 0 ? `${missing} missing from the current run` : ''].filter(Boolean).join(', ');
  throw new OctobenchError('OCTOBENCH_ERR_GATE_FAILED', `gate failed: ${why || 'no point to compare'} (of ${result.rows.length} baseline point${result.rows.length === 1 ? '' : 's'}, ${metric}, tolerance ${num(tolerancePct)} %)`);
}

export function registerGate(program: Command, io: CommandIo): void {
  program
    .command('gate <results...>')
    .description('CI regression gate: compare current.json with baseline.json point by point; exit 3 when a point regressed or is missing')
    .option('--metric <ref>', "metric to hold (default: the baseline's headline metric, e.g. run.makespan)")
    .option('--tolerance <pct>', `allowed worsening of a point's median, percent (default ${DEFAULT_TOLERANCE_PCT})`)
    .option('--higher-is-better', 'the metric is a rate (e.g. operations), not a duration')
    .option('--junit <file>', 'also write the verdict as JUnit XML (one test case per point)')
    .action(async (paths: string[], flags: GateFlags) => {
      await gateCommand(paths, flags, io);
    });
}
