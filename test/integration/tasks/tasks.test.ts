// The tasks API over the real engine and the embedded fleet, on a ManualClock: a deployment task from
// Executing to Success with exact times, list by ids with paging and filters, details (tree, verbose,
// tail), the raw log, and cancel at all three URL forms (Queued → Canceled, Executing → Canceled).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { buildServer } from '../../../mock-server/app.js';
import { parseFixture } from '../../../mock-server/store/index.js';
import { API_KEY, AUTH, VALIDATION_MESSAGE, expectError, get, post, type TestServer } from '../executions/helpers.js';

const START = Date.UTC(2026, 0, 1, 12);
const DEPLOY = '/api/Spaces-1/deployments/create/untenanted/v1';
const BODY = { SpaceId: 'Spaces-1', SpaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: '1.0.1' };

let app: TestServer;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(START);
  app = await buildServer({ apiKey: API_KEY, clock, fixture: parseFixture({ spaces: 2 }) });
});
afterEach(async () => { await app.close(); });

async function deploy(environments: string[], extra: Record<string, unknown> = {}): Promise<string[]> {
  const res = await post(app, DEPLOY, { ...BODY, EnvironmentNames: environments, ...extra });
  expect(res.statusCode).toBe(200);
  return res.json().DeploymentServerTasks.map((t: { ServerTaskId: string }) => t.ServerTaskId);
}

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

describe('a deployment task', () => {
  it('is Executing at once and reaches Success with consistent times and flags', async () => {
    const [id] = await deploy(['Development']);
    const running = (await get(app, `/api/tasks/${id}`)).json();
    expect(running).toMatchObject({
      Id: 'ServerTasks-1', SpaceId: 'Spaces-1', Name: 'Deploy', Description: 'Deploy OctoPetShop release 1.0.1 to Development',
      Arguments: { DeploymentId: 'Deployments-1' }, State: 'Executing', Completed: 'Executing...', QueueTime: iso(START), StartTime: iso(START),
      CompletedTime: null, ErrorMessage: '', HasBeenPickedUpByProcessor: true, IsCompleted: false, FinishedSuccessfully: false,
      HasWarningsOrErrors: false, ProjectId: 'Projects-1', Duration: 'less than a second',
      Links: {
        Self: '/api/tasks/ServerTasks-1', Web: '/app#/Spaces-1/tasks/ServerTasks-1', Raw: '/api/tasks/ServerTasks-1/raw',
        Details: '/api/tasks/ServerTasks-1/details{?verbose,tail,ranges}', Cancel: '/api/tasks/ServerTasks-1/cancel',
        Artifacts: '/api/Spaces-1/artifacts?regarding=ServerTasks-1', Interruptions: '/api/Spaces-1/interruptions?regarding=ServerTasks-1',
      },
    });
    clock.advanceBy(120_000);
    const done = (await get(app, `/api/Spaces-1/tasks/${id}`)).json();
    const runtime = app.octobench.engine.get(id!)!;
    expect(runtime.completedTime).toBeGreaterThan(START);
    expect(done).toMatchObject({
      State: 'Success', IsCompleted: true, FinishedSuccessfully: true, HasBeenPickedUpByProcessor: true,
      StartTime: iso(START), CompletedTime: iso(runtime.completedTime!), LastUpdatedTime: iso(runtime.completedTime!),
    });
    expect(done.Completed).toMatch(/^Thursday, 1 January 2026 12:0\d:\d\d PM \+00:00$/);
  });

  it('is 404 for an unknown id, for a space that does not exist, and in another space', async () => {
    const [id] = await deploy(['Development']);
    expectError(await get(app, '/api/tasks/ServerTasks-999'), 404, 'OCTOBENCH_ERR_API_NOT_FOUND', "The resource 'ServerTasks-999' (ServerTask) was not found.");
    expectError(await get(app, `/api/Spaces-99/tasks/${id}`), 404, 'OCTOBENCH_ERR_API_NOT_FOUND', "The resource 'Spaces-99' (Space) was not found.");
    expectError(await get(app, `/api/Spaces-2/tasks/${id}`), 404, 'OCTOBENCH_ERR_API_NOT_FOUND', `The resource '${id}' (ServerTask) was not found.`);
    expect((await get(app, `/api/Spaces-2/tasks?ids=${id}`)).json().TotalResults).toBe(0);
  });
});

describe('task list', () => {
  it('selects by ids (the waiter query), newest first, with paging links', async () => {
    await deploy(['Development', 'Test', 'Production']);
    const waiter = (await get(app, '/api/Spaces-1/tasks?skip=0&take=300&ids=ServerTasks-1,ServerTasks-2,ServerTasks-404')).json();
    expect({ total: waiter.TotalResults, ids: waiter.Items.map((t: { Id: string }) => t.Id), type: waiter.ItemType })
      .toEqual({ total: 2, ids: ['ServerTasks-2', 'ServerTasks-1'], type: 'Task' });
    const page1 = (await get(app, '/api/tasks?ids=ServerTasks-1&ids=ServerTasks-3&take=1')).json();
    expect({ ids: page1.Items.map((t: { Id: string }) => t.Id), pages: page1.NumberOfPages, next: page1.Links['Page.Next'] })
      .toEqual({ ids: ['ServerTasks-3'], pages: 2, next: '/api/tasks?ids=ServerTasks-1%2CServerTasks-3&skip=1&take=1' });
    const page2 = (await get(app, '/api/tasks?ids=ServerTasks-1,ServerTasks-3&skip=1&take=1')).json();
    expect({ ids: page2.Items.map((t: { Id: string }) => t.Id), next: page2.Links['Page.Next'] }).toEqual({ ids: ['ServerTasks-1'], next: undefined });
  });

  it('filters by state, environment, project, name and activity; rejects bad parameters all at once', async () => {
    await deploy(['Development', 'Test']);
    await deploy(['Production'], { RunAt: new Date(START + 3_600_000).toISOString() });
    clock.advanceBy(120_000);
    const ids = async (query: string) => (await get(app, `/api/tasks?${query}`)).json().Items.map((t: { Id: string }) => t.Id);
    expect(await ids('states=Success')).toEqual(['ServerTasks-2', 'ServerTasks-1']);
    expect(await ids('taskState=queued')).toEqual(['ServerTasks-3']);
    expect(await ids('environment=Environments-2')).toEqual(['ServerTasks-2']);
    expect(await ids('project=Projects-2')).toEqual([]);
    expect(await ids('name=Deploy&active=true')).toEqual(['ServerTasks-3']);
    expectError(await get(app, '/api/tasks?states=Sleeping&skip=-1&active=maybe'), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, [
      "'Sleeping' is not a task state (Queued, Executing, Failed, Canceled, TimedOut, Success, Cancelling)",
      'active must be true or false',
      "The query parameter 'skip' must be a non-negative whole number, got '-1'.",
    ]);
  });
});

describe('details and raw log', () => {
  it('renders the activity tree with verbose and tail, and the raw text log', async () => {
    const [id] = await deploy(['Development']);
    clock.advanceBy(120_000);
    const details = (await get(app, `/api/tasks/${id}/details`)).json();
    expect(Object.keys(details)).toEqual(['Task', 'Progress', 'PhysicalLogSize', 'ActivityLogs']);
    expect(details.Task.Id).toBe(id);
    expect(details.Progress).toEqual({ ProgressPercentage: 100, EstimatedTimeRemaining: '' });
    expect(details.ActivityLogs).toHaveLength(1);
    const root = details.ActivityLogs[0];
    expect({ Name: root.Name, Status: root.Status, Started: root.Started }).toEqual({
      Name: 'Deploy OctoPetShop release 1.0.1 to Development', Status: 'Success', Started: iso(START),
    });
    expect(root.Children.length).toBeGreaterThan(1);
    const counts = (node: { LogElements: unknown[]; Children: unknown[] }): number[] =>
      [node.LogElements.length, ...node.Children.flatMap((c) => counts(c as typeof node))];
    const tailed = (await get(app, `/api/Spaces-1/tasks/${id}/details?verbose=true&tail=1`)).json().ActivityLogs[0];
    expect(Math.max(...counts(tailed))).toBe(1);
    expect(Math.max(...counts(root))).toBeGreaterThan(1);
    expectError(await get(app, `/api/tasks/${id}/details?tail=x&verbose=yes`), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE,
      ['verbose must be true or false', 'tail must be a non-negative integer']);

    const raw = await app.inject({ method: 'GET', url: `/api/tasks/${id}/raw`, headers: AUTH });
    expect(raw.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(raw.body.split('\n').slice(0, 4)).toEqual([
      'Task ID:        ServerTasks-1',
      'Description:    Deploy OctoPetShop release 1.0.1 to Development',
      'Related IDs:    Deployments-1, Projects-1, Environments-1, Spaces-1',
      'Task status:    Success',
    ]);
    expect(Buffer.byteLength(raw.body)).toBe(details.PhysicalLogSize);
  });
});

describe('cancel', () => {
  it('cancels a queued task at once, at every URL form', async () => {
    const later = { RunAt: new Date(START + 3_600_000).toISOString() };
    const ids = await deploy(['Development', 'Test', 'Production'], later);
    const urls = [`/api/tasks/${ids[0]}/cancel`, `/api/Spaces-1/tasks/${ids[1]}/cancel`, `/api/spaces/Spaces-1/tasks/${ids[2]}/cancel`];
    for (const url of urls) {
      const res = await app.inject({ method: 'POST', url, headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{}' });
      expect({ status: res.statusCode, State: res.json().State, IsCompleted: res.json().IsCompleted, FinishedSuccessfully: res.json().FinishedSuccessfully })
        .toEqual({ status: 200, State: 'Canceled', IsCompleted: true, FinishedSuccessfully: false });
    }
    clock.advanceBy(7_200_000);
    expect((await get(app, '/api/tasks?states=Canceled')).json().TotalResults).toBe(3);
  });

  it('cancels an executing task (Cancelling, then Canceled); a completed task stays as it is', async () => {
    const [first, second] = await deploy(['Development', 'Test']);
    clock.advanceBy(5);
    const cancelling = (await app.inject({ method: 'POST', url: `/api/tasks/${first}/cancel`, headers: AUTH })).json();
    expect({ State: cancelling.State, Completed: cancelling.Completed, IsCompleted: cancelling.IsCompleted }).toEqual({ State: 'Cancelling', Completed: 'Cancelling...', IsCompleted: false });
    clock.advanceBy(120_000);
    expect((await get(app, `/api/tasks/${first}`)).json()).toMatchObject({ State: 'Canceled', IsCompleted: true, FinishedSuccessfully: false });
    const after = (await app.inject({ method: 'POST', url: `/api/tasks/${second}/cancel`, headers: AUTH })).json();
    expect(after).toMatchObject({ State: 'Success', FinishedSuccessfully: true });
    expectError(await app.inject({ method: 'POST', url: '/api/tasks/ServerTasks-999/cancel', headers: AUTH }), 404, 'OCTOBENCH_ERR_API_NOT_FOUND',
      "The resource 'ServerTasks-999' (ServerTask) was not found.");
  });
});
