// `octobench calibrate` as a library call: measure the calibration points live, simulate them with the
// scenario's constants (before), fit the constants the live/sim gaps depend on, simulate again with the
// fitted constants (after). Why these two parameters (README "Calibration"): with one package size and
// one step length per calibration, the acquisition phase identifies one per-transfer time and the step
// phase one per-action cost; every other constant is collinear with them at these points.
//  - `fleet.downlinkMbps`, fitted as seconds per bit: the effective per-transfer throughput (folds in the
//    HTTP round trips, the disk write and SHA-256 check each live transfer also pays).
//  - `serverModel.cpuPerActionMs`: the server's per-command overhead, which sets how much longer than
//    the scripts a step phase takes when every target starts and finishes a command at once.
import type { RealClock } from '../core/clock.js';
import { OctobenchError } from '../core/errors.js';
import { DEFAULT_FLEET_SPEC } from '../fleet/model/index.js';
import type { Scenario } from '../scenario/schema.js';
import { DEFAULT_SERVER_MODEL } from '../simulate/server-model.js';
import { fitConstants, type FitParameter } from './fit.js';
import { CALIBRATION_METRICS, measureSim, relativeError, type PointValues } from './measure.js';
import { calibrationPoints, type CalibrationPoint, type CalibrationShape } from './points.js';

export interface FittedConstants {
  'fleet.downlinkMbps': number;
  'serverModel.cpuPerActionMs': number;
}

export interface CalibrationRow {
  transfer: 'push' | 'pull';
  acquireParallelism: number;
  metric: string;
  live: number;
  simBefore: number;
  simAfter: number;
  errorBefore: number;
  errorAfter: number;
}

export interface CalibrationOutcome {
  initial: FittedConstants;
  fitted: FittedConstants;
  iterations: number;
  notIdentifiable: string[];
  atBound: string[];
  rows: CalibrationRow[];
}

export type LiveMeasure = (point: CalibrationPoint, index: number) => Promise<PointValues>;

/** The fitted constants applied to a scenario (a new object; the input is not changed). */
export function withConstants(scenario: Scenario, c: FittedConstants): Scenario {
  return {
    ...scenario,
    fleet: { ...scenario.fleet, downlinkMbps: c['fleet.downlinkMbps'] },
    serverModel: { ...scenario.serverModel, cpuPerActionMs: c['serverModel.cpuPerActionMs'] },
  } as Scenario;
}

/** The constants a base scenario starts from; a distribution (not a plain number) cannot be fitted. */
export function initialConstants(base: Scenario): FittedConstants {
  const downlink = base.fleet?.downlinkMbps ?? DEFAULT_FLEET_SPEC.downlinkMbps;
  if (typeof downlink !== 'number') {
    throw new OctobenchError('OCTOBENCH_ERR_SCENARIO_INVALID', 'calibrate: the base scenario cannot be calibrated', {
      problems: [{ path: 'fleet.downlinkMbps', message: 'must be a plain number to be fitted (not a distribution)' }],
    });
  }
  return { 'fleet.downlinkMbps': downlink, 'serverModel.cpuPerActionMs': base.serverModel?.cpuPerActionMs ?? DEFAULT_SERVER_MODEL.cpuPerActionMs };
}

const FITTED_METRICS = ['deployment.acquisitionPhase', 'deployment.stepPhase'] as const;

const PARAMETERS = (c: FittedConstants): FitParameter[] => [
  { key: 'fleet.downlinkMbps', initial: c['fleet.downlinkMbps'], toX: (v) => 1 / v, fromX: (x) => 1 / x, min: 0.001, max: 1_000_000 },
  { key: 'serverModel.cpuPerActionMs', initial: c['serverModel.cpuPerActionMs'], toX: (v) => v, fromX: (x) => x, min: 0, max: 60_000 },
];

export async function runCalibration(o: { base: Scenario; shape: CalibrationShape; seed: number; live: LiveMeasure; log(line: string): void }): Promise<CalibrationOutcome> {
  const points = calibrationPoints(o.base, o.shape);
  const live: PointValues[] = [];
  for (const [i, point] of points.entries()) {
    o.log(`calibrate: live ${point.transfer} acquire ∥ ${point.acquireParallelism} (${i + 1}/${points.length})`);
    const values = await o.live(point, i);
    const bad = CALIBRATION_METRICS.filter((m) => !(values[m] > 0));
    if (bad.length > 0) {
      throw new OctobenchError('OCTOBENCH_ERR_CALIBRATION_LIVE', `calibrate: live point ${point.transfer}/${point.acquireParallelism} gave no usable timings`, {
        problems: bad.map((m) => ({ path: `points[${i}].${m}`, message: `live value is ${values[m]} (the deployment did not complete)` })),
      });
    }
    live.push(values);
  }
  const initial = initialConstants(o.base);
  const simAll = (c: FittedConstants): PointValues[] => points.map((p) => measureSim(withConstants(p.scenario, c), o.seed));
  const toConstants = (v: readonly number[]): FittedConstants => ({ 'fleet.downlinkMbps': v[0]!, 'serverModel.cpuPerActionMs': v[1]! });
  const fit = fitConstants({
    parameters: PARAMETERS(initial),
    observed: live.flatMap((l) => FITTED_METRICS.map((m) => l[m])),
    model: (v) => simAll(toConstants(v)).flatMap((s) => FITTED_METRICS.map((m) => s[m])),
  });
  const fitted = toConstants(fit.values);
  const before = simAll(initial);
  const after = simAll(fitted);
  const rows = points.flatMap((p, i) => CALIBRATION_METRICS.map((metric): CalibrationRow => ({
    transfer: p.transfer, acquireParallelism: p.acquireParallelism, metric,
    live: live[i]![metric], simBefore: before[i]![metric], simAfter: after[i]![metric],
    errorBefore: relativeError(before[i]![metric], live[i]![metric]), errorAfter: relativeError(after[i]![metric], live[i]![metric]),
  })));
  return { initial, fitted, iterations: fit.iterations, notIdentifiable: fit.notIdentifiable, atBound: fit.atBound, rows };
}
