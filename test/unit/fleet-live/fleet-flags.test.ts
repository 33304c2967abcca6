// Pure parts of the live fleet: shard index ranges (every agent in exactly one shard, contiguous,
// balanced) and `octobench fleet` flag validation (every problem at once, Halibut defaults).
import { describe, expect, it } from 'vitest';
import { shardIndices } from '../../../harness/fleet/live/live-fleet.js';
import { agentName } from '../../../harness/fleet/live/fleet-shard.js';
import { parseFleetFlags } from '../../../harness/cli/commands/fleet.js';
import { OctobenchError } from '../../../harness/core/errors.js';

describe('shardIndices', () => {
  it('splits the fleet into contiguous, balanced parts that cover every agent once', () => {
    expect(shardIndices(10, 1, 3)).toEqual([0, 1, 2]);
    expect(shardIndices(10, 2, 3)).toEqual([3, 4, 5]);
    expect(shardIndices(10, 3, 3)).toEqual([6, 7, 8, 9]);
    const all = [1, 2, 3, 4].flatMap((i) => shardIndices(10_001, i, 4));
    expect(all).toEqual(Array.from({ length: 10_001 }, (_, k) => k));
    expect(agentName('live-', 0)).toBe('live-00001');
  });
});

describe('octobench fleet flags', () => {
  it('reports every problem at once', () => {
    let error: unknown;
    try {
      parseFleetFlags({ server: 'ftp://x', targets: '0', shard: '3/2', disconnect: '2' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OctobenchError);
    expect((error as OctobenchError).problems.map((p) => p.path)).toEqual(['--api-key', '--server', '--targets', '--shard', '--disconnect']);
  });

  it('defaults to Halibut timings, one thread under 2,000 agents and two from there', () => {
    const small = parseFleetFlags({ server: 'http://127.0.0.1:8065', apiKey: 'API-X', targets: '20' }).fleet;
    expect(small).toMatchObject({ targets: 20, workers: 0, pollWaitMs: 30_000, shard: { index: 1, count: 1 }, environments: ['Development'], roles: ['web'], server: { host: '127.0.0.1', port: 8065 } });
    expect(parseFleetFlags({ server: 'http://h:1', apiKey: 'API-X', targets: '5000', shard: '2/4' }).fleet).toMatchObject({ workers: 2, shard: { index: 2, count: 4 } });
  });
});
