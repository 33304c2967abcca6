// The per-deployment phase metrics, computed the same way for simulated and live runs (so that a
// calibration compares like with like): total duration from queueing, queue wait, the "Acquire
// packages" phase and the step phase after it, from each task's activity tree and times.
import type { Metric } from '../metrics/metric.js';
import type { TaskRuntime } from '../../mock-server/engine/types.js';
import { exactDistribution } from './metrics.js';

const s = (ms: number): number => ms / 1000;

export interface TaskPhases {
  metrics: Record<string, Metric>;
  counters: { deployments: number; deploymentsSucceeded: number; deploymentsFailed: number; failedTargets: number };
}

/** `startMs`/`endMs` stand in for a task that never started or never completed. */
export function taskPhaseMetrics(tasks: readonly TaskRuntime[], startMs: number, endMs: number): TaskPhases {
  const durations: number[] = [];
  const acquisitions: number[] = [];
  const stepPhases: number[] = [];
  const queueWaits: number[] = [];
  const failedTargets = new Set<string>();
  for (const task of tasks) {
    const started = task.startTime ?? startMs;
    const completed = task.completedTime ?? endMs;
    durations.push(s(completed - task.queueTime));
    queueWaits.push(s(started - task.queueTime));
    const acquire = task.activity.children.find((c) => c.name === 'Acquire packages');
    const acqEnd = acquire?.ended ?? started;
    if (acquire?.started !== undefined) acquisitions.push(s(acqEnd - acquire.started));
    stepPhases.push(s(completed - acqEnd));
    for (const phase of task.activity.children) for (const unit of phase.children) if (unit.status === 'Failed') failedTargets.add(unit.name);
  }
  return {
    metrics: {
      'deployment.duration': exactDistribution(durations, 's'),
      'deployment.acquisitionPhase': exactDistribution(acquisitions, 's'),
      'deployment.stepPhase': exactDistribution(stepPhases, 's'),
      'deployment.queueWait': exactDistribution(queueWaits, 's'),
    },
    counters: {
      deployments: tasks.length,
      deploymentsSucceeded: tasks.filter((t) => t.state === 'Success').length,
      deploymentsFailed: tasks.filter((t) => t.state === 'Failed').length,
      failedTargets: failedTargets.size,
    },
  };
}
