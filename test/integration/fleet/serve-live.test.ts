// `octobench serve --fleet live:N` boots the server and N agents together (the agents in a child
// `octobench fleet` process): the agents register as TentacleActive targets, a deployment to them
// succeeds, and SIGINT ends the server and its fleet child (no orphan process).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../../harness/core/clock.js';

const cli = fileURLToPath(new URL('../../../harness/cli/main.ts', import.meta.url));
const KEY = 'API-SERVELIVE00000000000000';
const clock = new RealClock();
let child: ChildProcess | undefined;
const dirs: string[] = [];
afterEach(async () => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const api = async (url: string, path: string, body?: unknown) => {
  const res = await request(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST', headers: { 'x-octopus-apikey': KEY, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('octobench serve --fleet live:N', () => {
  it('starts N agents with the server, deploys to them, and stops them on SIGINT', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'octobench-serve-live-'));
    dirs.push(dir);
    const fixture = join(dir, 'fixture.json');
    await writeFile(fixture, JSON.stringify({ projectsPerSpace: 1, tenants: 0, targetsPerEnvironment: 0, packageSizeBytes: 65_536 }));
    child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', '--api-key', KEY, '--fixture', fixture, '--fleet', 'live:3', '--poll-wait-ms', '1000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => void (out += String(d)));
    while (!/3 agents registered/.test(out)) {
      if (child.exitCode !== null) throw new Error(`serve exited early: ${out}`);
      await clock.sleep(50);
    }
    const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
    const machines = await api(url, '/api/Spaces-1/machines');
    expect(machines.json['TotalResults']).toBe(3);
    const created = await api(url, '/api/Spaces-1/deployments/create/untenanted/v1', {
      SpaceId: 'Spaces-1', SpaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: '1.0.1', EnvironmentNames: ['Development'],
    });
    const taskId = (created.json['DeploymentServerTasks'] as { ServerTaskId: string }[])[0]!.ServerTaskId;
    let state = '';
    for (let i = 0; i < 400 && !['Success', 'Failed'].includes(state); i++) {
      state = (await api(url, `/api/tasks/${taskId}`)).json['State'] as string;
      await clock.sleep(50);
    }
    expect(state).toBe('Success');
    const fleetPid = Number(/fleet pid (\d+)/.exec(out)![1]);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(alive(fleetPid)).toBe(false);
  }, 45_000);
});
