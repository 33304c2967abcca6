// `octobench calibrate` flags (every problem at once, exit 2), the calibration points as exact data, and
// the pure report pieces (the YAML snippet a user pastes, the table row format).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCalibrateFlags } from '../../../harness/cli/commands/calibrate.js';
import { OctobenchError } from '../../../harness/core/errors.js';
import { ExitCode } from '../../../harness/core/exit-codes.js';
import { calibrationPoints, defaultBase, FULL_SHAPE, QUICK_SHAPE } from '../../../harness/calibrate/points.js';
import { calibrationTable, constantsYaml, errorSummary } from '../../../harness/calibrate/report.js';
import { initialConstants, type CalibrationOutcome } from '../../../harness/calibrate/calibrate.js';
import { simSpecFromScenario } from '../../../harness/run/sim-runner.js';
import { scenarioProblems } from '../../../harness/scenario/validate.js';
import type { Scenario } from '../../../harness/scenario/schema.js';

describe('calibrate flags', () => {
  it('defaults to the full shape; --quick picks the tiny one', () => {
    expect(parseCalibrateFlags({})).toEqual({ scenarioPath: undefined, out: undefined, seed: undefined, shape: FULL_SHAPE });
    expect(parseCalibrateFlags({ quick: true, seed: '7', out: 'o' })).toEqual({ scenarioPath: undefined, out: 'o', seed: 7, shape: QUICK_SHAPE });
  });

  it('reports every bad flag at once, with the invalid-input exit code', () => {
    let caught: unknown;
    try {
      parseCalibrateFlags({ scenario: ' ', out: '', seed: '1.5' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(OctobenchError);
    const err = caught as OctobenchError;
    expect(err.code).toBe('OCTOBENCH_ERR_INVALID_ARGUMENT');
    expect(err.exitCode).toBe(ExitCode.InvalidInput);
    expect(err.message).toBe('calibrate: 3 invalid flags');
    expect(err.problems).toEqual([
      { path: '--scenario', message: 'must not be empty' },
      { path: '--out', message: 'must not be empty' },
      { path: '--seed', message: "must be a whole number, got '1.5'" },
    ]);
  });
});

describe('calibration points', () => {
  it('push then pull, each at every parallelism, over the base (which is not changed)', () => {
    const base = defaultBase();
    const before = JSON.stringify(base);
    const points = calibrationPoints(base, FULL_SHAPE);
    expect(points.map((p) => [p.transfer, p.acquireParallelism])).toEqual([['push', 1], ['push', 5], ['push', 10], ['pull', 1], ['pull', 5], ['pull', 10]]);
    expect(points[4]!.scenario.deployment).toEqual({ targets: 50, logLinesPerStep: 5, steps: 5, stepMs: 1000, packageSizeMB: 5, transfer: 'pull', acquireParallelism: 5 });
    expect(JSON.stringify(base)).toBe(before);
  });

  it('refuses a base whose downlink is a distribution (it cannot be fitted)', () => {
    const base = { ...defaultBase(), fleet: { downlinkMbps: { uniform: [10, 100] } } } as unknown as Scenario;
    expect(() => initialConstants(base)).toThrow(expect.objectContaining({
      code: 'OCTOBENCH_ERR_SCENARIO_INVALID', problems: [{ path: 'fleet.downlinkMbps', message: 'must be a plain number to be fitted (not a distribution)' }],
    }));
  });
});

describe('calibration report', () => {
  const outcome: CalibrationOutcome = {
    initial: { 'fleet.downlinkMbps': 100, 'serverModel.cpuPerActionMs': 3 },
    fitted: { 'fleet.downlinkMbps': 94.83712, 'serverModel.cpuPerActionMs': 1.234567 },
    iterations: 2, notIdentifiable: [], atBound: [],
    rows: [
      { transfer: 'pull', acquireParallelism: 10, metric: 'deployment.acquisitionPhase', live: 2.41, simBefore: 2.046, simAfter: 2.3, errorBefore: -0.151, errorAfter: -0.0456 },
      { transfer: 'push', acquireParallelism: 1, metric: 'deployment.stepPhase', live: 5.18, simBefore: 5.29, simAfter: 5.2, errorBefore: 0.0212, errorAfter: 0.00386 },
    ],
  };

  it('prints the fitted constants as scenario YAML that validates and reaches the simulator', () => {
    const snippet = constantsYaml(outcome.fitted);
    expect(snippet).toBe('fleet:\n  downlinkMbps: 94.84\nserverModel:\n  cpuPerActionMs: 1.235\n');
    const scenario = { version: 1, name: 'pasted', mode: 'sim', deployment: { targets: 3 }, ...parse(snippet) } as Scenario;
    expect(scenarioProblems(scenario)).toEqual([]);
    const spec = simSpecFromScenario(scenario, 1);
    expect(spec.fleet.downlinkMbps).toBe(94.84);
    expect(spec.server.cpuPerActionMs).toBe(1.235);
  });

  it('tables live, sim before/after and both errors; summarises the worst', () => {
    expect(calibrationTable(outcome)[2]).toBe('| pull | 10 | deployment.acquisitionPhase | 2.41 | 2.05 | -15.1 % | 2.30 | -4.6 % |');
    expect(errorSummary(outcome)).toEqual({ maxBefore: 0.151, maxAfter: 0.0456 });
  });
});
