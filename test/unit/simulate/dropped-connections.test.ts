// Dropped connections in the modelled fleet, where the live agent has them: a push breaks halfway and
// is retried by the engine (5 times, 1 s apart), each try sending half the package again; a pull breaks
// halfway and the agent downloads again 1 s later, so it succeeds; a cache hit never drops.
// Exact virtual times: 1 target, 100 Mbit/s (12,500 bytes/ms), RTT 50 ms (25 ms one way), 10 MB.
import { describe, expect, it } from 'vitest';
import { NO_FAILURES } from '../../../harness/fleet/model/index.js';
import { simulate, type SimRun } from '../../../harness/simulate/simulate.js';
import type { DeploymentSpec } from '../../../harness/simulate/spec.js';
import { analyticSpec } from './helpers.js';

const MB = 1_000_000;

function dropEverything(d: Partial<DeploymentSpec>): SimRun {
  return simulate(analyticSpec(1, { packageSizeMB: 10, ...d }, { downlinkMbps: 100, rttMs: 50, failures: { ...NO_FAILURES, disconnectProbability: 1 } }));
}

function acquisition(run: SimRun) {
  const node = run.tasks[0]!.activity.children.find((n) => n.name === 'Acquire packages')!;
  return { ms: node.ended! - node.started!, status: node.status };
}

describe('dropped connections in the simulator', () => {
  it('a push drops halfway on every try: 6 tries of 25 + 400 ms, 5 waits of 1 s, half the package each time, then it fails', () => {
    const run = dropEverything({ transfer: 'push' });
    expect(acquisition(run)).toEqual({ ms: 6 * 425 + 5 * 1000, status: 'Failed' });
    expect(run.topology.serverUplink.bytesThrough).toBe(6 * 5 * MB);
    expect([run.tasks[0]!.state, run.retries]).toEqual(['Failed', 5]);
  });

  it('a pull drops halfway, the agent downloads again 1 s later and the acquisition succeeds', () => {
    const run = dropEverything({ transfer: 'pull' });
    expect(acquisition(run)).toEqual({ ms: 425 + 1000 + 825, status: 'Success' });
    expect(run.topology.defaultFeed.bytesThrough).toBe(15 * MB);
    expect(run.topology.serverUplink.bytesThrough).toBe(0);
  });

  it('a version already in the cache is found in one RTT whatever the connection does', () => {
    const run = dropEverything({ transfer: 'push', cachedFraction: 1 });
    expect(acquisition(run)).toEqual({ ms: 50, status: 'Success' });
    expect(run.topology.serverUplink.bytesThrough).toBe(0);
  });
});
