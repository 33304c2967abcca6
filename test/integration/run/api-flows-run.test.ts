// The api-flows run pipeline end to end in one process: embedded server on loopback, every (operation,
// api) point, exact request counts per operation (16/17/13 legacy; 17/18/14 through the delay proxy with
// its CONNECT counted), the official client's amortised root/space lookups, server-side counters, and
// results.json (schema v1, provenance, metrics with encoded histograms) written atomically.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealClock } from '../../../harness/core/clock.js';
import type { ValueMetric, DistributionMetric } from '../../../harness/metrics/metric.js';
import type { PointResult, RunResult } from '../../../harness/metrics/results.js';
import { LatencyHistogram } from '../../../harness/metrics/histogram.js';
import { runScenario } from '../../../harness/run/run-scenario.js';
import { validateScenario } from '../../../harness/scenario/validate.js';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'octobench-run-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(network: Record<string, unknown>, out: string): Promise<RunResult> {
  const scenario = validateScenario({
    version: 1, name: 'it-run', mode: 'api-flows', server: { kind: 'embedded' }, network,
    workload: { operations: ['create-release', 'deploy-release', 'run-runbook'], apis: ['legacy', 'executions', 'executions-client'], vus: 1, iterations: 2 },
  });
  const { result, path } = await runScenario({
    scenario, source: 'inline', document: scenario, outDir: join(dir, out), clock: new RealClock(), command: 'test', signal: new AbortController().signal, log: () => {},
  });
  expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(JSON.parse(JSON.stringify(result)));
  expect(await readdir(join(dir, out))).toEqual(['results.json']);
  return result;
}

const metric = (p: PointResult, name: string) => (p.metrics[name] as ValueMetric).value;
const table = (r: RunResult, name: string) => r.points.map((p) => [p.params['operation'], p.params['api'], metric(p, name)]);

describe('octobench run, api-flows', () => {
  it('counts exactly the requests of each flow, per operation, and writes results.json', async () => {
    const r = await run({ emulation: 'in-process', rttMs: 0 }, 'direct');
    expect(r).toMatchObject({ schemaVersion: 1, status: 'complete', scenario: { name: 'it-run', mode: 'api-flows' } });
    expect(r.provenance).toMatchObject({ seed: 1, mode: 'api-flows', emulation: { kind: 'in-process', rttMs: 0, server: 'embedded-in-process' } });
    expect(r.provenance.node).toMatch(/^v\d+/);
    expect(r.provenance.cpus).toBeGreaterThan(0);
    // Official client over 2 operations: 2 root documents + 1 space lookup (per process) + 2 calls = 2.5.
    expect(table(r, 'requestsPerOperation')).toEqual([
      ['create-release', 'legacy', 16], ['create-release', 'executions', 1], ['create-release', 'executions-client', 2.5],
      ['deploy-release', 'legacy', 17], ['deploy-release', 'executions', 1], ['deploy-release', 'executions-client', 2.5],
      ['run-runbook', 'legacy', 13], ['run-runbook', 'executions', 1], ['run-runbook', 'executions-client', 2.5],
    ]);
    for (const p of r.points) {
      expect(p.status).toBe('ok');
      const d = p.metrics['operationDuration'] as DistributionMetric;
      expect(d.count).toBe(2);
      expect(LatencyHistogram.decode(d.histogram!).count).toBe(2);
      expect(metric(p, 'requestBytesPerOperation')).toBe(metric(p, 'requestHeaderBytesPerOperation') + metric(p, 'requestBodyBytesPerOperation'));
      expect(metric(p, 'responseBytesPerOperation')).toBe(metric(p, 'responseHeaderBytesPerOperation') + metric(p, 'responseBodyBytesPerOperation'));
      // The server saw exactly the requests the client counted.
      expect(metric(p, 'serverRequests')).toBe(metric(p, 'apiRequestsPerOperation') * 2);
    }
    const legacyCreate = r.points[0]!;
    expect(legacyCreate.counters?.['server.requests GET /api']).toBe(8);
    // Legacy moves far more bytes than the single call (the root document alone is ~10 kB).
    expect(metric(legacyCreate, 'responseBytesPerOperation')).toBeGreaterThan(20 * metric(r.points[1]!, 'responseBytesPerOperation'));
  }, 30_000);

  it('through the delay proxy each operation is one tunnel: 17 / 18 / 14 with the CONNECT, as in the seed', async () => {
    const r = await run({ emulation: 'proxy', rttMs: 2 }, 'proxy');
    expect(r.provenance.emulation).toMatchObject({ kind: 'proxy', rttMs: 2 });
    expect(table(r, 'requestsPerOperation').filter(([, api]) => api !== 'executions-client')).toEqual([
      ['create-release', 'legacy', 17], ['create-release', 'executions', 2],
      ['deploy-release', 'legacy', 18], ['deploy-release', 'executions', 2],
      ['run-runbook', 'legacy', 14], ['run-runbook', 'executions', 2],
    ]);
    expect(new Set(r.points.map((p) => metric(p, 'connectRequestsPerOperation')))).toEqual(new Set([1]));
    // Every emulated round trip costs at least the RTT: 16 sequential requests + the CONNECT ≥ 17 × 2 ms.
    expect((r.points[0]!.metrics['operationDuration'] as DistributionMetric).p50).toBeGreaterThanOrEqual(34);
  }, 30_000);
});
