// The same commands in PascalCase, camelCase and the official TS client's mixed form (octopus-api.md
// §1.7, exact bytes; the fixture has the environment `Dev` those bodies name) produce identical results:
// the same responses, and the same deployments, runbook runs and tasks on the server.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { buildServer } from '../../../mock-server/app.js';
import { parseFixture } from '../../../mock-server/store/index.js';
import { API_KEY, get, post, type TestServer } from './helpers.js';

/** §1.7, byte for byte (the tenanted body names tenant `T1`; this fixture's first tenant is `Tenant-A`). */
const TS_CLIENT_BODIES = {
  release: '{"spaceId":"Spaces-1","spaceIdOrName":"Default","spaceName":"Default","ProjectName":"OctoPetShop","ReleaseVersion":"1.2.3","ChannelName":"Default"}',
  untenanted: '{"spaceId":"Spaces-1","spaceIdOrName":"Default","spaceName":"Default","ProjectName":"OctoPetShop","ReleaseVersion":"1.2.3","EnvironmentNames":["Dev"]}',
  tenanted: '{"spaceId":"Spaces-1","spaceIdOrName":"Default","spaceName":"Default","ProjectName":"OctoPetShop","ReleaseVersion":"1.2.3","EnvironmentName":"Dev","Tenants":["T1"],"TenantTags":[]}'
    .replace('"T1"', '"Tenant-A"'),
  runbookRun: '{"spaceId":"Spaces-1","spaceIdOrName":"Default","spaceName":"Default","ProjectName":"OctoPetShop","RunbookName":"Restart","EnvironmentNames":["Dev"]}',
};

const PASCAL = {
  release: { SpaceId: 'Spaces-1', SpaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: '1.2.3', ChannelName: 'Default' },
  untenanted: { SpaceId: 'Spaces-1', SpaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: '1.2.3', EnvironmentNames: ['Dev'] },
  tenanted: { SpaceId: 'Spaces-1', SpaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: '1.2.3', EnvironmentName: 'Dev', Tenants: ['Tenant-A'], TenantTags: [] },
  runbookRun: { SpaceId: 'Spaces-1', SpaceIdOrName: 'Default', ProjectName: 'OctoPetShop', RunbookName: 'Restart', EnvironmentNames: ['Dev'] },
};

/** The Go client's camelCase, with the space id in spaceIdOrName and its always-sent booleans and null. */
const CAMEL = {
  release: { spaceIdOrName: 'Spaces-1', projectName: 'OctoPetShop', releaseVersion: '1.2.3', channelName: 'Default', spaceId: 'Spaces-1', ignoreIfAlreadyExists: false },
  untenanted: {
    spaceIdOrName: 'Spaces-1', releaseVersion: '1.2.3', environmentNames: ['Dev'], forcePackageRedeployment: false,
    updateVariableSnapshot: false, spaceId: 'Spaces-1', projectName: 'OctoPetShop', forcePackageDownload: false, useGuidedFailure: null,
  },
  tenanted: { spaceIdOrName: 'Spaces-1', releaseVersion: '1.2.3', environmentName: 'Dev', tenants: ['Tenant-A'], tenantTags: [], spaceId: 'Spaces-1', projectName: 'OctoPetShop' },
  runbookRun: { spaceIdOrName: 'Spaces-1', runbookName: 'Restart', environmentNames: ['Dev'], spaceId: 'Spaces-1', projectName: 'OctoPetShop', useGuidedFailure: null },
};

const ROUTES = {
  release: '/api/Spaces-1/releases/create/v1',
  untenanted: '/api/Spaces-1/deployments/create/untenanted/v1',
  tenanted: '/api/Spaces-1/deployments/create/tenanted/v1',
  runbookRun: '/api/Spaces-1/runbook-runs/create/v1',
};

async function server(): Promise<TestServer> {
  const fixture = parseFixture({ environments: ['Dev', 'Test', 'Prod'] });
  return buildServer({ apiKey: API_KEY, fixture, clock: new ManualClock(Date.UTC(2026, 0, 1, 12)) });
}

/** Runs the four commands in order; returns every response and the records they created. */
async function runAll(bodies: Record<keyof typeof ROUTES, unknown>): Promise<unknown> {
  const app = await server();
  const responses: unknown[] = [];
  for (const name of ['release', 'untenanted', 'tenanted', 'runbookRun'] as const) {
    const res = await post(app, ROUTES[name], bodies[name]);
    responses.push({ name, status: res.statusCode, body: res.json() });
  }
  const created = [
    (await get(app, '/api/Spaces-1/deployments/Deployments-1')).json(),
    (await get(app, '/api/Spaces-1/deployments/Deployments-2')).json(),
    (await get(app, '/api/Spaces-1/runbookRuns/RunbookRuns-1')).json(),
    (await get(app, '/api/tasks?take=10')).json(),
  ];
  await app.close();
  return { responses, created };
}

describe('case-insensitive binding', () => {
  it('PascalCase, camelCase and the TS client mixed form give identical results', async () => {
    const mixed = await runAll(TS_CLIENT_BODIES);
    const pascal = await runAll(PASCAL);
    const camel = await runAll(CAMEL);
    expect(pascal).toEqual(mixed);
    expect(camel).toEqual(mixed);
    expect((mixed as { responses: unknown[] }).responses).toEqual([
      { name: 'release', status: 201, body: { ReleaseId: 'Releases-9', ReleaseVersion: '1.2.3' } },
      { name: 'untenanted', status: 200, body: { DeploymentServerTasks: [{ DeploymentId: 'Deployments-1', ServerTaskId: 'ServerTasks-1' }] } },
      { name: 'tenanted', status: 200, body: { DeploymentServerTasks: [{ DeploymentId: 'Deployments-2', ServerTaskId: 'ServerTasks-2' }] } },
      { name: 'runbookRun', status: 200, body: { RunbookRunServerTasks: [{ RunbookRunId: 'RunbookRuns-1', ServerTaskId: 'ServerTasks-3' }] } },
    ]);
  });

  it('matches names case-insensitively', async () => {
    const app = await server();
    const res = await post(app, ROUTES.untenanted, { ...PASCAL.untenanted, ProjectName: 'octopetshop', EnvironmentNames: ['DEV'] });
    expect(res.statusCode).toBe(404); // 1.2.3 does not exist yet on this server
    expect(res.json().ErrorMessage).toBe("The resource '1.2.3' (Release) was not found.");
    const ok = await post(app, ROUTES.untenanted, { ...PASCAL.untenanted, ProjectName: 'octopetshop', ReleaseVersion: '1.0.1', EnvironmentNames: ['DEV'] });
    expect({ status: ok.statusCode, body: ok.json() }).toEqual({
      status: 200, body: { DeploymentServerTasks: [{ DeploymentId: 'Deployments-1', ServerTaskId: 'ServerTasks-1' }] },
    });
    await app.close();
  });
});
