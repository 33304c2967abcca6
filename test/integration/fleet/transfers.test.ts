// Real bytes through the live fleet: pull acquisitions download from the separate feed server (not
// the reference server); a version already in an agent's cache moves nothing; a delta transfer is a
// real rdiff signature (agent) → delta (server) → patch (agent) whose result passes the SHA-256 check
// and moves far fewer bytes than the package.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../../harness/fleet/feed-server.js';
import type { FleetShard } from '../../../harness/fleet/live/fleet-shard.js';
import type { CommandOutcome, FleetCommand, LogCategory, PackageTransfer } from '../../../mock-server/engine/types.js';
import { deploy, liveServer, occurrences, rawLog, shard, waitForTask, type LiveServer } from './helpers.js';

let server: LiveServer | undefined;
let feed: FeedServer | undefined;
let fleet: FleetShard | undefined;
afterEach(async () => {
  await fleet?.stop();
  await feed?.close();
  await server?.close();
  server = feed = fleet = undefined;
});

function acquire(targetId: string, version: string, transfer: PackageTransfer): FleetCommand {
  return {
    kind: 'acquire', taskId: 'ServerTasks-9', target: { id: targetId, name: 'live-00001' }, transfer,
    pkg: { referenceId: 'r', packageId: 'Big.Package', version, feedId: 'Feeds-1', sizeBytes: 1024 * 1024, acquisitionLocation: 'Server' },
  };
}

function run(server: LiveServer, command: FleetCommand): Promise<{ outcome: CommandOutcome; lines: [LogCategory, string][] }> {
  const lines: [LogCategory, string][] = [];
  return new Promise((resolve) => {
    server.hub.execute(command, { log: (c, m) => void lines.push([c, m]), done: (outcome) => resolve({ outcome, lines }) });
  });
}

describe('live fleet transfers', () => {
  it('pulls packages from the feed server, not from the reference server', async () => {
    server = await liveServer({ acquisitionLocation: 'ExecutionTarget' });
    feed = await startFeedServer('127.0.0.1', 0, { packageDir: `${server.dir}/feed-packages` });
    fleet = shard(server, 3, { feed: { host: '127.0.0.1', port: feed.port } });
    await fleet.start();
    const task = await waitForTask(server, await deploy(server));
    expect(task.state).toBe('Success');
    const raw = await rawLog(server, task.taskId);
    expect(occurrences(raw, 'Downloading package ')).toBe(3 * 4);
    expect(occurrences(raw, 'Uploading package ')).toBe(0);
    expect(feed.bytesServed).toBe(fleet.stats.bytesDownloaded);
    expect(feed.bytesServed).toBeGreaterThan(3 * 4 * 30 * 1024);
  });

  it('sends a cached version as nothing, and a new version as a real rdiff delta', async () => {
    server = await liveServer();
    fleet = shard(server, 1);
    await fleet.start();
    const machineId = fleet.agents[0]!.machineId;
    const first = await run(server, acquire(machineId, '1.0.0', { kind: 'push', bytes: 1024 * 1024, reason: 'no-basis' }));
    expect(first.outcome).toEqual({ status: 'success' });
    const afterPush = fleet.stats.bytesDownloaded;
    expect(afterPush).toBe(1024 * 1024);

    const cached = await run(server, acquire(machineId, '1.0.0', { kind: 'cached' }));
    expect(cached.outcome).toEqual({ status: 'success' });
    expect(cached.lines).toEqual([['Info', 'Package Big.Package 1.0.0 found in the package cache on live-00001']]);
    expect(fleet.stats.bytesDownloaded).toBe(afterPush);

    const delta = await run(server, acquire(machineId, '1.0.1', { kind: 'delta', basisVersion: '1.0.0', signatureBytes: 13_631, deltaBytes: 52_429, packageBytes: 1024 * 1024 }));
    expect(delta.outcome).toEqual({ status: 'success' });
    const moved = fleet.stats.bytesDownloaded - afterPush;
    // About 5 % of the 4 KiB blocks differ between versions; the delta carries those and little else.
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(0.2 * 1024 * 1024);
    expect(delta.lines.map((l) => l[1])).toEqual([
      expect.stringMatching(/^Delta compression: sending a \d+-byte signature of Big\.Package 1\.0\.0 from live-00001$/),
      `Package Big.Package 1.0.1 acquired on live-00001 (${moved} bytes transferred)`,
    ]);
    expect(existsSync(fleet.agents[0]!.cache.pathOf({ packageId: 'Big.Package', version: '1.0.1', sizeBytes: 1024 * 1024 }))).toBe(true);
  });
});
