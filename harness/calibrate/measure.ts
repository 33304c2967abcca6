// Measuring a calibration point: the same spec run live (real agents on loopback, in this process)
// and simulated; a live point whose task did not succeed is an error (OCTOBENCH_ERR_CALIBRATION_LIVE),
// never a timing. The metrics compared are the phases of the point's deployment (medians, seconds).
import type { RealClock } from '../core/clock.js';
import { OctobenchError } from '../core/errors.js';
import { runLivePoint } from '../fleet/live/live-point.js';
import type { Metric } from '../metrics/metric.js';
import { liveMetrics } from '../run/live-runner.js';
import { simSpecFromScenario } from '../run/sim-runner.js';
import type { Scenario } from '../scenario/schema.js';
import { collectMetrics } from '../simulate/metrics.js';
import { simulate } from '../simulate/simulate.js';
import type { CalibrationPoint } from './points.js';

export const CALIBRATION_METRICS = ['deployment.duration', 'deployment.acquisitionPhase', 'deployment.stepPhase'] as const;
export type CalibrationMetric = (typeof CALIBRATION_METRICS)[number];
export type PointValues = Record<CalibrationMetric, number>;

function value(m: Metric | undefined): number {
  return m === undefined ? NaN : 'value' in m ? m.value : m.p50;
}

function pick(metrics: Record<string, Metric>): PointValues {
  return {
    'deployment.duration': value(metrics['deployment.duration']),
    'deployment.acquisitionPhase': value(metrics['deployment.acquisitionPhase']),
    'deployment.stepPhase': value(metrics['deployment.stepPhase']),
  };
}

export async function measureLive(point: CalibrationPoint, seed: number, clock: RealClock, signal: AbortSignal): Promise<PointValues> {
  const spec = simSpecFromScenario(point.scenario, seed);
  const result = await runLivePoint(spec, clock, signal);
  const failed = result.tasks.filter((t) => t.state !== 'Success');
  if (failed.length > 0 || result.tasks.length === 0) {
    throw new OctobenchError('OCTOBENCH_ERR_CALIBRATION_LIVE', `calibrate: live point ${point.transfer}/${point.acquireParallelism} did not succeed`, {
      problems: failed.length === 0
        ? [{ path: `${point.transfer}/${point.acquireParallelism}`, message: 'no task ran' }]
        : failed.map((t) => ({ path: `${point.transfer}/${point.acquireParallelism}`, message: `task ended ${t.state}${signal.aborted ? ' (interrupted)' : ''}` })),
    });
  }
  return pick(liveMetrics(result).metrics);
}

/** Deterministic: the same scenario and seed give the same values. */
export function measureSim(scenario: Scenario, seed: number): PointValues {
  return pick(collectMetrics(simulate(simSpecFromScenario(scenario, seed))).metrics);
}

/** (sim − live) / live. */
export function relativeError(sim: number, live: number): number {
  return (sim - live) / live;
}
