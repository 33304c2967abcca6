// The whole pipeline for mode: sim (scenario → points → sim runner → results.json): two runs with one
// seed write identical results.json files apart from wall-clock timestamps and machine facts
// (provenance times, per-point wallMs); another seed writes different numbers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import type { RunResult } from '../../../harness/metrics/results.js';
import { runScenario } from '../../../harness/run/run-scenario.js';
import { parseScenarioText } from '../../../harness/scenario/load.js';

const text = `
version: 1
name: sim-determinism
mode: sim
deployment: { targets: 60, steps: 2, stepMs: 2000, packageSizeMB: 20, windowSize: 20, stepRetries: 1, stepRetryBackoffS: 2 }
fleet:
  downlinkMbps: { logNormal: { median: 80, sigma: 0.5 } }
  rttMs: { uniform: [5, 80] }
  failures: { disconnectProbability: 0.03, stepFailureProbability: 0.03, stragglerProbability: 0.1, stragglerFactor: 3 }
serverModel: { cores: 2 }
matrix:
  deployment.acquireParallelism: [5, 50]
`;

const dir = mkdtempSync(join(tmpdir(), 'octobench-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(seed: number, name: string): Promise<RunResult> {
  const scenario = parseScenarioText(text, 'inline');
  const { path } = await runScenario({
    scenario, source: 'inline', document: scenario, outDir: join(dir, name), seed, clock: new ManualClock(0),
    command: 'test', signal: new AbortController().signal, log: () => {},
  });
  return JSON.parse(readFileSync(path, 'utf8')) as RunResult;
}

/** results.json minus wall-clock timestamps and machine facts. */
function comparable(r: RunResult): unknown {
  const { startedAt: _s, endedAt: _e, cpuModel: _c, cpus: _n, memoryBytes: _m, ...provenance } = r.provenance;
  return { ...r, provenance, points: r.points.map(({ wallMs: _w, ...p }) => p) };
}

describe('mode: sim results.json', () => {
  it('is identical for one seed apart from timestamps and machine facts; another seed differs', async () => {
    const a = await run(7, 'a');
    const b = await run(7, 'b');
    const c = await run(8, 'c');
    expect(a.status).toBe('complete');
    expect(a.points).toHaveLength(2);
    expect(comparable(b)).toEqual(comparable(a));
    expect(c.points[0]!.metrics).not.toEqual(a.points[0]!.metrics);
    expect(a.provenance).toMatchObject({ mode: 'sim', seed: 7, emulation: { kind: 'sim' } });
  });
});
