// Per-deployment metrics on exact cases: queue wait under the task cap, failed and retried targets,
// stragglers in the completion distribution, task log size, bucketed series.
import { describe, expect, it } from 'vitest';
import { bucketSeries, collectMetrics, exactDistribution } from '../../../harness/simulate/metrics.js';
import { simulate } from '../../../harness/simulate/simulate.js';
import { NO_FAILURES } from '../../../harness/fleet/model/index.js';
import { analyticSpec } from './helpers.js';

const fast = { downlinkMbps: 1e12 };

describe('simulation metrics', () => {
  it('task cap 1: three one-target deployments queue behind each other (waits 0, 1, 2 s)', () => {
    const m = collectMetrics(simulate(analyticSpec(1, { deployments: 3, taskCap: 1, packageSizeMB: 0, stepMs: 1000 }, fast)));
    expect(m.metrics['deployment.queueWait']).toEqual(exactDistribution([0, 1, 2], 's'));
    expect(m.metrics['deployment.duration']).toEqual(exactDistribution([1, 2, 3], 's'));
    expect(m.counters).toMatchObject({ deployments: 3, deploymentsSucceeded: 3, targets: 3 });
  });

  it('every script fails: all targets failed; with 2 step retries each target is retried twice', () => {
    const failing = { failures: { ...NO_FAILURES, stepFailureProbability: 1 } };
    const once = collectMetrics(simulate(analyticSpec(4, { packageSizeMB: 0, stepMs: 1000 }, { ...fast, ...failing })));
    expect(once.counters).toMatchObject({ failedTargets: 4, retriedTargets: 0, retries: 0, deploymentsFailed: 1 });
    const retried = simulate(analyticSpec(4, { packageSizeMB: 0, stepMs: 1000, stepRetries: 2, stepRetryBackoffS: 5 }, { ...fast, ...failing }));
    expect(collectMetrics(retried).counters).toMatchObject({ failedTargets: 4, retriedTargets: 4, retries: 8 });
    expect(retried.endMs - retried.startMs).toBe(3 * 1000 + 2 * 5000);
  });

  it('stragglers stretch their own completion; the distribution shows them at the top', () => {
    const spec = analyticSpec(20, { packageSizeMB: 0, stepMs: 1000 }, { ...fast, failures: { ...NO_FAILURES, stragglerProbability: 0.2, stragglerFactor: 5 } });
    const run = simulate(spec);
    const slow = run.targets.filter((t) => t.straggler).length;
    expect(slow).toBeGreaterThan(0);
    const c = collectMetrics(run).metrics['target.completion'];
    expect(c).toEqual(exactDistribution([...Array(20 - slow).fill(1), ...Array(slow).fill(5)], 's'));
  });

  it('task log size counts the engine lines and the fleet output (lines × bytes per line)', () => {
    const m = collectMetrics(simulate(analyticSpec(2, { packageSizeMB: 0, stepMs: 1000, logLinesPerStep: 7, logBytesPerLine: 50 }, fast)));
    // engine: "Deploying to 2 targets", 2 × "Step succeeded on …"; fleet: 2 × 7 lines of 50 bytes.
    expect(m.metrics['taskLog.lines']).toEqual({ unit: 'lines', value: 3 + 14 });
    expect(m.metrics['taskLog.bytes']).toEqual({ unit: 'bytes', value: 'Deploying to 2 targets'.length + 2 * 'Step succeeded on Target-1'.length + 14 * 50 });
  });

  it('bucketSeries: time-weighted mean and max of a step function', () => {
    const samples = [{ time: 0, level: 0 }, { time: 10, level: 4 }, { time: 30, level: 2 }];
    expect(bucketSeries(samples, 0, 40, 2, 'mean')).toEqual([[0, 2], [20, 3]]);
    expect(bucketSeries(samples, 0, 40, 2, 'max')).toEqual([[0, 4], [20, 4]]);
  });
});
