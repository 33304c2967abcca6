// The Executions flows against the reference server (inject, virtual time): the new CLI's single call,
// the official TS client's sequence (root document once per client, space lookup once per process),
// and the separate wait-for-task phase polling the tasks list until every task is completed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../../mock-server/app.js';
import { ManualClock } from '../../../harness/core/clock.js';
import { executionsSingleCall, OfficialClientSession, waitForTasks, type SpaceCache } from '../../../harness/flows/executions/index.js';
import { createInjectTransport } from '../../helpers/inject-transport.js';

/** Advances virtual time in steps; between steps lets inject()'s I/O callbacks run (macrotasks). */
async function drive<T>(clock: ManualClock, run: Promise<T>, stepMs = 10, maxMs = 120_000): Promise<T> {
  let settled = false;
  const observed = run.finally(() => void (settled = true));
  const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
  for (let i = 0; i < 5; i++) await yieldToLoop();
  const limit = clock.now() + maxMs;
  while (!settled) {
    if (clock.now() >= limit) throw new Error('not settled');
    clock.advanceBy(stepMs);
    for (let i = 0; i < 5 && !settled; i++) await yieldToLoop();
  }
  return observed;
}

const SPACE = { id: 'Spaces-1', name: 'Default' };
const INPUT = { projectName: 'OctoPetShop', environmentName: 'Development', runbookName: 'Restart', releaseVersion: '1.0.1' };

describe('Executions flows', () => {
  let app: Awaited<ReturnType<typeof buildServer>>;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 2));
    app = await buildServer({ apiKey: 'API-TEST', clock });
  });
  afterEach(() => app.close());
  const transport = () => createInjectTransport(app, { apiKey: 'API-TEST' });

  it('the new CLI issues exactly one POST per operation, camelCase body, and reads the server task', async () => {
    const release = await executionsSingleCall(transport(), 'create-release', { ...INPUT, releaseVersion: undefined }, SPACE);
    expect(release.calls.map((c) => [c.routeTemplate, c.path, c.status])).toEqual([['POST /api/{spaceId}/releases/create/v1', '/api/Spaces-1/releases/create/v1', 201]]);
    expect(release.result.response).toEqual({ ReleaseId: 'Releases-9', ReleaseVersion: '1.0.2' });
    const deploy = await executionsSingleCall(transport(), 'deploy-release', INPUT, SPACE);
    expect(deploy.calls.map((c) => c.routeTemplate)).toEqual(['POST /api/{spaceId}/deployments/create/untenanted/v1']);
    expect(deploy.result.taskIds).toHaveLength(1);
    const run = await executionsSingleCall(transport(), 'run-runbook', INPUT, SPACE);
    expect(run.calls.map((c) => c.routeTemplate)).toEqual(['POST /api/{spaceId}/runbook-runs/create/v1']);
    expect(run.calls[0]!.requestBytes.body).toBe(Buffer.byteLength(JSON.stringify({
      spaceIdOrName: 'Spaces-1', projectName: 'OctoPetShop', runbookName: 'Restart', environmentNames: ['Development'], forcePackageDownload: false, useGuidedFailure: null, spaceId: 'Spaces-1',
    })));
  });

  it('the official client loads the root once per client and looks the space up once per process', async () => {
    const spaces: SpaceCache = new Map();
    const first = new OfficialClientSession(transport(), spaces);
    const a = await first.run('deploy-release', INPUT, 'Default');
    const b = await first.run('run-runbook', INPUT, 'Default');
    const second = await new OfficialClientSession(transport(), spaces).run('create-release', { ...INPUT, releaseVersion: undefined }, 'Default');
    expect(a.calls.map((c) => c.path)).toEqual(['/api', '/api/spaces?partialName=Default&skip=0&take=2147483647', '/api/Spaces-1/deployments/create/untenanted/v1']);
    expect(b.calls.map((c) => c.path)).toEqual(['/api/Spaces-1/runbook-runs/create/v1']);
    expect(second.calls.map((c) => c.path)).toEqual(['/api', '/api/Spaces-1/releases/create/v1']);
    expect([...spaces]).toEqual([['Default', 'Spaces-1']]);
  });

  it('wait for task polls the task list every pollMs until the task completes, as its own phase', async () => {
    const deploy = await executionsSingleCall(transport(), 'deploy-release', INPUT, SPACE);
    const [taskId] = deploy.result.taskIds;
    const waited = await drive(clock, waitForTasks(transport(), 'Spaces-1', deploy.result.taskIds, { clock, pollMs: 100, timeoutMs: 60_000 }));
    expect(waited.timedOut).toBe(false);
    expect(waited.states).toEqual({ [taskId!]: 'Success' });
    expect(waited.calls.length).toBeGreaterThan(1);
    expect(new Set(waited.calls.map((c) => c.path))).toEqual(new Set([`/api/Spaces-1/tasks?skip=0&take=300&ids=${taskId}`]));
    // One poll per 100 ms of virtual time: consecutive polls are exactly pollMs apart.
    const starts = waited.calls.map((c) => c.startedAt!);
    expect(starts.slice(1).map((t, i) => t - starts[i]!)).toEqual(Array(starts.length - 1).fill(100));
  });

  it('wait for task gives up at the timeout and says so', async () => {
    const deploy = await executionsSingleCall(transport(), 'deploy-release', INPUT, SPACE);
    const waited = await drive(clock, waitForTasks(transport(), 'Spaces-1', deploy.result.taskIds, { clock, pollMs: 10, timeoutMs: 30 }));
    expect(waited).toMatchObject({ timedOut: true, states: {} });
    expect(waited.calls).toHaveLength(3);
  });
});
