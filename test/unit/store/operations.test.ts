// Domain operations over a real store with a recording task submitter (the engine seam): releases
// (versions, conflicts, packages), deployments and runbook runs (validation, exact task plans).
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { ApiError } from '../../../mock-server/api/errors.js';
import type { TaskPlan } from '../../../mock-server/engine/types.js';
import {
  buildStore, createDeployment, createRelease, createRunbookRun, parseFixture, requireProject, tenantsConnectedTo, DEFAULT_FIXTURE,
  type OperationDeps, type Store,
} from '../../../mock-server/store/index.js';

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('operations', () => {
  let store: Store;
  let plans: TaskPlan[];
  let deps: OperationDeps;

  beforeEach(() => {
    store = buildStore(DEFAULT_FIXTURE, 1);
    plans = [];
    deps = { store, engine: { submit: (plan) => plans.push(plan) }, clock: new ManualClock(Date.UTC(2026, 1, 3, 4, 5, 6)) };
  });

  describe('prompted variables', () => {
    it('override project variables in the task plan but never the system variables', () => {
      const project = requireProject(store, 'Spaces-1', 'OctoPetShop');
      const projectVariable = store.getVariableSet(project.VariableSetId)!.Variables[0]!;
      const { release } = createRelease(deps, { spaceId: 'Spaces-1', projectId: project.Id });
      const env = store.findEnvironmentByName('Spaces-1', 'Development')!;
      createDeployment(deps, {
        spaceId: 'Spaces-1', releaseId: release.Id, environmentId: env.Id,
        formValues: { [projectVariable.Name]: 'prompted', 'Octopus.Environment.Name': 'spoofed', 'Prompt.Only': 'yes' },
      });
      const variables = plans.at(-1)!.variables;
      expect(variables[projectVariable.Name]).toBe('prompted');
      expect(variables['Prompt.Only']).toBe('yes');
      expect(variables['Octopus.Environment.Name']).toBe('Development');
    });
  });

  describe('createRelease', () => {
    it('creates the next version in the default channel with the latest packages, frozen process', () => {
      const { release, created } = createRelease(deps, { spaceId: 'Spaces-1', projectId: 'OctoPetShop' });
      expect(created).toBe(true);
      expect(release).toMatchObject({ Id: 'Releases-9', Version: '1.0.2', ChannelId: 'Channels-1', Assembled: '2026-02-03T04:05:06.000+00:00' });
      expect(release.SelectedPackages.map((p) => `${p.ActionName}:${p.PackageReferenceName}:${p.Version}`)).toEqual([
        'Deploy Web App::1.0.4', 'Deploy Product API::1.0.4', 'Deploy Shopping Cart::1.0.4', 'Deploy Database::1.0.4',
      ]);
      expect(release.ProjectDeploymentProcessSnapshotId).toBe(store.getRelease('Releases-1')!.ProjectDeploymentProcessSnapshotId);
      expect(createRelease(deps, { spaceId: 'Spaces-1', projectId: 'Projects-1' }).release.Version).toBe('1.0.3');
    });

    it('selects packages from legacy selections, Executions specs and a single version', () => {
      const { release } = createRelease(deps, {
        spaceId: 'Spaces-1', projectId: 'Projects-1', version: '2.0.0', packageVersion: '1.0.1',
        packages: ['Deploy Product API:1.0.2', 'OctoPetShop.Database:1.0.3'], selectedPackages: [{ ActionName: 'Deploy Web App', Version: '1.0.0' }],
      });
      expect(release.SelectedPackages.map((p) => p.Version)).toEqual(['1.0.0', '1.0.2', '1.0.1', '1.0.3']);
    });

    it('reports every problem at once (400)', () => {
      const e = apiError(() => createRelease(deps, {
        spaceId: 'Spaces-1', projectId: 'Projects-1', version: 'v2', packages: ['nonsense'], packageVersion: '9.9.9',
      }));
      expect(e.statusCode).toBe(400);
      expect(e.errors).toEqual([
        "The version 'v2' is not a valid version number (expected e.g. 1.2.3 or 1.2.3-beta.1).",
        "The package specification 'nonsense' is not valid; use 'StepName:Version', 'PackageID:Version' or 'StepName:PackageName:Version'.",
        "Package 'OctoPetShop.Web' version '9.9.9' (step 'Deploy Web App') was not found in feed Feeds-1.",
        "Package 'OctoPetShop.ProductService' version '9.9.9' (step 'Deploy Product API') was not found in feed Feeds-1.",
        "Package 'OctoPetShop.ShoppingCartService' version '9.9.9' (step 'Deploy Shopping Cart') was not found in feed Feeds-1.",
        "Package 'OctoPetShop.Database' version '9.9.9' (step 'Deploy Database') was not found in feed Feeds-1.",
      ]);
    });

    it('conflicts (409) on an existing version unless ignoreIfAlreadyExists', () => {
      const e = apiError(() => createRelease(deps, { spaceId: 'Spaces-1', projectId: 'Projects-1', version: '1.0.1' }));
      expect([e.statusCode, e.message]).toEqual([409, "A release with the version '1.0.1' already exists for project 'OctoPetShop'."]);
      expect(createRelease(deps, { spaceId: 'Spaces-1', projectId: 'Projects-1', version: '1.0.1', ignoreIfAlreadyExists: true }))
        .toEqual({ release: store.getRelease('Releases-2'), created: false });
    });

    it('names what was not found (404)', () => {
      expect(apiError(() => createRelease(deps, { spaceId: 'Spaces-1', projectId: 'Nope' })).message).toBe("The resource 'Nope' (Project) was not found.");
      expect(apiError(() => createRelease(deps, { spaceId: 'Spaces-1', projectId: 'Projects-1', channelId: 'Beta' })).message).toBe("The resource 'Beta' (Channel) was not found.");
    });
  });

  describe('createDeployment', () => {
    it('records the deployment and task and submits the exact plan', () => {
      const { deployment, task } = createDeployment(deps, { spaceId: 'Spaces-1', releaseId: 'Releases-2', environmentId: 'Test', excludedMachineIds: ['Machines-5'] });
      expect(deployment).toMatchObject({ Id: 'Deployments-1', TaskId: 'ServerTasks-1', Name: 'Deploy to Test', EnvironmentId: 'Environments-2', DeployedToMachineIds: ['Machines-4', 'Machines-6'] });
      expect(task).toEqual({
        Id: 'ServerTasks-1', SpaceId: 'Spaces-1', Name: 'Deploy', Description: 'Deploy OctoPetShop release 1.0.1 to Test', Arguments: { DeploymentId: 'Deployments-1' },
        ProjectId: 'Projects-1', EnvironmentId: 'Environments-2', TenantId: null, DeploymentId: 'Deployments-1', RunbookRunId: null,
        QueueTime: '2026-02-03T04:05:06.000+00:00', QueueTimeExpiry: null,
      });
      expect(plans).toHaveLength(1);
      const plan = plans[0]!;
      expect([plan.taskId, plan.kind, plan.description]).toEqual(['ServerTasks-1', 'Deploy', 'Deploy OctoPetShop release 1.0.1 to Test']);
      expect(plan.steps.map((s) => `${s.name}|${s.runOnServer}|${s.targets.map((t) => t.id).join()}|${s.windowSize ?? '-'}`)).toEqual([
        'Deploy Web App|false|Machines-4,Machines-6|-', 'Deploy Product API|false|Machines-4,Machines-6|-', 'Run Smoke Tests|false|Machines-4,Machines-6|-',
        'Deploy Shopping Cart|false|Machines-4,Machines-6|-', 'Deploy Database|false|Machines-4,Machines-6|-', 'Notify Team|true||-',
      ]);
      const pkg = plan.steps[0]!.actions[0]!.packages[0]!;
      expect(pkg).toMatchObject({ packageId: 'OctoPetShop.Web', version: '1.0.4', feedId: 'Feeds-1', acquisitionLocation: 'Server' });
      expect(pkg.sizeBytes).toBe(store.findPackageVersion('Feeds-1', 'OctoPetShop.Web', '1.0.4')!.SizeBytes);
      expect(plan.variables).toMatchObject({ 'Octopus.Release.Number': '1.0.1', 'Octopus.Environment.Name': 'Test', 'Octopus.Deployment.Id': 'Deployments-1' });
      expect(plan.variables['Octopus.Acquire.MaxParallelism']).toBeUndefined();
    });

    it('takes the window from the step property, overridden by a project variable, and passes Octopus.Acquire.MaxParallelism', () => {
      store = buildStore(parseFixture({ maxParallelism: 2, acquireMaxParallelism: 4, releasesPerProject: 1 }), 1);
      deps = { ...deps, store };
      createDeployment(deps, { spaceId: 'Spaces-1', releaseId: 'Releases-1', environmentId: 'Environments-1' });
      expect(plans[0]!.steps.map((s) => s.windowSize ?? null)).toEqual([2, 2, 2, 2, 2, null]);
      expect(plans[0]!.variables['Octopus.Acquire.MaxParallelism']).toBe('4');
      store.getVariableSet('variableset-Projects-1')!.Variables.push({ Id: 'v', Name: 'Octopus.Action.MaxParallelism', Value: '1', Type: 'String', IsSensitive: false });
      createDeployment(deps, { spaceId: 'Spaces-1', releaseId: 'Releases-1', environmentId: 'Environments-1' });
      expect(plans[1]!.steps.map((s) => s.windowSize ?? null)).toEqual([1, 1, 1, 1, 1, 1]);
    });

    it('filters targets by tenant participation, disabled state and specific machines', () => {
      store.getMachine('Machines-1')!.TenantedDeploymentParticipation = 'Untenanted';
      store.getMachine('Machines-2')!.IsDisabled = true;
      createDeployment(deps, { spaceId: 'Spaces-1', releaseId: 'Releases-2', environmentId: 'Environments-1', tenantId: 'Tenant-B' });
      expect(plans[0]!.steps[0]!.targets.map((t) => t.id)).toEqual(['Machines-3']);
      expect(plans[0]!.description).toBe('Deploy OctoPetShop release 1.0.1 to Development for Tenant-B');
      createDeployment(deps, { spaceId: 'Spaces-1', releaseId: 'Releases-2', environmentId: 'Environments-1', specificMachineIds: ['Machines-1'] });
      expect(plans[1]!.steps[0]!.targets.map((t) => t.id)).toEqual(['Machines-1']);
    });

    it('rejects tenant mismatches and bad inputs with every problem listed, submitting nothing', () => {
      const untenanted = createRelease(deps, { spaceId: 'Spaces-1', projectId: 'Inventory Service' }).release;
      expect(apiError(() => createDeployment(deps, {
        spaceId: 'Spaces-1', releaseId: untenanted.Id, environmentId: 'Environments-1', tenantId: 'Tenant-A', specificMachineIds: ['Machines-77'], queueTime: 'soon',
      })).errors).toEqual([
        "Project 'Inventory Service' does not allow tenanted deployments; remove the tenant 'Tenant-A'.",
        "SpecificMachineIds: the machine 'Machines-77' was not found.",
        "QueueTime 'soon' is not a valid date and time.",
      ]);
      const tenanted = createRelease(deps, { spaceId: 'Spaces-1', projectId: 'Customer Portal' }).release;
      expect(apiError(() => createDeployment(deps, { spaceId: 'Spaces-1', releaseId: tenanted.Id, environmentId: 'Environments-1' })).errors)
        .toEqual(["Project 'Customer Portal' only allows tenanted deployments; specify a tenant."]);
      delete store.getTenant('Tenants-3')!.ProjectEnvironments['Projects-1'];
      expect(apiError(() => createDeployment(deps, { spaceId: 'Spaces-1', releaseId: 'Releases-1', environmentId: 'Environments-1', tenantId: 'Tenants-3' })).errors)
        .toEqual(["Tenant 'Tenant-C' is not connected to project 'OctoPetShop' in environment 'Development'."]);
      expect(plans).toEqual([]);
    });

    it('refuses environments outside a restrictive lifecycle', () => {
      store.getLifecycle('Lifecycles-1')!.Phases.push({
        Id: 'p1', Name: 'Dev', AutomaticDeploymentTargets: [], OptionalDeploymentTargets: ['Environments-1'], MinimumEnvironmentsBeforePromotion: 0, IsOptionalPhase: false,
      });
      expect(apiError(() => createDeployment(deps, { spaceId: 'Spaces-1', releaseId: 'Releases-1', environmentId: 'Production' })).errors).toEqual([
        "Release '1.0.0' of project 'OctoPetShop' cannot be deployed to 'Production': the lifecycle does not include that environment.",
      ]);
    });
  });

  describe('createRunbookRun', () => {
    it('runs the published snapshot and submits a RunbookRun plan', () => {
      const { runbookRun, task } = createRunbookRun(deps, { spaceId: 'Spaces-1', projectId: 'Projects-1', runbookId: 'Restart', environmentId: 'Production', tenantId: 'Tenants-1' });
      expect(runbookRun).toMatchObject({ Id: 'RunbookRuns-1', RunbookId: 'Runbooks-1', RunbookSnapshotId: 'RunbookSnapshots-1', TenantId: 'Tenants-1', DeployedToMachineIds: ['Machines-7', 'Machines-8', 'Machines-9'] });
      expect(task).toMatchObject({ Id: 'ServerTasks-1', Name: 'RunbookRun', Arguments: { RunbookRunId: 'RunbookRuns-1' }, Description: 'Run Restart for OctoPetShop in Production for Tenant-A' });
      expect(plans[0]!.kind).toBe('RunbookRun');
      expect(plans[0]!.steps.map((s) => `${s.name}|${s.runOnServer}|${s.targets.length}`)).toEqual(['Restart Service|false|3', 'Restart: Verify 1|true|0']);
    });

    it('names a missing snapshot (404)', () => {
      expect(apiError(() => createRunbookRun(deps, { spaceId: 'Spaces-1', runbookId: 'Runbooks-1', environmentId: 'Environments-1', snapshotId: 'Snapshot 9' })).message)
        .toBe("The resource 'Snapshot 9' (Runbook snapshot) was not found.");
    });
  });

  it('name lookups are case-insensitive and list connected tenants', () => {
    expect(requireProject(store, 'Spaces-1', 'PAYMENTS api').Id).toBe('Projects-3');
    expect(tenantsConnectedTo(store, 'Spaces-1', 'Projects-1', 'Environments-2').map((t) => t.Name)).toEqual(['Tenant-A', 'Tenant-B', 'Tenant-C']);
    expect(tenantsConnectedTo(store, 'Spaces-1', 'Projects-2', 'Environments-2')).toEqual([]);
  });
});
