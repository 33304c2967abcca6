import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../harness/core/random.js';
import {
  DEFAULT_FLEET_SPEC, NO_FAILURES, commandFate, drawFleet, drawTarget, extractMs, regionOf, scriptMs, soloTransferMs,
  type FleetSpec, type TargetModel,
} from '../../../harness/fleet/model/index.js';

const base: TargetModel = {
  id: 'Machines-1', name: 'Target-1', region: 'local', downlinkMbps: 100, rttMs: 20, diskMBps: 50, cpuSpeed: 2,
  backgroundLoad: 0.5, straggler: false, slowdown: 1, failures: NO_FAILURES,
};

describe('target model costs', () => {
  it('transfer = RTT/2 + bytes/bandwidth; extract = bytes/disk; scripts stretch with CPU speed and load', () => {
    expect(soloTransferMs(base, 12_500_000)).toBe(10 + 1000); // 100 Mbit/s = 12,500 bytes/ms
    expect(extractMs(base, 100_000_000)).toBe(2000);
    expect(scriptMs(base, 1000)).toBe(1000); // 1000 / 2 / (1 − 0.5)
    expect(scriptMs({ ...base, slowdown: 3 }, 1000)).toBe(3000);
  });

  it('command fate: disconnect first, step failures only for scripts', () => {
    const f = { ...NO_FAILURES, disconnectProbability: 0.1, stepFailureProbability: 0.2 };
    expect(commandFate(f, true, 0.05, 0.9)).toBe('disconnected');
    expect(commandFate(f, true, 0.5, 0.1)).toBe('failed');
    expect(commandFate(f, false, 0.5, 0.1)).toBe('ok');
    expect(commandFate(f, true, 0.5, 0.3)).toBe('ok');
  });
});

describe('fleet spec', () => {
  const spec: FleetSpec = {
    ...DEFAULT_FLEET_SPEC, count: 4, downlinkMbps: { uniform: [10, 100] }, rttMs: { logNormal: { median: 40, sigma: 0.5 } },
    regions: [{ name: 'eu', weight: 1 }, { name: 'us', weight: 3 }],
    failures: { ...NO_FAILURES, stragglerProbability: 0.5, stragglerFactor: 4 },
  };

  it('regions are interleaved over the fleet, within a few targets of their shares', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => regionOf(spec.regions, i, 8))).toEqual(['us', 'us', 'us', 'eu', 'us', 'us', 'eu', 'us']);
    const eu = Array.from({ length: 1000 }, (_, i) => regionOf(spec.regions, i, 1000)).filter((r) => r === 'eu').length;
    expect(Math.abs(eu - 250)).toBeLessThanOrEqual(2);
  });

  it('target i depends only on (seed, i), not on the fleet size; another seed differs', () => {
    const a = drawFleet(spec, new SeededRandom(7));
    const b = drawTarget({ ...spec, count: 1000 }, 2, new SeededRandom(7));
    expect({ ...b, region: a[2]!.region }).toEqual(a[2]);
    expect(drawFleet(spec, new SeededRandom(7))).toEqual(a);
    expect(drawFleet(spec, new SeededRandom(8)).map((t) => t.downlinkMbps)).not.toEqual(a.map((t) => t.downlinkMbps));
    for (const t of a) {
      expect(t.downlinkMbps).toBeGreaterThanOrEqual(10);
      expect(t.downlinkMbps).toBeLessThan(100);
      expect(t.slowdown).toBe(t.straggler ? 4 : 1);
    }
  });
});
