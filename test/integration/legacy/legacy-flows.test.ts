// The three legacy CLI flows against the reference server (buildServer + inject): exact request
// counts (16, 17, 13 API requests), exact method+route sequences, created resources, and the bytes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../../mock-server/app.js';
import { parseFixture } from '../../../mock-server/store/index.js';
import { ManualClock } from '../../../harness/core/clock.js';
import { createRelease, deployRelease, runRunbook } from '../../../harness/flows/legacy/index.js';
import { isFlowError, type FlowError } from '../../../harness/flows/errors.js';
import type { CallRecord } from '../../../harness/flows/recording-client.js';
import { createInjectTransport } from '../../helpers/inject-transport.js';

const PRELUDE = [
  'GET /api', 'GET /api', 'GET /api', 'GET /api/spaces', 'GET /api', 'GET /api/users/me', 'GET /api/users/{id}/spaces', 'GET /api/{spaceId}', 'GET /api/users/me',
];
const PRELUDE_PATHS = ['/api', '/api', '/api', '/api/spaces', '/api', '/api/users/me', '/api/users/Users-1/spaces', '/api/Spaces-1', '/api/users/me'];

const sum = (calls: readonly CallRecord[], f: (c: CallRecord) => number) => calls.reduce((n, c) => n + f(c), 0);

describe('legacy CLI flows over the reference server', () => {
  let app: Awaited<ReturnType<typeof buildServer>>;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 2));
    app = await buildServer({ apiKey: 'API-TEST', clock });
  });
  afterEach(async () => {
    await app.close();
  });

  const transport = () => createInjectTransport(app, { apiKey: 'API-TEST' });

  it('create-release issues the 16 API requests of the blog capture and creates the next version (201)', async () => {
    const { calls, result } = await createRelease(transport(), { projectName: 'OctoPetShop' });
    expect(calls.map((c) => c.routeTemplate)).toEqual([
      ...PRELUDE,
      'GET /api/{spaceId}/projects?name={name}',
      'GET /api/{spaceId}/projects/{projectId}/channels',
      'GET /api/{spaceId}/deploymentprocesses/{id}',
      'GET /api/{spaceId}/projects/{projectId}/deploymentprocesses/template?channel={channelId}',
      'GET /api/{spaceId}/projects/{projectId}/deploymentsettings',
      'POST /api/{spaceId}/releases?ignoreChannelRules={bool}',
      'GET /api/{spaceId}/releases/{id}',
    ]);
    expect(calls.map((c) => c.path)).toEqual([
      ...PRELUDE_PATHS,
      '/api/Spaces-1/projects?name=OctoPetShop',
      '/api/Spaces-1/projects/Projects-1/channels',
      '/api/Spaces-1/deploymentprocesses/deploymentprocess-Projects-1',
      '/api/Spaces-1/projects/Projects-1/deploymentprocesses/template?channel=Channels-1',
      '/api/Spaces-1/projects/Projects-1/deploymentsettings',
      '/api/Spaces-1/releases?ignoreChannelRules=false',
      '/api/Spaces-1/releases/Releases-9',
    ]);
    expect(calls.map((c) => c.status)).toEqual([...Array(14).fill(200), 201, 200]);
    // The default fixture has releases 1.0.0 and 1.0.1 for every project (8 in total).
    expect(result).toEqual({ releaseId: 'Releases-9', version: '1.0.2' });
    const stored = app.octobench.store.getRelease('Releases-9')!;
    expect(stored.SelectedPackages.map((p) => `${p.StepName}:${p.Version}`)).toEqual([
      'Deploy Web App:1.0.4', 'Deploy Product API:1.0.4', 'Deploy Shopping Cart:1.0.4', 'Deploy Database:1.0.4',
    ]);
    // The only request body is the release POST; response bodies are exact byte counts of what was sent.
    expect(calls.filter((c) => c.requestBytes.body > 0).map((c) => c.routeTemplate)).toEqual(['POST /api/{spaceId}/releases?ignoreChannelRules={bool}']);
    const root = await app.inject({ method: 'GET', url: '/api' });
    expect(calls[0]!.responseBytes.body).toBe(Buffer.byteLength(root.body));
  });

  it('a second create-release gets the following version; an explicit existing version fails with 409', async () => {
    await createRelease(transport(), { projectName: 'OctoPetShop' });
    const second = await createRelease(transport(), { projectName: 'octopetshop', channelName: 'default' });
    expect(second.result.version).toBe('1.0.3');
    const error = await createRelease(transport(), { projectName: 'OctoPetShop', version: '1.0.3' }).catch((e: unknown) => e);
    expect(isFlowError(error)).toBe(true);
    expect((error as FlowError).code).toBe('OCTOBENCH_ERR_FLOW_HTTP_STATUS');
    expect((error as FlowError).status).toBe(409);
    expect((error as FlowError).calls).toHaveLength(15);
  });

  it('deploy-release issues 17 API requests and queues a Deploy task (201)', async () => {
    const { calls, result } = await deployRelease(transport(), { projectName: 'OctoPetShop', version: '1.0.1', environmentName: 'Development' });
    expect(calls.map((c) => c.routeTemplate)).toEqual([
      ...PRELUDE,
      'GET /api/{spaceId}/environments?name={name}',
      'GET /api/{spaceId}/projects?name={name}',
      'GET /api/{spaceId}/projects/{projectId}/releases/{version}',
      'GET /api/{spaceId}/releases/{id}/deployments/template',
      'GET /api/{spaceId}/environments?name={name}',
      'GET /api/{spaceId}/releases/{id}/deployments/preview/{environmentId}?includeDisabledSteps=true',
      'POST /api/{spaceId}/deployments',
      'GET /api/{spaceId}/deployments/{id}',
    ]);
    expect(calls.slice(9).map((c) => c.path)).toEqual([
      '/api/Spaces-1/environments?name=Development',
      '/api/Spaces-1/projects?name=OctoPetShop',
      '/api/Spaces-1/projects/Projects-1/releases/1.0.1',
      '/api/Spaces-1/releases/Releases-2/deployments/template',
      '/api/Spaces-1/environments?name=Development',
      '/api/Spaces-1/releases/Releases-2/deployments/preview/Environments-1?includeDisabledSteps=true',
      '/api/Spaces-1/deployments',
      '/api/Spaces-1/deployments/Deployments-1',
    ]);
    expect(calls.map((c) => c.status)).toEqual([...Array(15).fill(200), 201, 200]);
    expect(result).toEqual({ releaseId: 'Releases-2', deploymentId: 'Deployments-1', taskId: 'ServerTasks-1' });
    const task = app.octobench.store.getServerTask('ServerTasks-1')!;
    expect(task).toMatchObject({ Name: 'Deploy', Description: 'Deploy OctoPetShop release 1.0.1 to Development', DeploymentId: 'Deployments-1', EnvironmentId: 'Environments-1' });
    expect(app.octobench.engine.get('ServerTasks-1')?.state).toBe('Executing');
    clock.runUntilIdle();
    const runtime = app.octobench.engine.get('ServerTasks-1')!;
    expect(runtime.state).toBe('Success');
    expect(runtime.activity.name).toBe('Deploy OctoPetShop release 1.0.1 to Development');
    expect(app.octobench.store.getDeployment('Deployments-1')!.DeployedToMachineIds).toEqual(['Machines-1', 'Machines-2', 'Machines-3']);
  });

  it('deploy-release of an unknown version fails with a lookup error after 12 requests', async () => {
    const error = await deployRelease(transport(), { projectName: 'OctoPetShop', version: '9.9.9', environmentName: 'Test' }).catch((e: unknown) => e);
    expect((error as FlowError).code).toBe('OCTOBENCH_ERR_FLOW_LOOKUP');
    expect((error as FlowError).calls.map((c) => c.status).slice(-1)).toEqual([404]);
    expect((error as FlowError).calls).toHaveLength(12);
  });

  it('run-runbook issues 13 API requests and queues a RunbookRun task (201)', async () => {
    const { calls, result } = await runRunbook(transport(), { projectName: 'OctoPetShop', runbookName: 'Restart', environmentName: 'Production' });
    expect(calls.map((c) => c.routeTemplate)).toEqual([
      ...PRELUDE,
      'GET /api/{spaceId}/projects?name={name}',
      'GET /api/{spaceId}/projects/{projectId}/runbooks',
      'GET /api/{spaceId}/environments?name={name}',
      'POST /api/{spaceId}/runbooks/{id}/run',
    ]);
    expect(calls.slice(9).map((c) => c.path)).toEqual([
      '/api/Spaces-1/projects?name=OctoPetShop',
      '/api/Spaces-1/projects/Projects-1/runbooks',
      '/api/Spaces-1/environments?name=Production',
      '/api/Spaces-1/runbooks/Runbooks-1/run',
    ]);
    expect(calls.map((c) => c.status)).toEqual([...Array(12).fill(200), 201]);
    expect(result).toEqual({ runbookId: 'Runbooks-1', runbookRunId: 'RunbookRuns-1', taskId: 'ServerTasks-1' });
    expect(app.octobench.store.getServerTask('ServerTasks-1')).toMatchObject({ Name: 'RunbookRun', RunbookRunId: 'RunbookRuns-1', EnvironmentId: 'Environments-3' });
    clock.runUntilIdle();
    expect(app.octobench.engine.get('ServerTasks-1')?.state).toBe('Success');
  });

  it('with --space the prelude finds the space by name and skips the user-spaces lookup (7 calls)', async () => {
    await app.close();
    app = await buildServer({ apiKey: 'API-TEST', clock, fixture: parseFixture({ spaces: 2, projectsPerSpace: 1 }) });
    const { calls, result } = await runRunbook(transport(), { projectName: 'OctoPetShop', runbookName: 'Restart', environmentName: 'Test' }, { spaceName: 'space 2' });
    expect(calls.map((c) => `${c.routeTemplate} ${c.path}`)).toEqual([
      'GET /api /api', 'GET /api /api', 'GET /api /api', 'GET /api/spaces /api/spaces', 'GET /api /api', 'GET /api/{spaceId} /api/Spaces-2',
      'GET /api/users/me /api/users/me',
      'GET /api/{spaceId}/projects?name={name} /api/Spaces-2/projects?name=OctoPetShop',
      'GET /api/{spaceId}/projects/{projectId}/runbooks /api/Spaces-2/projects/Projects-2/runbooks',
      'GET /api/{spaceId}/environments?name={name} /api/Spaces-2/environments?name=Test',
      'POST /api/{spaceId}/runbooks/{id}/run /api/Spaces-2/runbooks/Runbooks-2/run',
    ]);
    expect(result).toEqual({ runbookId: 'Runbooks-2', runbookRunId: 'RunbookRuns-1', taskId: 'ServerTasks-1' });
    const error = await runRunbook(transport(), { projectName: 'OctoPetShop', runbookName: 'Restart', environmentName: 'Test' }, { spaceName: 'Nope' }).catch((e: unknown) => e);
    expect([(error as FlowError).code, (error as FlowError).message, (error as FlowError).calls.length]).toEqual(['OCTOBENCH_ERR_FLOW_LOOKUP', "space 'Nope' was not found", 4]);
  });

  it('response bytes per operation are in the range of the blog (96.4 / 105.6 / 90 kB incl. headers)', async () => {
    const kb = (calls: readonly CallRecord[]) => sum(calls, (c) => c.responseBytes.body + c.responseBytes.headers) / 1000;
    const create = await createRelease(transport(), { projectName: 'OctoPetShop' });
    const deploy = await deployRelease(transport(), { projectName: 'OctoPetShop', version: create.result.version, environmentName: 'Development' });
    const run = await runRunbook(transport(), { projectName: 'OctoPetShop', runbookName: 'Restart', environmentName: 'Development' });
    // Dominated by the four ~12 kB root documents; relations, not blog-exact numbers.
    for (const calls of [create.calls, deploy.calls, run.calls]) {
      expect(kb(calls)).toBeGreaterThan(70);
      expect(kb(calls)).toBeLessThan(110);
    }
    expect(kb(run.calls)).toBeLessThan(kb(create.calls));
  });
});
