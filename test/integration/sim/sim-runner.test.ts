// mode: sim through the run seam: a scenario file (validated like any other) → points → the sim runner →
// metrics, counters and series; identical for one seed. The shipped scenario validates and sweeps.
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenarioText } from '../../../harness/scenario/load.js';
import { expandMatrix } from '../../../harness/scenario/matrix.js';
import { runnerFor } from '../../../harness/run/runners.js';
import { simRunner, simSpecFromScenario } from '../../../harness/run/sim-runner.js';
import { DEFAULT_SERVER_MODEL } from '../../../harness/simulate/server-model.js';
import { OctobenchError } from '../../../harness/core/errors.js';

const text = `
version: 1
name: small-sim
mode: sim
deployment: { targets: 40, steps: 2, stepMs: 1000, packageSizeMB: 10, transfer: delta, changedFraction: 0.1, windowSize: 10 }
fleet:
  downlinkMbps: { each: [50, 100] }
  regions: [{ name: local }, { name: eu, wanMbps: 200, wanLatencyMs: 30, feedUplinkMbps: 500 }]
  failures: { disconnectProbability: 0.02 }
serverModel: { cores: 8 }
matrix:
  deployment.acquireParallelism: [5, 20]
`;

const ctx = (seed: number) => ({ seed, repeat: 0, signal: new AbortController().signal, log: () => {} });

describe('mode: sim', () => {
  it('the registry maps sim to the simulator runner', () => {
    expect(runnerFor('sim')).toBe(simRunner);
  });

  it('scenario values override defaults; unset server constants keep their documented defaults', () => {
    const spec = simSpecFromScenario(parseScenarioText(text, 'inline'), 9);
    expect(spec.seed).toBe(9);
    expect(spec.server).toEqual({ ...DEFAULT_SERVER_MODEL, cores: 8 });
    expect(spec.deployment).toMatchObject({ targets: 40, transfer: 'delta', changedFraction: 0.1, windowSize: 10, acquireParallelism: 10 });
    expect(spec.regions).toEqual([{ name: 'local' }, { name: 'eu', wanMbps: 200, wanLatencyMs: 30, feedUplinkMbps: 500 }]);
    expect(spec.fleet.regions).toEqual([{ name: 'local', weight: 1 }, { name: 'eu', weight: 1 }]);
  });

  it('runs every point; one seed gives identical results, another differs', async () => {
    const points = expandMatrix(parseScenarioText(text, 'inline'));
    const prepared = await simRunner.prepare(points[0]!.scenario, { seed: 1, signal: new AbortController().signal });
    const a = await prepared.runPoint(points[0]!, ctx(1));
    const b = await prepared.runPoint(points[0]!, ctx(1));
    const c = await prepared.runPoint(points[0]!, ctx(2));
    const fast = await prepared.runPoint(points[1]!, ctx(1));
    await prepared.dispose();
    expect(a.status).toBe('ok');
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a.counters?.['targets']).toBe(40);
    // Delta: 10 % of 10 MB per target crosses the server uplink (retried drops may add a few).
    expect((a.metrics['network.serverUplink.bytes'] as { value: number }).value).toBeGreaterThanOrEqual(40 * 1_000_000);
    expect((a.metrics['network.wan.eu.bytes'] as { value: number }).value).toBeGreaterThan(0);
    expect(a.series?.['server.cpuUtilisation']?.points).toHaveLength(120);
    const makespan = (r: typeof a) => (r.metrics['run.makespan'] as { value: number }).value;
    expect(makespan(fast)).toBeLessThan(makespan(a));
  });

  it('an aborted run reports the point interrupted', async () => {
    const points = expandMatrix(parseScenarioText(text, 'inline'));
    const prepared = await simRunner.prepare(points[0]!.scenario, { seed: 1, signal: new AbortController().signal });
    const abort = new AbortController();
    abort.abort();
    expect(await prepared.runPoint(points[0]!, { ...ctx(1), signal: abort.signal })).toEqual({ status: 'interrupted', metrics: {} });
  });

  it('the shipped scenario validates; bad sim values are all reported with their paths', async () => {
    const s = await loadScenarioFile('scenarios/acquire-parallelism.yaml');
    expect(expandMatrix(s).map((p) => p.params['deployment.acquireParallelism'])).toEqual([1, 2, 5, 10, 20, 50, 100, 150, 200]);
    const bad = text.replace('changedFraction: 0.1', 'changedFraction: 1.5').replace('cores: 8', 'cores: 0, coresX: 1');
    try {
      parseScenarioText(bad, 'inline');
      expect.unreachable();
    } catch (e) {
      expect((e as OctobenchError).problems.map((p) => p.path).sort()).toEqual(['deployment.changedFraction', 'serverModel.cores', 'serverModel.coresX']);
    }
  });
});
