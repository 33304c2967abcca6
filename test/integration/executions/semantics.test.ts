// What the Executions commands do beyond binding: version and channel defaults, 409 and
// IgnoreIfAlreadyExists, one deployment per environment / tenant, `"*"` and TenantTags, empty lists,
// skip steps, machine filters, prompted variables reaching the task plan, RunAt/NoRunAfter scheduling.
// A recording fleet (the engine's Fleet seam) captures what the engine asked targets to run.
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { buildServer } from '../../../mock-server/app.js';
import type { CommandCallbacks, Fleet, FleetCommand } from '../../../mock-server/engine/types.js';
import { API_KEY, COMMANDS, VALIDATION_MESSAGE, expectError, get, post, type TestServer } from './helpers.js';

const [RELEASE, UNTENANTED, TENANTED, RUNBOOK] = COMMANDS.map((c) => ({ ...c, url: `/api/Spaces-1${c.path}` })) as [
  (typeof COMMANDS)[number] & { url: string }, (typeof COMMANDS)[number] & { url: string },
  (typeof COMMANDS)[number] & { url: string }, (typeof COMMANDS)[number] & { url: string },
];

const START = Date.UTC(2026, 0, 1, 12);

function recordingFleet(clock: ManualClock, commands: FleetCommand[]): Fleet {
  return {
    execute(command: FleetCommand, callbacks: CommandCallbacks) {
      commands.push(command);
      const timer = clock.setTimer(10, () => callbacks.done({ status: 'success' }));
      return { cancel: () => { timer.cancel(); callbacks.done({ status: 'cancelled' }); } };
    },
  };
}

let app: TestServer;
let clock: ManualClock;
let commands: FleetCommand[];
beforeEach(async () => {
  clock = new ManualClock(START);
  commands = [];
  app = await buildServer({ apiKey: API_KEY, clock, fleet: recordingFleet(clock, commands) });
});
afterEach(async () => { await app.close(); });

const tasksOf = (body: { DeploymentServerTasks?: { DeploymentId: string }[]; RunbookRunServerTasks?: { RunbookRunId: string }[] }) =>
  (body.DeploymentServerTasks ?? body.RunbookRunServerTasks ?? []);

describe('create release', () => {
  it('omitted version → next version from the template; omitted channel → the default channel', async () => {
    const res = await post(app, RELEASE.url, RELEASE.valid);
    expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 201, body: { ReleaseId: 'Releases-9', ReleaseVersion: '1.0.2' } });
    const release = (await get(app, '/api/Spaces-1/releases/Releases-9')).json();
    expect({ ChannelId: release.ChannelId, Version: release.Version, ProjectId: release.ProjectId })
      .toEqual({ ChannelId: 'Channels-1', Version: '1.0.2', ProjectId: 'Projects-1' });
  });

  it('an existing version is a 409; with IgnoreIfAlreadyExists it is a 201 with the existing release', async () => {
    const existing = (await get(app, '/api/Spaces-1/projects/Projects-1/releases/1.0.1')).json();
    expectError(await post(app, RELEASE.url, { ...RELEASE.valid, ReleaseVersion: '1.0.1' }), 409, 'OCTOBENCH_ERR_API_CONFLICT',
      "A release with the version '1.0.1' already exists for project 'OctoPetShop'.");
    const again = await post(app, RELEASE.url, { ...RELEASE.valid, ReleaseVersion: '1.0.1', IgnoreIfAlreadyExists: true });
    expect({ status: again.statusCode, body: again.json() }).toEqual({ status: 201, body: { ReleaseId: existing.Id, ReleaseVersion: '1.0.1' } });
  });

  it('rejects gitRef for a database project and an invalid version', async () => {
    expectError(await post(app, RELEASE.url, { ...RELEASE.valid, GitRef: 'refs/heads/main' }), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE,
      ["gitRef must not be set: project 'OctoPetShop' is not version controlled"]);
    const bad = await post(app, RELEASE.url, { ...RELEASE.valid, ReleaseVersion: 'not a version' });
    expect({ status: bad.statusCode, errors: bad.json().Errors }).toEqual({
      status: 400, errors: ["The version 'not a version' is not a valid version number (expected e.g. 1.2.3 or 1.2.3-beta.1)."],
    });
  });
});

describe('deployments', () => {
  it('one deployment per environment (duplicates collapse), in the order given', async () => {
    const res = await post(app, UNTENANTED.url, { ...UNTENANTED.valid, EnvironmentNames: ['Production', 'Development', 'production'] });
    expect(res.json()).toEqual({ DeploymentServerTasks: [
      { DeploymentId: 'Deployments-1', ServerTaskId: 'ServerTasks-1' },
      { DeploymentId: 'Deployments-2', ServerTaskId: 'ServerTasks-2' },
    ] });
    expect((await get(app, '/api/Spaces-1/deployments/Deployments-1')).json().EnvironmentId).toBe('Environments-3');
    expect((await get(app, '/api/Spaces-1/deployments/Deployments-2')).json().EnvironmentId).toBe('Environments-1');
  });

  it('empty EnvironmentNames → 200 with an empty list; tenanted without tenants and tags → empty list', async () => {
    const untenanted = await post(app, UNTENANTED.url, { ...UNTENANTED.valid, EnvironmentNames: [] });
    expect({ status: untenanted.statusCode, body: untenanted.json() }).toEqual({ status: 200, body: { DeploymentServerTasks: [] } });
    const tenanted = await post(app, TENANTED.url, { ...TENANTED.valid, Tenants: [], TenantTags: [] });
    expect({ status: tenanted.statusCode, body: tenanted.json() }).toEqual({ status: 200, body: { DeploymentServerTasks: [] } });
  });

  it('Tenants ["*"] → one deployment per tenant connected to the project in the environment', async () => {
    const res = await post(app, TENANTED.url, { ...TENANTED.valid, Tenants: ['*', 'Tenant-B'] });
    const ids = tasksOf(res.json()).map((t) => (t as { DeploymentId: string }).DeploymentId);
    const tenants = await Promise.all(ids.map(async (id) => (await get(app, `/api/Spaces-1/deployments/${id}`)).json().TenantId));
    expect(tenants).toEqual(['Tenants-1', 'Tenants-2', 'Tenants-3']);
  });

  it('TenantTags must be TagSet/Tag; tags nobody carries select nobody', async () => {
    expectError(await post(app, TENANTED.url, { ...TENANTED.valid, Tenants: [], TenantTags: ['NoSlash'] }), 400, 'OCTOBENCH_ERR_API_VALIDATION',
      VALIDATION_MESSAGE, ["tenantTags entry 'NoSlash' must have the form 'TagSet/Tag'"]);
    expect((await post(app, TENANTED.url, { ...TENANTED.valid, Tenants: [], TenantTags: ['Tier/Gold'] })).json()).toEqual({ DeploymentServerTasks: [] });
  });

  it('a tenant not connected to the project is a 400 and nothing is created', async () => {
    const body = { ...TENANTED.valid, ProjectName: 'Inventory Service', ReleaseVersion: '1.0.1', Tenants: ['Tenant-A'] };
    const res = await post(app, TENANTED.url, body);
    expect({ status: res.statusCode, errors: res.json().Errors }).toEqual({
      status: 400, errors: ["Tenant 'Tenant-A' is not connected to project 'Inventory Service' in environment 'Development'."],
    });
    expect((await get(app, '/api/tasks?take=0')).json().TotalResults).toBe(0);
  });

  it('maps skip steps to action ids (unknown ignored), machine names to ids, flags and prompted variables', async () => {
    const process = (await get(app, '/api/Spaces-1/projects/Projects-1/deploymentprocesses')).json();
    const smokeStep = process.Steps.find((s: { Name: string }) => s.Name === 'Run Smoke Tests');
    const res = await post(app, UNTENANTED.url, {
      ...UNTENANTED.valid, SkipStepNames: ['run smoke tests', 'No Such Step'], SpecificMachineNames: ['development-web-02'],
      UseGuidedFailure: true, ForcePackageDownload: true, Variables: { 'Prompted.Answer': '42' },
    });
    expect(res.statusCode).toBe(200);
    const deployment = (await get(app, '/api/Spaces-1/deployments/Deployments-1')).json();
    expect({
      SkipActions: deployment.SkipActions, SpecificMachineIds: deployment.SpecificMachineIds, UseGuidedFailure: deployment.UseGuidedFailure,
      ForcePackageDownload: deployment.ForcePackageDownload, FormValues: deployment.FormValues,
    }).toEqual({
      SkipActions: smokeStep.Actions.map((a: { Id: string }) => a.Id), SpecificMachineIds: ['Machines-2'], UseGuidedFailure: true,
      ForcePackageDownload: true, FormValues: { 'Prompted.Answer': '42' },
    });
    clock.advanceBy(60_000);
    const runs = commands.filter((c): c is Extract<FleetCommand, { kind: 'run' }> => c.kind === 'run');
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((c) => c.variables['Prompted.Answer'] === '42')).toBe(true);
    expect(runs.some((c) => c.step.name === 'Run Smoke Tests')).toBe(false);
    expect(new Set(runs.filter((c) => !c.step.runOnServer).map((c) => c.target.name))).toEqual(new Set(['development-web-02']));
  });

  it('checks enumerations and dependent fields, case-insensitively for enumerations', async () => {
    expectError(await post(app, UNTENANTED.url, { ...UNTENANTED.valid, Priority: 'Maybe', DebugMode: 'debug', DeploymentFreezeNames: ['Xmas'] }),
      400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, [
        'priority must be one of LifecycleDefault, On, Off',
        'deploymentFreezeOverrideReason is required when deploymentFreezeNames is not empty',
      ]);
    const ok = await post(app, UNTENANTED.url, { ...UNTENANTED.valid, Priority: 'on', DeploymentFreezeNames: ['Xmas'], DeploymentFreezeOverrideReason: 'hotfix' });
    expect(ok.statusCode).toBe(200);
  });

  it('Priority On (any case) is kept on the Deployment and its task starts before earlier queued ones; DebugMode is kept', async () => {
    const deployTo = async (extra: Record<string, unknown>) =>
      (await post(app, UNTENANTED.url, { ...UNTENANTED.valid, ...extra })).json().DeploymentServerTasks[0] as { DeploymentId: string; ServerTaskId: string };
    const normal = [];
    for (let i = 0; i < 6; i++) normal.push(await deployTo({}));
    const urgent = await deployTo({ Priority: 'on', DebugMode: 'debug' });
    const deployment = (await get(app, `/api/Spaces-1/deployments/${urgent.DeploymentId}`)).json();
    expect({ Priority: deployment.Priority, DebugMode: deployment.DebugMode }).toEqual({ Priority: 'On', DebugMode: 'Debug' });
    expect((await get(app, `/api/Spaces-1/deployments/${normal[5]!.DeploymentId}`)).json()).toMatchObject({ Priority: 'LifecycleDefault', DebugMode: 'None' });
    // Task cap 5: the sixth normal deployment and the urgent one wait; the urgent one starts first.
    const stateOf = async (taskId: string) => (await get(app, `/api/tasks/${taskId}`)).json() as { State: string; StartTime: string | null };
    expect([(await stateOf(normal[5]!.ServerTaskId)).State, (await stateOf(urgent.ServerTaskId)).State]).toEqual(['Queued', 'Queued']);
    clock.runUntilIdle();
    const [sixth, first] = [await stateOf(normal[5]!.ServerTaskId), await stateOf(urgent.ServerTaskId)];
    expect([sixth.State, first.State]).toEqual(['Success', 'Success']);
    expect(Date.parse(first.StartTime!)).toBeLessThan(Date.parse(sixth.StartTime!));
  });

  it('the legacy DeploymentResource takes Priority and DebugMode too, and rejects other values', async () => {
    const res = await post(app, '/api/Spaces-1/deployments', { ReleaseId: 'Releases-2', EnvironmentId: 'Environments-1', Priority: 'OFF', DebugMode: 'Log' });
    expect(res.statusCode).toBe(201);
    expect({ Priority: res.json().Priority, DebugMode: res.json().DebugMode }).toEqual({ Priority: 'Off', DebugMode: 'Log' });
    const bad = await post(app, '/api/Spaces-1/deployments', { ReleaseId: 'Releases-2', EnvironmentId: 'Environments-1', Priority: 'Soon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().Errors).toEqual(['Priority must be one of LifecycleDefault, On, Off.']);
  });

  it('runbook-runs/git/create/v1 binds like a runbook run plus GitRef, and refuses a project that is not version controlled', async () => {
    const url = '/api/Spaces-1/runbook-runs/git/create/v1';
    expectError(await post(app, url, { ...RUNBOOK.valid }), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, ['gitRef is required']);
    expectError(await post(app, `/api/spaces/Spaces-1/runbook-runs/git/create/v1`, { ...RUNBOOK.valid, GitRef: 'refs/heads/main' }), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, [
      "project 'OctoPetShop' is not version controlled: run its runbooks with runbook-runs/create/v1 (gitRef 'refs/heads/main' cannot apply)",
    ]);
    expect((await post(app, url, { ...RUNBOOK.valid, ProjectName: 'No Such Project', GitRef: 'main' })).statusCode).toBe(404);
    expect((await get(app, '/api/tasks?take=0')).json().TotalResults).toBe(0);
  });

  it('RunAt and NoRunAfter become the task queue time and expiry', async () => {
    const runAt = START + 3_600_000;
    const res = await post(app, UNTENANTED.url, {
      ...UNTENANTED.valid, RunAt: new Date(runAt).toISOString(), NoRunAfter: new Date(runAt + 600_000).toISOString(),
    });
    const taskId = res.json().DeploymentServerTasks[0].ServerTaskId as string;
    const task = (await get(app, `/api/tasks/${taskId}`)).json();
    expect({ State: task.State, QueueTime: task.QueueTime, QueueTimeExpiry: task.QueueTimeExpiry }).toEqual({
      State: 'Queued', QueueTime: '2026-01-01T13:00:00.000+00:00', QueueTimeExpiry: '2026-01-01T13:10:00.000+00:00',
    });
    clock.advanceTo(runAt - 1);
    expect((await get(app, `/api/tasks/${taskId}`)).json().State).toBe('Queued');
    clock.advanceTo(runAt + 60_000);
    expect((await get(app, `/api/tasks/${taskId}`)).json().State).toBe('Success');
    expectError(await post(app, UNTENANTED.url, { ...UNTENANTED.valid, RunAt: new Date(runAt).toISOString(), NoRunAfter: new Date(START).toISOString() }),
      400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, ['noRunAfter must not be earlier than runAt']);
  });
});

describe('runbook runs', () => {
  it('one run per environment, and per connected tenant when tenants are given', async () => {
    const plain = await post(app, RUNBOOK.url, { ...RUNBOOK.valid, EnvironmentNames: ['Development', 'Test'] });
    expect(plain.json()).toEqual({ RunbookRunServerTasks: [
      { RunbookRunId: 'RunbookRuns-1', ServerTaskId: 'ServerTasks-1' },
      { RunbookRunId: 'RunbookRuns-2', ServerTaskId: 'ServerTasks-2' },
    ] });
    const tenanted = await post(app, RUNBOOK.url, { ...RUNBOOK.valid, EnvironmentNames: ['Development', 'Test'], Tenants: ['*'] });
    expect(tasksOf(tenanted.json())).toHaveLength(6);
    const run = (await get(app, '/api/Spaces-1/runbookRuns/RunbookRuns-3')).json();
    expect({ EnvironmentId: run.EnvironmentId, TenantId: run.TenantId }).toEqual({ EnvironmentId: 'Environments-1', TenantId: 'Tenants-1' });
  });

  it('an unconnected tenant in the second environment is a 400 before any run is created', async () => {
    const inventory = { ...RUNBOOK.valid, ProjectName: 'Inventory Service', EnvironmentNames: ['Development', 'Test'], Tenants: ['Tenant-A'] };
    const runbooks = (await get(app, '/api/Spaces-1/projects/Projects-2/runbooks')).json().Items as { Name: string }[];
    const res = await post(app, RUNBOOK.url, { ...inventory, RunbookName: runbooks[0]!.Name });
    expect({ status: res.statusCode, errors: res.json().Errors }).toEqual({ status: 400, errors: [
      "Tenant 'Tenant-A' is not connected to project 'Inventory Service' in environment 'Development'.",
      "Tenant 'Tenant-A' is not connected to project 'Inventory Service' in environment 'Test'.",
    ] });
    expect((await get(app, '/api/tasks?take=0')).json().TotalResults).toBe(0);
  });
});
