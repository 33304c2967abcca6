// The calibration points: the same small deployment, push and pull, at several acquire parallelisms,
// over a base scenario (deployment/fleet/serverModel). Pure data; `octobench calibrate` and
// `npm run bench:calibration` both expand them here.
import type { Scenario } from '../scenario/schema.js';

export interface CalibrationShape {
  targets: number;
  steps: number;
  packageSizeMB: number;
  stepMs: number;
  acquireParallelism: readonly number[];
  transfers: readonly ('push' | 'pull')[];
}

/** issue 5 item 6: 50 targets, 5 steps, 5 MB, acquire parallelism 1/5/10, push and pull. */
export const FULL_SHAPE: CalibrationShape = {
  targets: 50, steps: 5, packageSizeMB: 5, stepMs: 1_000, acquireParallelism: [1, 5, 10], transfers: ['push', 'pull'],
};

/** `--quick`: a few seconds live (5 targets, 2 steps, 1 MB), still two parallelisms per transfer. */
export const QUICK_SHAPE: CalibrationShape = {
  targets: 5, steps: 2, packageSizeMB: 1, stepMs: 200, acquireParallelism: [1, 5], transfers: ['push', 'pull'],
};

export interface CalibrationPoint {
  transfer: 'push' | 'pull';
  acquireParallelism: number;
  scenario: Scenario;
}

/** The base every point starts from when no --scenario is given (the bench's historical settings). */
export function defaultBase(): Scenario {
  return {
    version: 1, name: 'calibration', mode: 'live', seed: 1,
    deployment: { targets: 50, logLinesPerStep: 5 },
    fleet: { downlinkMbps: 100, rttMs: 2 },
  } as unknown as Scenario;
}

/** One scenario per (transfer, parallelism); the base's other keys are kept, never mutated. */
export function calibrationPoints(base: Scenario, shape: CalibrationShape): CalibrationPoint[] {
  const points: CalibrationPoint[] = [];
  for (const transfer of shape.transfers) {
    for (const acquireParallelism of shape.acquireParallelism) {
      const scenario = {
        ...base,
        mode: 'live',
        deployment: {
          ...base.deployment,
          targets: shape.targets, steps: shape.steps, stepMs: shape.stepMs, packageSizeMB: shape.packageSizeMB,
          transfer, acquireParallelism,
        },
      } as Scenario;
      points.push({ transfer, acquireParallelism, scenario });
    }
  }
  return points;
}
