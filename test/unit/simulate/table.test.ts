import { describe, expect, it } from 'vitest';
import { simTable } from '../../../harness/simulate/table.js';
import { valueMetric } from '../../../harness/metrics/metric.js';
import { exactDistribution } from '../../../harness/simulate/metrics.js';

describe('simTable', () => {
  it('one row per point with swept values, phases, completion spread, CPU, transfers, failures', () => {
    const lines = simTable([{
      index: 0, repeat: 0, params: { 'deployment.acquireParallelism': 10 }, status: 'ok', seed: 1, wallMs: 5,
      metrics: {
        'run.makespan': valueMetric(1418.2, 's'),
        'deployment.acquisitionPhase': exactDistribution([803], 's'),
        'target.completion': exactDistribution([1, 2, 3, 4], 's'),
        'server.cpu.meanUtilisation': valueMetric(0.374, 'ratio'),
        'transfers.peakConcurrent': valueMetric(10, 'transfers'),
      },
      counters: { failedTargets: 2, retriedTargets: 5 },
    }]);
    expect(lines).toEqual([
      '| deployment.acquireParallelism | repeat | makespan s | acquisition s | target p50 / p95 / max s | server CPU | peak transfers | failed / retried targets |',
      '|---|---|---|---|---|---|---|---|',
      '| 10 | 0 | 1418 | 803 | 2 / 4 / 4 | 37 % | 10 | 2 / 5 |',
    ]);
  });
});
