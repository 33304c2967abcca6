// Delta compression through the reference server with real agents (octopus-api.md §5.4): two
// consecutive deployments of releases whose packages are consecutive feed versions. The first pushes
// whole packages; the second finds the previous version in each agent's cache, so the server sends a
// real rdiff delta (signature from the agent, delta from the server, patch on the agent) of about the
// fixture's packageChangeFraction, and every patched file in the agents' caches passes SHA-256. A delta
// whose connection drops breaks halfway through the delta's own bytes, as a push does through the
// package's, and the engine's retry sends it again.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetShard } from '../../../harness/fleet/live/fleet-shard.js';
import { ensurePackageFile, packageFileName } from '../../../mock-server/tentacle/index.js';
import { API_KEY, deploy, liveServer, occurrences, rawLog, shard, waitForTask, type LiveServer } from './helpers.js';

const SIZE = 1024 * 1024;
const PACKAGES = 4;
const AGENTS = 2;

let server: LiveServer | undefined;
let fleet: FleetShard | undefined;
afterEach(async () => {
  await fleet?.stop();
  await server?.close();
  server = fleet = undefined;
});

async function release(s: LiveServer, version: string, packageVersion: string): Promise<void> {
  const res = await s.app.inject({
    method: 'POST', url: '/api/releases/create/v1', headers: { 'x-octopus-apikey': API_KEY },
    payload: { SpaceId: 'Spaces-1', SpaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: version, PackageVersion: packageVersion },
  });
  expect(res.statusCode, res.body).toBe(201);
}

const sha256 = async (path: string): Promise<string> => createHash('sha256').update(await readFile(path)).digest('hex');

describe('delta compression through the reference server (live fleet)', () => {
  it('the second deployment sends rdiff deltas against the cached previous version', async () => {
    server = await liveServer({ packageSizeBytes: SIZE, packageSizeSpread: 0, packageChangeFraction: 0.07 });
    fleet = shard(server, AGENTS);
    await fleet.start();
    await release(server, '2.0.0', '1.0.2');
    await release(server, '2.0.1', '1.0.3');

    const first = await waitForTask(server, await deploy(server, 'Development', '2.0.0'));
    expect(first.state).toBe('Success');
    const firstBytes = fleet.stats.bytesDownloaded;
    // Fixture sizes: version k of a package is SIZE + k KiB.
    expect(firstBytes).toBe(AGENTS * PACKAGES * (SIZE + 2 * 1024));
    expect(occurrences(await rawLog(server, first.taskId), 'Delta compression')).toBe(0);

    const second = await waitForTask(server, await deploy(server, 'Development', '2.0.1'));
    expect(second.state).toBe('Success');
    const packageBytes = AGENTS * PACKAGES * (SIZE + 3 * 1024);
    const deltaBytes = fleet.stats.bytesDownloaded - firstBytes;
    const raw = await rawLog(server, second.taskId);
    // The engine's decision (one per agent and package) and the agent's signature line.
    expect(occurrences(raw, `Delta compression: sending ${Math.ceil((SIZE + 3 * 1024) * 0.07)} of ${SIZE + 3 * 1024} bytes of `)).toBe(AGENTS * PACKAGES);
    expect(occurrences(raw, '-byte signature of ')).toBe(AGENTS * PACKAGES);
    expect(occurrences(raw, 'Uploading package ')).toBe(0);
    // ≈ 7 % of the 4 KiB blocks changed (6.5 % measured), plus the new last KiB and rdiff's framing;
    // unrelated versions (~10 % of blocks differ without the series) would not fit.
    expect(deltaBytes).toBeGreaterThan(0.04 * packageBytes);
    expect(deltaBytes).toBeLessThan(0.09 * packageBytes);

    for (const agent of fleet.agents) {
      const files = await Promise.all(['OctoPetShop.Web', 'OctoPetShop.ProductService', 'OctoPetShop.ShoppingCartService', 'OctoPetShop.Database'].map(async (packageId) => {
        const cached = agent.cache.find(packageId, '1.0.3');
        expect(cached).toBeDefined();
        const expected = await ensurePackageFile(cached!, join(server!.dir, 'server-packages'));
        expect(agent.cache.pathOf(cached!)).toBe(join(agent.cache.dir, packageFileName(cached!)));
        return { actual: await sha256(agent.cache.pathOf(cached!)), expected: expected.sha256 };
      }));
      for (const f of files) expect(f.actual).toBe(f.expected);
    }
  }, 60_000);

  it('a delta drops halfway through its own bytes: with every try dropping, the engine retries it 5 times, then fails', async () => {
    server = await liveServer({ packageSizeBytes: 256 * 1024, packageSizeSpread: 0, packageChangeFraction: 0.07, stepsPerProcess: 1 });
    fleet = shard(server, 1);
    await fleet.start();
    await release(server, '2.0.0', '1.0.2');
    await release(server, '2.0.1', '1.0.3');
    expect((await waitForTask(server, await deploy(server, 'Development', '2.0.0'))).state).toBe('Success');
    // The network turns bad before the second deployment: every command's connection drops.
    const agent = fleet.agents[0]!;
    agent.model.failures = { disconnectProbability: 1, stepFailureProbability: 0, stragglerProbability: 0, stragglerFactor: 1 };
    const second = await waitForTask(server, await deploy(server, 'Development', '2.0.1'), 30_000);
    expect(second.state).toBe('Failed');
    const raw = await rawLog(server, second.taskId);
    // The engine decides on a delta once; the agent signs its basis for each of the six tries.
    expect(occurrences(raw, 'Delta compression: sending 18566 of 265216 bytes of OctoPetShop.Web 1.0.3 to live-00001 (basis 1.0.2)')).toBe(1);
    expect(occurrences(raw, '-byte signature of OctoPetShop.Web 1.0.2 from live-00001')).toBe(6);
    // Five dropped-connection retries (the hub words the reason by what it saw when the agent vanished).
    const retries = raw.split('\n').filter((line) => line.includes('; retrying in 1 s (retry '));
    expect(retries).toHaveLength(5);
    for (const line of retries) expect(line).toContain('The connection to the target dropped (');
    expect(second.errorMessage).toContain('acquiring package OctoPetShop.Web 1.0.3 failed on live-00001');
    expect(agent.cache.find('OctoPetShop.Web', '1.0.3')).toBeUndefined();
    expect(agent.cache.find('OctoPetShop.Web', '1.0.2')).toBeDefined();
  }, 60_000);
});
