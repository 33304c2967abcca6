// Headline findings: the exact sentences for each fixture, and for two compared runs.
import { describe, expect, it } from 'vitest';
import { compareFindings } from '../../../harness/report/compare.js';
import { findings, paramPhrase } from '../../../harness/report/findings.js';
import type { RunResult } from '../../../harness/metrics/results.js';
import { fixture } from './helpers.js';

/** The sim-sweep fixture with the makespan of its acquire parallelism `p` point set to `seconds`. */
function sweepWithMakespan(p: number, seconds: number): RunResult {
  const sweep = fixture('sim-sweep');
  return {
    ...sweep,
    points: sweep.points.map((pt) =>
      pt.params['deployment.acquireParallelism'] === p ? { ...pt, metrics: { ...pt.metrics, 'run.makespan': { unit: 's', value: seconds } } } : pt),
  };
}

describe('findings', () => {
  it('api-flows: requests, bytes and duration of executions vs legacy per operation, with ratios', () => {
    expect(findings(fixture('api-flows'))).toEqual([
      'create-release: executions needs 1 request vs 16 for legacy (16× fewer); moves 4.21 kB vs 48.5 kB (12× less); takes 9.69 ms vs 69.7 ms at RTT 0 ms (7.2× faster), 69.7 ms vs 1030 ms at RTT 60 ms (15× faster).',
      'deploy-release: executions needs 1 request vs 9 for legacy (9× fewer); moves 4.21 kB vs 27.4 kB (6.5× less); takes 9.69 ms vs 41.7 ms at RTT 0 ms (4.3× faster), 69.7 ms vs 582 ms at RTT 60 ms (8.3× faster).',
      'run-runbook: executions needs 1 request vs 7 for legacy (7× fewer); moves 4.21 kB vs 21.4 kB (5.1× less); takes 9.69 ms vs 33.7 ms at RTT 0 ms (3.5× faster), 69.7 ms vs 454 ms at RTT 60 ms (6.5× faster).',
    ]);
  });

  it('sim sweep: where the duration is lowest and above which value the server CPU saturates', () => {
    expect(findings(fixture('sim-sweep'))).toEqual([
      'total deployment duration is lowest at acquire parallelism 20 (480 s; highest 950 s at 120); above 60 the server CPU saturates (≥ 95 % busy for ≥ 5 % of the run).',
    ]);
  });

  it('names the range when several swept values are within 1 % of the lowest, not the last of them', () => {
    const plateau = sweepWithMakespan(40, 482);
    expect(findings(plateau)).toEqual([
      'total deployment duration is lowest from acquire parallelism 20 to 40 (within 1 % of 480 s; highest 950 s at 120); above 60 the server CPU saturates (≥ 95 % busy for ≥ 5 % of the run).',
    ]);
  });

  it('when the lowest value is itself past the saturation point, says the CPU saturates from there on, the lowest included', () => {
    const saturatedBest = sweepWithMakespan(120, 400);
    expect(findings(saturatedBest)).toEqual([
      'total deployment duration is lowest at acquire parallelism 120 (400 s; highest 900 s at 5); the server CPU saturates (≥ 95 % busy for ≥ 5 % of the run) from 80 on, the lowest included.',
    ]);
  });

  it('a plateau that starts below the saturation point and runs into it still says above which value it saturates', () => {
    const overlapping = sweepWithMakespan(80, 483);
    expect(findings(overlapping)).toEqual([
      'total deployment duration is lowest from acquire parallelism 20 to 80 (within 1 % of 480 s; highest 950 s at 120); above 60 the server CPU saturates (≥ 95 % busy for ≥ 5 % of the run).',
    ]);
  });

  it('a short burst at full CPU (one bucket in 40) is not saturation; a sustained one is', () => {
    const sweep = fixture('sim-sweep');
    const withSeries = (busyBuckets: number): RunResult => ({
      ...sweep,
      points: sweep.points.map((p) => ({
        ...p, series: { 'server.cpuUtilisation': { unit: 'ratio', points: Array.from({ length: 40 }, (_, i): [number, number] => [i * 1000, i < busyBuckets ? 1 : 0.5]) } },
      })),
    });
    expect(findings(withSeries(1))).toEqual(['total deployment duration is lowest at acquire parallelism 20 (480 s; highest 950 s at 120); the server CPU never saturates.']);
    expect(findings(withSeries(2))).toEqual(['total deployment duration is lowest at acquire parallelism 20 (480 s; highest 950 s at 120); the server CPU saturates at every acquire parallelism tried.']);
  });

  it('an interrupted run with a failed point says so first; repeats are averaged', () => {
    expect(findings(fixture('sim-interrupted'))).toEqual([
      'The run was interrupted: 4 points are reported, the rest did not run.',
      '1 of 4 points did not finish: targets=1000, repeat 1 (failed: simulated server ran out of memory).',
      'total deployment duration is lowest at targets 100 (55 s; highest 500 s at 1000).',
    ]);
  });

  it('says when the CPU never saturates and when executions is worse than legacy', () => {
    const sweep = fixture('sim-sweep');
    const cool = { ...sweep, points: sweep.points.slice(0, 4) };
    expect(findings(cool)).toEqual(['total deployment duration is lowest at acquire parallelism 20 (480 s; highest 900 s at 5); the server CPU never saturates.']);
    const api = fixture('api-flows');
    const swapped: RunResult = { ...api, points: api.points.filter((p) => p.params['network.rttMs'] === 0 && p.params['operation'] === 'run-runbook').map((p) => ({ ...p, params: { ...p.params, api: p.params['api'] === 'legacy' ? 'executions' : 'legacy' } })) };
    expect(findings(swapped)).toEqual(['run-runbook: executions needs 7 requests vs 1 for legacy (7× more); moves 21.4 kB vs 4.21 kB (5.1× more); takes 33.7 ms vs 9.69 ms (3.5× slower).']);
  });

  it('phrases parameters with their unit after the value', () => {
    expect([paramPhrase('network.rttMs', 60), paramPhrase('deployment.acquireParallelism', 20), paramPhrase('package.sizeBytes', 5)]).toEqual(['RTT 60 ms', 'acquire parallelism 20', 'size 5 bytes']);
  });
});

describe('compare findings', () => {
  it('B vs A per headline metric (geometric mean and range), then each run by name', () => {
    const a = fixture('sim-sweep');
    const b: RunResult = { ...a, provenance: { ...a.provenance, cpuModel: 'Other CPU' }, points: a.points.map((p) => ({ ...p, metrics: { ...p.metrics, 'run.makespan': { unit: 's', value: (p.metrics['run.makespan'] as { value: number }).value * (p.index < 3 ? 1.1 : 1.3) } } })) };
    expect(compareFindings(a, b)).toEqual([
      'A and B ran on different machines (Example CPU @ 2.00GHz × 2 vs Other CPU × 2): differences may be the machine\'s, not the code\'s.',
      'total deployment duration is 1.21× higher in B than in A; B ÷ A 1.1–1.3 over 7 points.',
      'deployment duration (p95) is the same in B as in A.',
      'per-target completion (p95) is the same in B as in A.',
      'server CPU utilisation is the same in B as in A.',
      'peak concurrent transfers is the same in B as in A.',
      'server uplink bytes is the same in B as in A.',
      'run=A: total deployment duration is lowest at acquire parallelism 20 (480 s; highest 950 s at 120); above 60 the server CPU saturates (≥ 95 % busy for ≥ 5 % of the run).',
      'run=B: total deployment duration is lowest at acquire parallelism 20 (528 s; highest 1235 s at 120); above 60 the server CPU saturates (≥ 95 % busy for ≥ 5 % of the run).',
    ]);
  });

  it('runs with no point in common are said to be incomparable point by point', () => {
    expect(compareFindings(fixture('sim-sweep'), fixture('api-flows'))).toContain('A and B have no finished point with the same parameters: nothing to compare point by point.');
  });
});
