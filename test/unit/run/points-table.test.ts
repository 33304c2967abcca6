// Pure parts of the run pipeline: points (matrix × operation × api) as exact arrays, load splitting for
// worker threads, merging share results (exact, via encoded histograms), the api-flows rules and the
// seed-style table.
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../../harness/metrics/histogram.js';
import { valueMetric, distributionMetric } from '../../../harness/metrics/metric.js';
import type { PointResult } from '../../../harness/metrics/results.js';
import { mergeShares } from '../../../harness/run/api-flows/metrics.js';
import { apiFlowsProblems } from '../../../harness/run/api-flows/runner.js';
import { emptyBytes, type ShareResult } from '../../../harness/run/api-flows/share.js';
import { splitLoad } from '../../../harness/run/api-flows/workers.js';
import { runPoints } from '../../../harness/run/points.js';
import { seedTable } from '../../../harness/run/table.js';
import { validateScenario } from '../../../harness/scenario/validate.js';

const base = {
  version: 1, name: 't', mode: 'api-flows', server: { kind: 'embedded' },
  workload: { operations: ['create-release', 'run-runbook'], apis: ['legacy', 'executions'], iterations: 1 },
};

describe('run points', () => {
  it('splits every matrix point into one point per (operation, api), first matrix key outermost', () => {
    const points = runPoints(validateScenario({ ...base, matrix: { 'network.rttMs': [0, 60] } }));
    expect(points.map((p) => p.params)).toEqual([0, 60].flatMap((rtt) => ['create-release', 'run-runbook'].flatMap((operation) =>
      ['legacy', 'executions'].map((api) => ({ 'network.rttMs': rtt, operation, api })))));
    expect(points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(points[5]!.scenario.network).toEqual({ rttMs: 60 });
    expect(points[5]!.scenario.workload).toMatchObject({ operations: ['create-release'], apis: ['executions'] });
  });

  it('lists the api-flows rules a schema-valid scenario breaks', () => {
    const s = validateScenario({ ...base, network: { emulation: 'none', rttMs: 5 }, workload: { ...base.workload, model: 'open', rate: 5, vus: 2 } });
    expect(apiFlowsProblems(s).map((p) => p.path)).toEqual(['workload.durationMs', 'workload.vus', 'network.rttMs']);
    expect(apiFlowsProblems(validateScenario(base))).toEqual([]);
  });
});

describe('worker shares', () => {
  it('splits users, iterations, rate and slots so that the shares add up to the whole', () => {
    const shares = splitLoad({ model: 'closed', vus: 5, iterations: 7, maxInFlight: 3, maxStartDelayMs: 0 }, 3);
    expect(shares.map((s) => [s.vus, s.iterations, s.maxInFlight])).toEqual([[2, 3, 1], [2, 2, 1], [1, 2, 1]]);
    expect(splitLoad({ model: 'open', vus: 1, rate: 90, durationMs: 1000, maxInFlight: 10, maxStartDelayMs: 0 }, 3).map((s) => s.rate)).toEqual([30, 30, 30]);
    expect(splitLoad({ model: 'closed', vus: 1, iterations: 1, maxInFlight: 1, maxStartDelayMs: 0 }, 2)).toHaveLength(1);
  });

  it('merges shares exactly: the merged histogram equals one histogram of every sample, bytes and counts add up', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => (i % 50 === 0 ? 900 + i : 5 + (i % 17)));
    const parts = [0, 1, 2].map((w) => samples.filter((_, i) => i % 3 === w));
    const share = (values: number[], t0: number): ShareResult => {
      const h = new LatencyHistogram();
      for (const v of values) h.record(v);
      return {
        operations: values.length, errors: 1, errorMessages: ['E: x'], bytes: { ...emptyBytes(), requests: values.length, responseBodyBytes: 10 * values.length },
        waitBytes: emptyBytes(), waits: 0, waitTimeouts: 0, operationHistogram: h.encode(), waitHistogram: new LatencyHistogram().encode(), startedAt: t0, endedAt: t0 + 1000,
      };
    };
    const merged = mergeShares(parts.map((p, i) => share(p, 100 * i)));
    const whole = new LatencyHistogram();
    for (const v of samples) whole.record(v);
    expect(merged.operation.summary()).toEqual(whole.summary());
    expect([merged.operations, merged.errors, merged.bytes.requests, merged.bytes.responseBodyBytes, merged.elapsedMs]).toEqual([1000, 3, 1000, 10_000, 1200]);
    expect(merged.errorMessages).toEqual(['E: x']);
  });
});

describe('seed table', () => {
  const point = (operation: string, api: string, reqs: number, ms: number, index: number): PointResult => {
    const h = new LatencyHistogram();
    h.record(ms);
    return {
      index, repeat: 0, seed: 1, wallMs: 0, status: 'ok', params: { 'network.rttMs': 60, operation, api },
      metrics: { requestsPerOperation: valueMetric(reqs, 'requests'), operationDuration: distributionMetric(h), requestBytesPerOperation: valueMetric(4600, 'bytes'), responseBytesPerOperation: valueMetric(87_500, 'bytes') },
    };
  };

  it('prints both APIs side by side per operation with the legacy ÷ executions ratio, per swept value', () => {
    expect(seedTable([point('create-release', 'legacy', 16, 1000, 0), point('create-release', 'executions', 1, 62.5, 1)])).toEqual([
      '\nnetwork.rttMs=60',
      '| operation | legacy reqs | legacy ms | legacy req kB | legacy resp kB | executions reqs | executions ms | executions req kB | executions resp kB | legacy ÷ executions |',
      '|---|---|---|---|---|---|---|---|---|---|',
      '| create-release | 16.0 | 1000 | 4.6 | 87.5 | 1.0 | 63 | 4.6 | 87.5 | 16.0× |',
    ]);
  });
});
