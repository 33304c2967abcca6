// Fault behaviour of the live fleet at small scale, with Octopus' semantics:
// - a failing script fails its target's step node and the task (state Failed, the engine's message);
// - an agent whose connection drops mid-transfer gets the package again from the start (Octopus
//   re-sends an interrupted upload; it does not resume), through the engine's dropped-connection
//   retries (Halibut: 5 retries 1 s apart); a connection that keeps dropping fails the task;
// - killing the fleet process (SIGKILL) leaves the server healthy and the task Failed once the
//   commands are not collected within the collection timeout (shortened here to 2 s).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../harness/load/interceptors/token-bucket.js';
import type { FleetShard } from '../../../harness/fleet/live/fleet-shard.js';
import { API_KEY, clock, deploy, liveServer, occurrences, rawLog, shard, waitForTask, type LiveServer } from './helpers.js';

let server: LiveServer | undefined;
const fleets: FleetShard[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const f of fleets.splice(0)) await f.stop();
  await server?.close();
  server = undefined;
});

const failures = (p: { disconnect?: number; stepFailure?: number }) => ({
  failures: { disconnectProbability: p.disconnect ?? 0, stepFailureProbability: p.stepFailure ?? 0, stragglerProbability: 0, stragglerFactor: 1 },
});

describe('live fleet faults', () => {
  it('a failing script fails its step on that target and the task', async () => {
    server = await liveServer();
    const good = shard(server, 3);
    const bad = shard(server, 1, { indices: [3], fleetSize: 4, spec: failures({ stepFailure: 1 }) });
    fleets.push(good, bad);
    await Promise.all([good.start(), bad.start()]);
    const task = await waitForTask(server, await deploy(server));
    expect(task.state).toBe('Failed');
    expect(task.errorMessage).toContain('live-00004');
    const step1 = task.activity.children.find((n) => n.name === 'Step 1: Deploy Web App')!;
    expect(step1.status).toBe('Failed');
    expect(step1.children.map((n) => [n.name, n.status])).toEqual([
      ['live-00001', 'Success'], ['live-00002', 'Success'], ['live-00003', 'Success'], ['live-00004', 'Failed'],
    ]);
    const raw = await rawLog(server, task.taskId);
    expect(occurrences(raw, 'The remote script failed with exit code 1')).toBeGreaterThanOrEqual(1);
    // Later steps (condition Success) do not run anywhere.
    expect(occurrences(raw, 'Running Deploy Product API on')).toBe(0);
    expect(bad.stats.commandsFailed).toBe(1);
  });

  it('an agent that disconnects mid-transfer receives the whole package again and the task succeeds', async () => {
    server = await liveServer({ stepsPerProcess: 1, packageSizeBytes: 256 * 1024, packageSizeSpread: 0 }, { uplink: new TokenBucket(clock, 4_000_000) });
    // Seed 9 with p = 0.5: the first push attempt draws "disconnected", the retry and the script do not.
    const fleet = shard(server, 1, { seed: 9, spec: failures({ disconnect: 0.5 }) });
    fleets.push(fleet);
    await fleet.start();
    const task = await waitForTask(server, await deploy(server));
    const raw = await rawLog(server, task.taskId);
    expect(task.state).toBe('Success');
    expect(raw).toMatch(/The connection to the target dropped \(The package transfer to live-00001 was interrupted after \d+ of (\d+) bytes\); retrying in 1 s \(retry 1\)/);
    expect(occurrences(raw, 'retrying in')).toBe(1);
    expect(occurrences(raw, 'Uploading package OctoPetShop.Web')).toBe(2);
    expect(raw).toMatch(/Package OctoPetShop\.Web 1\.0\.4 acquired on live-00001 \((\d+) bytes transferred\)/);
    expect(fleet.stats.commandsAbandoned).toBe(1);
    expect(server.hub.linesAccepted).toBe(fleet.stats.linesSent);
  });

  it('a connection that drops on every attempt fails the task after 5 retries', async () => {
    server = await liveServer({ stepsPerProcess: 1, packageSizeBytes: 64 * 1024, packageSizeSpread: 0 }, { uplink: new TokenBucket(clock, 1_000_000) });
    const fleet = shard(server, 1, { spec: failures({ disconnect: 1 }) });
    fleets.push(fleet);
    await fleet.start();
    const task = await waitForTask(server, await deploy(server), 20_000);
    expect(task.state).toBe('Failed');
    const raw = await rawLog(server, task.taskId);
    expect(occurrences(raw, '; retrying in 1 s (retry ')).toBe(5);
    expect(occurrences(raw, 'Uploading package OctoPetShop.Web')).toBe(6);
    expect(server.hub.linesAccepted).toBe(fleet.stats.linesSent);
    expect(task.errorMessage).toContain('acquiring package OctoPetShop.Web 1.0.4 failed on live-00001');
  });

  it('killing the fleet process leaves the server healthy and the task Failed, not hung', async () => {
    server = await liveServer({}, { collectTimeoutMs: 2_000 });
    const cli = fileURLToPath(new URL('../../../harness/cli/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'fleet', '--server', `http://127.0.0.1:${server.port}`, '--api-key', API_KEY,
      '--targets', '5', '--action-ms', '60000', '--poll-wait-ms', '1000', '--busy-poll-ms', '200', '--cache-dir', `${server.dir}/child-agents`], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => void (out += String(d)));
    while (!out.includes('5 agents registered')) {
      if (child.exitCode !== null) throw new Error(`fleet exited early: ${out}`);
      await clock.sleep(50);
    }
    const taskId = await deploy(server);
    while (!(await rawLog(server, taskId)).includes('Running Deploy Web App on live-00005')) await clock.sleep(50);
    const killedAt = clock.now();
    child.kill('SIGKILL');
    const task = await waitForTask(server, taskId, 15_000);
    expect(task.state).toBe('Failed');
    expect(task.errorMessage).toContain('did not collect the request within the allowed time (00:00:02)');
    expect(clock.now() - killedAt).toBeGreaterThanOrEqual(2_000);
    const root = await server.app.inject({ url: '/api' });
    expect(root.statusCode).toBe(200);
    expect(server.app.octobench.engine.counts()).toEqual({ queued: 0, executing: 0 });
    const again = await server.app.inject({
      method: 'POST', url: '/api/Spaces-1/tentacles/register', headers: { 'x-octopus-apikey': API_KEY },
      payload: { Name: 'live-00001', EnvironmentNames: ['Development'], Roles: ['web'] },
    });
    expect(again.statusCode).toBe(200);
  });
});
