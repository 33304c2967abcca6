// The seed pages' warning, reproduced: raising Octopus.Acquire.MaxParallelism first shortens a push
// deployment (more transfers share the uplink), then the server's CPU saturates (every in-flight command
// costs status polling and bookkeeping) and the deployment gets slower again.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../harness/simulate/simulate.js';
import { defaultSimSpec } from '../../../harness/simulate/spec.js';

function sweep(parallelism: number[]): number[] {
  return parallelism.map((p) => {
    const spec = defaultSimSpec(1000, 1);
    spec.deployment = { ...spec.deployment, steps: 1, acquireParallelism: p };
    spec.server = { ...spec.server, cores: 2 };
    spec.fleet = { ...spec.fleet, downlinkMbps: 100 };
    const run = simulate(spec);
    return (run.endMs - run.startMs) / 1000;
  });
}

describe('server saturation', () => {
  it('acquire parallelism 1…200 for 1,000 targets: duration falls, bottoms out, then rises', () => {
    const ps = [1, 5, 10, 50, 100, 200];
    const d = sweep(ps);
    const best = d.indexOf(Math.min(...d));
    expect(best).toBeGreaterThan(0);
    expect(best).toBeLessThan(ps.length - 1);
    for (let i = 1; i <= best; i++) expect(d[i]).toBeLessThanOrEqual(d[i - 1]!);
    for (let i = best + 1; i < d.length; i++) expect(d[i]).toBeGreaterThanOrEqual(d[i - 1]!);
    expect(d[0]).toBeGreaterThan(2 * d[best]!);
    expect(d[d.length - 1]).toBeGreaterThan(2 * d[best]!);
  });

  it('task cap for 40 queued deployments on 2 cores: cap 10 beats both 1 (queueing) and 40 (saturation)', () => {
    const makespan = [1, 10, 40].map((taskCap) => {
      const spec = defaultSimSpec(50, 1);
      spec.deployment = { ...spec.deployment, deployments: 40, steps: 5, stepMs: 20_000, packageSizeMB: 50, taskCap };
      spec.server = { ...spec.server, cores: 2 };
      spec.fleet = { ...spec.fleet, downlinkMbps: 100 };
      const run = simulate(spec);
      return run.endMs - run.startMs;
    });
    expect(makespan[1]).toBeLessThan(makespan[0]! / 2);
    expect(makespan[1]).toBeLessThan(makespan[2]! / 2);
  });
});
