// Shared by the live-fleet integration tests: a reference server with the polling endpoint listening
// on 127.0.0.1 (real sockets, real clock), a fixture with no fixture targets (only live agents), small
// real packages in a per-test cache directory, agents in this process, and deploy/wait helpers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { RealClock } from '../../../harness/core/clock.js';
import { FleetShard, type FleetShardOptions } from '../../../harness/fleet/live/fleet-shard.js';
import { buildServer } from '../../../mock-server/app.js';
import { parseFixture, type FixtureInput } from '../../../mock-server/store/index.js';
import { tentacleHubOf, type TentacleHub, type TentacleOptions } from '../../../mock-server/tentacle/index.js';
import type { TaskRuntime } from '../../../mock-server/engine/types.js';

export const API_KEY = 'API-FLEETTEST000000000000000000';
export const clock = new RealClock();

export interface LiveServer {
  app: Awaited<ReturnType<typeof buildServer>>;
  hub: TentacleHub;
  port: number;
  dir: string;
  close(): Promise<void>;
}

export async function liveServer(fixture: FixtureInput = {}, tentacle: TentacleOptions = {}): Promise<LiveServer> {
  const dir = await mkdtemp(join(tmpdir(), 'octobench-fleet-test-'));
  const app = await buildServer({
    apiKey: API_KEY, clock, seed: 1,
    fixture: parseFixture({ projectsPerSpace: 1, tenants: 0, targetsPerEnvironment: 0, packageSizeBytes: 48 * 1024, ...fixture }),
    tentacle: { packageDir: join(dir, 'server-packages'), ...tentacle },
    embeddedFleet: { actionMs: 5 },
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const port = Number(new URL(address).port);
  return {
    app, hub: tentacleHubOf(app)!, port, dir,
    close: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function shard(server: LiveServer, count: number, extra: Partial<FleetShardOptions> = {}): FleetShard {
  return new FleetShard({
    clock, server: { host: '127.0.0.1', port: server.port }, apiKey: API_KEY, cacheRoot: join(server.dir, 'agents'),
    indices: Array.from({ length: count }, (_, i) => i), fleetSize: count, pollWaitMs: 2_000, busyPollMs: 50, actionMs: 20, ...extra,
  });
}

export async function deploy(server: LiveServer, environment = 'Development', version = '1.0.1'): Promise<string> {
  const res = await server.app.inject({
    method: 'POST', url: '/api/Spaces-1/deployments/create/untenanted/v1', headers: { 'x-octopus-apikey': API_KEY },
    payload: { SpaceId: 'Spaces-1', SpaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: version, EnvironmentNames: [environment] },
  });
  expect(res.statusCode).toBe(200);
  return res.json().DeploymentServerTasks[0].ServerTaskId as string;
}

export async function waitForTask(server: LiveServer, taskId: string, timeoutMs = 20_000): Promise<TaskRuntime> {
  const started = clock.now();
  for (;;) {
    const task = server.app.octobench.engine.get(taskId)!;
    if (['Success', 'Failed', 'Canceled', 'TimedOut'].includes(task.state)) return task;
    if (clock.now() - started > timeoutMs) throw new Error(`task ${taskId} still ${task.state} after ${timeoutMs} ms`);
    await clock.sleep(20);
  }
}

export async function rawLog(server: LiveServer, taskId: string): Promise<string> {
  const res = await server.app.inject({ method: 'GET', url: `/api/tasks/${taskId}/raw`, headers: { 'x-octopus-apikey': API_KEY } });
  return res.body;
}

export function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
