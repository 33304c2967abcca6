// A live deployment of the default project (OctoPetShop: 4 package steps, 1 script step on the
// targets, 1 step on the server) to 20 real polling agents over loopback sockets: every agent
// registers as a TentacleActive target, runs every step, and every log line it sent is in the task
// log exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { deploy, liveServer, occurrences, rawLog, shard, waitForTask, type LiveServer } from './helpers.js';
import type { FleetShard } from '../../../harness/fleet/live/fleet-shard.js';
import { LiveFleet } from '../../../harness/fleet/live/live-fleet.js';
import { API_KEY, clock } from './helpers.js';

let server: LiveServer | undefined;
let fleet: FleetShard | undefined;
afterEach(async () => {
  await fleet?.stop();
  await server?.close();
  fleet = server = undefined;
});

const TARGET_ACTIONS = ['Deploy Web App', 'Deploy Product API', 'Run Smoke Tests', 'Deploy Shopping Cart', 'Deploy Database'];

describe('live fleet: 20 agents', () => {
  it('deploys the default project; every line sent is in the task log exactly once', async () => {
    server = await liveServer();
    fleet = shard(server, 20);
    const { registered } = await fleet.start();
    expect(registered).toBe(20);
    const machines = (await server.app.inject({ url: '/api/Spaces-1/machines?take=100', headers: { 'x-octopus-apikey': 'API-FLEETTEST000000000000000000' } })).json();
    expect(machines.TotalResults).toBe(20);
    expect(machines.Items[0]).toMatchObject({ Name: 'live-00001', Roles: ['web'], EnvironmentIds: ['Environments-1'], Endpoint: { CommunicationStyle: 'TentacleActive' } });

    const taskId = await deploy(server);
    const task = await waitForTask(server, taskId);
    expect(task.state).toBe('Success');
    const raw = await rawLog(server, taskId);
    for (const agent of fleet.agents) {
      for (const action of TARGET_ACTIONS) expect(occurrences(raw, `Running ${action} on ${agent.name}\n`), `${action} on ${agent.name}`).toBe(1);
      expect(occurrences(raw, `on ${agent.name} (`)).toBe(4); // four packages acquired, once each
    }
    // 5 actions × 3 lines + 4 acquisitions × 2 lines per agent, produced once, accepted once.
    expect(fleet.stats.linesSent).toBe(20 * (5 * 3 + 4 * 2));
    expect(server.hub.linesAccepted).toBe(fleet.stats.linesSent);
    expect(fleet.stats.commandsSucceeded).toBe(20 * 9);
    expect(fleet.stats.bytesDownloaded).toBeGreaterThan(20 * 4 * 30 * 1024);
  });

  it('runs agents in worker threads, split over the workers, with the same outcome', async () => {
    server = await liveServer();
    const live = new LiveFleet({
      targets: 10, workers: 2, server: { host: '127.0.0.1', port: server.port }, apiKey: API_KEY, cacheRoot: `${server.dir}/agents`,
      pollWaitMs: 2_000, busyPollMs: 50, actionMs: 20,
    }, clock);
    try {
      expect((await live.connect()).registered).toBe(10);
      const task = await waitForTask(server, await deploy(server));
      expect(task.state).toBe('Success');
      const stats = await live.stats();
      expect(stats.linesSent).toBe(10 * (5 * 3 + 4 * 2));
      expect(server.hub.linesAccepted).toBe(stats.linesSent);
    } finally {
      await live.stop();
    }
  });
});
