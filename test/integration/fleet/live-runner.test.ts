// `mode: live` through the run seam: the same scenario keys as `mode: sim`, run by real agents. A
// small push deployment (5 agents, 2 steps) succeeds on every target, with the simulator's metric
// names and exact counters (every agent line accepted once), and the simulated twin of the same
// point runs the same plans (same targets, steps and log volume). A delta deployment moves about the
// changed fraction the simulator assumes: the two versions' real bytes are one step apart in a series.
import { describe, expect, it } from 'vitest';
import { liveRunner } from '../../../harness/run/live-runner.js';
import { simRunner } from '../../../harness/run/sim-runner.js';
import type { Scenario } from '../../../harness/scenario/schema.js';
import type { ScenarioPoint } from '../../../harness/scenario/matrix.js';

const scenario = (mode: 'live' | 'sim'): Scenario => ({
  version: 1, name: 'live-small', mode, seed: 1,
  deployment: { targets: 5, steps: 2, stepMs: 100, packageSizeMB: 0.2, transfer: 'push', logLinesPerStep: 4 },
  fleet: { downlinkMbps: 100, rttMs: 2 },
});
const point = (s: Scenario): ScenarioPoint => ({ index: 0, params: {}, scenario: s }) as unknown as ScenarioPoint;
const ctx = { seed: 1, repeat: 0, signal: new AbortController().signal, log: () => undefined };

describe('mode: live', () => {
  it('runs the sim keys with real agents: every target succeeds, every line once', async () => {
    const live = await (await liveRunner.prepare(scenario('live'), { seed: 1, signal: ctx.signal })).runPoint(point(scenario('live')), ctx);
    expect(live.status).toBe('ok');
    expect(live.counters).toMatchObject({ targets: 5, deployments: 1, deploymentsSucceeded: 1, deploymentsFailed: 0, failedTargets: 0, agentErrors: 0 });
    // Per agent: 2 steps × 4 lines + 2 acquisition lines.
    expect(live.counters!['agentLinesSent']).toBe(5 * (2 * 4 + 2));
    expect(live.metrics['network.serverUplink.bytes']).toEqual({ unit: 'bytes', value: 5 * 200_000 });

    const sim = await (await simRunner.prepare(scenario('sim'), { seed: 1, signal: ctx.signal })).runPoint(point(scenario('sim')), ctx);
    expect(sim.counters).toMatchObject({ targets: 5, deployments: 1, deploymentsSucceeded: 1 });
    expect(Object.keys(live.metrics).filter((k) => k !== 'fleet.connect').every((k) => k in sim.metrics)).toBe(true);
  });

  it('a delta moves about the changed fraction the simulator assumes (real rdiff over series bytes)', async () => {
    const delta = (mode: 'live' | 'sim'): Scenario => ({
      ...scenario(mode), deployment: { targets: 3, steps: 1, stepMs: 50, packageSizeMB: 1, transfer: 'delta', changedFraction: 0.3, logLinesPerStep: 1 },
    });
    const live = await (await liveRunner.prepare(delta('live'), { seed: 1, signal: ctx.signal })).runPoint(point(delta('live')), ctx);
    expect(live.counters).toMatchObject({ deploymentsSucceeded: 1, failedTargets: 0 });
    const sim = await (await simRunner.prepare(delta('sim'), { seed: 1, signal: ctx.signal })).runPoint(point(delta('sim')), ctx);
    const pushed = (m: typeof live) => (m.metrics['network.serverUplink.bytes'] as { value: number }).value;
    // The simulator sends 30 % of each 1 MB package; rdiff's blocks and framing add a little. Unrelated
    // version bytes (the series missing) would differ in about 10 % of their blocks, not 30 %.
    expect(pushed(sim)).toBe(3 * 300_000);
    expect(pushed(live) / pushed(sim)).toBeGreaterThan(0.8);
    expect(pushed(live) / pushed(sim)).toBeLessThan(1.3);
  }, 60_000);
});
