// Same spec and seed → identical metrics, series and counters; another seed → different ones. The spec
// uses every random source: log-normal links, stragglers, dropped connections, failing steps with retries.
import { describe, expect, it } from 'vitest';
import { collectMetrics } from '../../../harness/simulate/metrics.js';
import { simulate } from '../../../harness/simulate/simulate.js';
import { defaultSimSpec, type SimSpec } from '../../../harness/simulate/spec.js';

function noisySpec(seed: number): SimSpec {
  const spec = defaultSimSpec(300, seed);
  return {
    ...spec,
    deployment: { ...spec.deployment, deployments: 2, steps: 3, stepMs: 5000, packageSizeMB: 20, windowSize: 50, stepRetries: 2, stepRetryBackoffS: 5 },
    fleet: {
      ...spec.fleet,
      downlinkMbps: { logNormal: { median: 100, sigma: 0.6 } },
      rttMs: { uniform: [5, 120] },
      cpuSpeed: { uniform: [0.5, 2] },
      backgroundLoad: { uniform: [0, 0.5] },
      regions: [{ name: 'local', weight: 2 }, { name: 'eu', weight: 1 }],
      failures: { disconnectProbability: 0.01, stepFailureProbability: 0.01, stragglerProbability: 0.05, stragglerFactor: 4 },
    },
    regions: [{ name: 'eu', wanMbps: 500, wanLatencyMs: 40, feedUplinkMbps: 1000 }],
  };
}

describe('determinism', () => {
  it('two runs with one seed are identical; another seed differs', () => {
    const a = collectMetrics(simulate(noisySpec(42)));
    const b = collectMetrics(simulate(noisySpec(42)));
    const c = collectMetrics(simulate(noisySpec(43)));
    expect(b).toEqual(a);
    expect(c.metrics['target.completion']).not.toEqual(a.metrics['target.completion']);
    expect(c.series).not.toEqual(a.series);
    // The noise is really there: some retries happened and the WAN carried bytes.
    expect(a.counters.retries).toBeGreaterThan(0);
    expect(a.counters.retriedTargets).toBeGreaterThan(0);
    expect((a.metrics['network.wan.eu.bytes'] as { value: number }).value).toBeGreaterThan(0);
  });
});
