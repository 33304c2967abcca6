// The official @octopusdeploy/api-client 3.11.0, unchanged, against the reference server over a real
// socket: connect (GET /api), space lookup, the four Executions commands, ServerTaskWaiter polling until
// every task completed, then task details and raw log. If this fails, the server is not faithful.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client, DeploymentRepository, ReleaseRepository, RunbookRunRepository, ServerTaskRepository, ServerTaskWaiter,
  SpaceServerTaskRepository, type ServerTask,
} from '@octopusdeploy/api-client';
import { buildServer } from '../../../mock-server/app.js';

const API_KEY = 'API-OFFICIALCLIENTTEST0000000000';
const SPACE = 'Default';

describe('official @octopusdeploy/api-client against the reference server', () => {
  let app: Awaited<ReturnType<typeof buildServer>>;
  let client: Client;

  beforeAll(async () => {
    app = await buildServer({ apiKey: API_KEY });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    client = await Client.create({ instanceURL: address, apiKey: API_KEY, userAgentApp: 'octobench-test' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('creates a release, deploys it (untenanted and tenanted), runs a runbook and waits for every task', async () => {
    const release = await new ReleaseRepository(client, SPACE).create({
      spaceName: SPACE, ProjectName: 'OctoPetShop', ReleaseVersion: '1.2.3', ChannelName: 'Default',
    });
    expect(release).toEqual({ ReleaseId: expect.stringMatching(/^Releases-\d+$/), ReleaseVersion: '1.2.3' });

    const deployments = new DeploymentRepository(client, SPACE);
    const untenanted = await deployments.create({
      spaceName: SPACE, ProjectName: 'OctoPetShop', ReleaseVersion: '1.2.3', EnvironmentNames: ['Development'],
    });
    const tenanted = await deployments.createTenanted({
      spaceName: SPACE, ProjectName: 'OctoPetShop', ReleaseVersion: '1.2.3', EnvironmentName: 'Test', Tenants: ['Tenant-A', 'Tenant-B'], TenantTags: [],
    });
    const runs = await new RunbookRunRepository(client, SPACE).create({
      spaceName: SPACE, ProjectName: 'OctoPetShop', RunbookName: 'Restart', EnvironmentNames: ['Production'],
    });
    expect(untenanted.DeploymentServerTasks).toHaveLength(1);
    expect(tenanted.DeploymentServerTasks).toHaveLength(2);
    expect(runs.RunbookRunServerTasks).toHaveLength(1);

    const taskIds = [
      ...untenanted.DeploymentServerTasks.map((t) => t.ServerTaskId),
      ...tenanted.DeploymentServerTasks.map((t) => t.ServerTaskId),
      ...runs.RunbookRunServerTasks.map((t) => t.ServerTaskId),
    ];
    expect(new Set(taskIds).size).toBe(4);

    const polled: string[] = [];
    const completed = await new ServerTaskWaiter(client, SPACE).waitForServerTasksToComplete(
      taskIds, 500, 30_000, (task: ServerTask) => { polled.push(task.Id); },
    );
    expect(completed.map((t) => t.Id).sort()).toEqual([...taskIds].sort());
    for (const task of completed) {
      expect({ id: task.Id, State: task.State, IsCompleted: task.IsCompleted, FinishedSuccessfully: task.FinishedSuccessfully })
        .toEqual({ id: task.Id, State: 'Success', IsCompleted: true, FinishedSuccessfully: true });
    }
    expect(polled.length).toBeGreaterThanOrEqual(taskIds.length);

    const tasks = new SpaceServerTaskRepository(client, SPACE);
    const first = taskIds[0]!;
    const details = await tasks.getDetails(first);
    expect(details.Task.Id).toBe(first);
    expect(details.Task.State).toBe('Success');
    expect(details.Progress.ProgressPercentage).toBe(100);
    expect(details.ActivityLogs).toHaveLength(1);
    expect(details.ActivityLogs[0]!.Name).toBe('Deploy OctoPetShop release 1.2.3 to Development');
    expect(details.ActivityLogs[0]!.Status).toBe('Success');
    expect(details.PhysicalLogSize).toBeGreaterThan(0);

    const raw = await tasks.getRaw(first);
    expect(typeof raw).toBe('string');
    expect(raw).toContain(`Task ID:        ${first}`);
    expect(raw).toContain('== Success: Deploy OctoPetShop release 1.2.3 to Development ==');
    expect(Buffer.byteLength(raw, 'utf8')).toBe(details.PhysicalLogSize);

    const byId = await tasks.getById(taskIds[3]!);
    expect(byId.Description).toBe('Run Restart for OctoPetShop in Production');
  });

  it('schedules with RunAt, cancels through ServerTaskRepository, and authenticates with a Bearer access token', async () => {
    const address = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const bearerClient = await Client.create({ instanceURL: address, accessToken: API_KEY, userAgentApp: 'octobench-test' });
    const later = new Date(app.octobench.clock.now() + 3_600_000);
    const created = await new DeploymentRepository(bearerClient, SPACE).create({
      spaceName: SPACE, ProjectName: 'OctoPetShop', ReleaseVersion: '1.0.1', EnvironmentNames: ['Production'], RunAt: later,
    });
    const id = created.DeploymentServerTasks[0]!.ServerTaskId;
    const tasks = new SpaceServerTaskRepository(bearerClient, SPACE);
    expect((await tasks.getById(id)).State).toBe('Queued');
    await new ServerTaskRepository(bearerClient).cancel(id);
    const [canceled] = await new ServerTaskWaiter(bearerClient, SPACE).waitForServerTasksToComplete([id], 100, 5_000);
    expect({ State: canceled!.State, IsCompleted: canceled!.IsCompleted, FinishedSuccessfully: canceled!.FinishedSuccessfully })
      .toEqual({ State: 'Canceled', IsCompleted: true, FinishedSuccessfully: false });
  });

  it('surfaces the server error body through the client (unknown project → 404 naming it)', async () => {
    await expect(new ReleaseRepository(client, SPACE).create({ spaceName: SPACE, ProjectName: 'No Such Project' }))
      .rejects.toThrow(/No Such Project/);
  });
});
