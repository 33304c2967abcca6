// Sim points on worker threads give exactly the sequential results (same points, order, seeds, metrics;
// only wallMs differs), repeats get their own seeds, and an abort keeps only finished points and marks
// the run incomplete.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RealClock } from '../../../harness/core/clock.js';
import type { PointResult } from '../../../harness/metrics/results.js';
import { runScenario } from '../../../harness/run/run-scenario.js';
import { parseScenarioText } from '../../../harness/scenario/load.js';

const out = mkdtempSync(join(tmpdir(), 'octobench-parallel-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const scenario = parseScenarioText(`
version: 1
name: par
mode: sim
repeat: 2
deployment: { targets: 20, steps: 2, packageSizeMB: 10 }
fleet: { rttMs: { uniform: [5, 60] }, downlinkMbps: { logNormal: { median: 100, sigma: 0.5 } } }
matrix:
  deployment.acquireParallelism: [1, 5, 20]
`, 'par.yaml');

async function run(simWorkers: number, signal = new AbortController().signal, onDone: () => void = () => {}) {
  const labels: string[] = [];
  const { result } = await runScenario({
    scenario, source: 'par.yaml', document: scenario, outDir: join(out, String(simWorkers)), clock: new RealClock(), command: 'test',
    signal, log: () => {}, simWorkers, onPointDone: (l) => { labels.push(l); onDone(); },
  });
  return { result, labels };
}

const strip = (points: PointResult[]) => points.map(({ wallMs: _w, ...rest }) => rest);

describe('parallel sim points', () => {
  it('3 workers reproduce the sequential run exactly', async () => {
    const seq = await run(1);
    const par = await run(3);
    expect(par.result.status).toBe('complete');
    expect(par.result.points).toHaveLength(6);
    expect(strip(par.result.points)).toEqual(strip(seq.result.points));
    expect(par.result.points.map((p) => [p.index, p.repeat])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]]);
    expect(new Set(par.result.points.map((p) => p.seed)).size).toBe(2);
    expect([...par.labels].sort()).toEqual([...seq.labels].sort());
    expect(seq.labels[1]).toBe('deployment.acquireParallelism=1 #1');
  }, 30_000);

  it('an aborted run keeps only finished points and is incomplete', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await run(2, controller.signal);
    expect(result.status).toBe('incomplete');
    expect(result.points).toEqual([]);
  }, 30_000);

  it('Ctrl-C after the first finished point stops the workers: finished points kept, run incomplete', async () => {
    const controller = new AbortController();
    const { result } = await run(2, controller.signal, () => controller.abort());
    expect(result.status).toBe('incomplete');
    expect(result.points.length).toBeGreaterThanOrEqual(1);
    expect(result.points.length).toBeLessThan(6);
    expect(result.points.every((p) => p.status === 'ok')).toBe(true);
  }, 30_000);
});
