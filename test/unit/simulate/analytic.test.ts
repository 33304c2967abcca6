// The simulator against closed-form answers: one transfer, max-min sharing of an uplink under an
// acquisition parallelism, a rolling window, a cached package.
import { describe, expect, it } from 'vitest';
import { simulate, type SimRun } from '../../../harness/simulate/simulate.js';
import { simVariables } from '../../../harness/simulate/plan-builder.js';
import { variableSetBytes } from '../../../harness/simulate/server-resources.js';
import { analyticSpec } from './helpers.js';

const MB = 1_000_000;

function acquireNode(run: SimRun) {
  return run.tasks[0]!.activity.children.find((n) => n.name === 'Acquire packages')!;
}

/** When each target's acquisition ended, relative to the phase start, by target name. */
function acquisitionEnds(run: SimRun): Record<string, number> {
  const node = acquireNode(run);
  return Object.fromEntries(node.children.map((c) => [c.name, c.ended! - node.started!]));
}

describe('analytic: one transfer', () => {
  it('one target, package S over a link of bandwidth B and latency L takes L + S/B', () => {
    // S = 100 MB, B = 100 Mbit/s = 12,500 bytes/ms, L = RTT/2 = 25 ms → 25 + 8000 ms.
    const run = simulate(analyticSpec(1, { packageSizeMB: 100 }, { downlinkMbps: 100, rttMs: 50 }));
    const node = acquireNode(run);
    expect(node.ended! - node.started!).toBe(25 + 8000);
    expect(run.topology.serverUplink.bytesThrough).toBe(100 * MB);
    // The deploy step then costs one RTT + the plan's variables over the downlink + the script + extraction at 100 MB/s.
    const withDisk = simulate(analyticSpec(1, { packageSizeMB: 100, stepMs: 1000 }, { downlinkMbps: 100, rttMs: 50, diskMBps: 100 }));
    const variablesMs = variableSetBytes(simVariables(withDisk.spec.deployment)) / 12_500;
    expect(variablesMs).toBeGreaterThan(0);
    // Virtual time is epoch ms: exact up to the double's rounding there (one ulp ≈ 0.00024 ms).
    expect(withDisk.endMs - withDisk.startMs).toBeCloseTo(25 + 8000 + 50 + variablesMs + 1000 + 1000, 3);
  });
});

describe('analytic: max-min sharing under acquisition parallelism', () => {
  it('N = 6 targets, P = 3, uplink U = 30 Mbit/s below P × downlinks: two waves of S / (U/P)', () => {
    // U/P = 10 Mbit/s = 1250 bytes/ms each; S = 3.75 MB → 3000 ms per wave.
    const spec = analyticSpec(6, { packageSizeMB: 3.75, acquireParallelism: 3 }, { downlinkMbps: 100 });
    const run = simulate({ ...spec, server: { ...spec.server, uplinkMbps: 30 } });
    expect(acquisitionEnds(run)).toEqual({
      'Target-1': 3000, 'Target-2': 3000, 'Target-3': 3000, 'Target-4': 6000, 'Target-5': 6000, 'Target-6': 6000,
    });
    // Three transfers at once for the whole phase (the second wave starts in the instant the first ends).
    expect(run.fleet.transfers.samples().map((x) => `${x.time - run.startMs}:${x.level}`)).toEqual(['0:3', '6000:0']);
  });

  it('mixed downlinks: a slow target keeps its 5 Mbit/s, the others split the rest of the uplink (progressive filling)', () => {
    // U = 30 Mbit/s (3750 B/ms); downlinks 5, 20, 20, 20, 20 Mbit/s; P = 3; S = 1.25 MB.
    // t=0: T1 625 B/ms, T2/T3 (3750−625)/2 = 1562.5 → T2, T3 end at 800. t=800: T4, T5 join at 1562.5 → end 1600;
    // T1 has 1.25e6 − 800·625 = 750,000 left → 250,000 at t=1600, then 400 ms alone at 625 → 2000.
    const spec = analyticSpec(5, { packageSizeMB: 1.25, acquireParallelism: 3 }, { downlinkMbps: { each: [5, 20, 20, 20, 20] } });
    const run = simulate({ ...spec, server: { ...spec.server, uplinkMbps: 30 } });
    expect(acquisitionEnds(run)).toEqual({ 'Target-1': 2000, 'Target-2': 800, 'Target-3': 800, 'Target-4': 1600, 'Target-5': 1600 });
  });
});

describe('analytic: rolling window', () => {
  it('a rolling window w over N targets with step time d takes ceil(N/w)·d', () => {
    for (const [n, w] of [[10, 3], [10, 5], [7, 7], [7, 1]] as const) {
      // A practically infinite downlink: the plan's variables (a few dozen bytes) then cost nothing.
      const run = simulate(analyticSpec(n, { packageSizeMB: 0, stepMs: 1000, windowSize: w }, { downlinkMbps: 1e12 }));
      expect(run.endMs - run.startMs).toBe(Math.ceil(n / w) * 1000);
    }
  });
});

describe('analytic: package cache', () => {
  it('a cached package moves no bytes; half the fleet cached moves half the bytes', () => {
    const all = simulate(analyticSpec(4, { packageSizeMB: 10, cachedFraction: 1 }, { downlinkMbps: 100 }));
    expect([all.topology.serverUplink.bytesThrough, all.topology.downlinkBytes(), all.topology.downlinkCount]).toEqual([0, 0, 0]);
    expect(acquireNode(all).children[0]!.logElements[0]!.message).toBe('Package App 1.1.0 is already in the package cache on Target-1; nothing to transfer');
    const half = simulate(analyticSpec(4, { packageSizeMB: 10, cachedFraction: 0.5 }, { downlinkMbps: 100 }));
    expect(half.topology.serverUplink.bytesThrough).toBe(20 * MB);
  });

  it('delta: only the changed fraction and the signature travel; pull goes through the feed, not the server', () => {
    const delta = simulate(analyticSpec(2, { packageSizeMB: 100, transfer: 'delta', changedFraction: 0.01 }, { downlinkMbps: 100 }));
    expect(delta.topology.serverUplink.bytesThrough).toBe(2 * 1 * MB);
    expect(delta.topology.downlinkBytes()).toBe(2 * (1 * MB + 1.3 * MB));
    const pull = simulate(analyticSpec(2, { packageSizeMB: 100, transfer: 'pull' }, { downlinkMbps: 100 }));
    expect([pull.topology.serverUplink.bytesThrough, pull.topology.defaultFeed.bytesThrough]).toEqual([0, 200 * MB]);
  });
});

describe('analytic: steps before package acquisition', () => {
  it('a BeforePackageAcquisition step runs first, then the acquisition, then the deploy step', () => {
    const run = simulate(analyticSpec(1, { packageSizeMB: 100, stepMs: 1000, preAcquisitionSteps: 1 }, { downlinkMbps: 100, rttMs: 0 }));
    const [pre, acquire, deploy] = run.tasks[0]!.activity.children.map((n) => ({ name: n.name, from: n.started! - run.startMs, to: n.ended! - run.startMs }));
    expect([pre!.name, acquire!.name, deploy!.name]).toEqual(['Step 1: Before acquisition 1', 'Acquire packages', 'Step 2: Deploy package']);
    // The script step takes 1000 ms plus the plan's variables (a few dozen bytes) over the downlink.
    expect(pre!.from).toBe(0);
    expect(pre!.to).toBeCloseTo(1000 + variableSetBytes(simVariables(run.spec.deployment)) / 12_500, 3);
    expect(acquire!.from).toBe(pre!.to);
    expect(acquire!.to - acquire!.from).toBe(8000); // 100 MB at 100 Mbit/s, no latency
    expect(deploy!.from).toBe(acquire!.to);
  });
});
