// createDeployment: deploys a release to an environment (optionally for a tenant). Validates that the
// lifecycle allows the environment and that tenanted/untenanted matches the project, records the
// Deployment and its ServerTask, builds the TaskPlan from the release's frozen process and submits it.
import { validationFailed } from '../api/errors.js';
import { requireEnvironment, requireRelease } from './lookups.js';
import { checkExecution, systemVariables, taskRecord, variablesInScope, type ExecutionOptions } from './execution-common.js';
import { buildTaskPlan, candidateMachines, targetsForStep } from './task-plan.js';
import { isoTime } from './snapshots.js';
import { compareIds } from './table.js';
import type { Store } from './store.js';
import type { Deployment, Environment, Project, ServerTaskRecord } from './model.js';
import type { OperationDeps } from './operations.js';

export interface CreateDeploymentInput extends ExecutionOptions {
  spaceId: string;
  releaseId: string;
  /** Environment id or name. */
  environmentId: string;
  forcePackageRedeployment?: boolean;
}

export interface CreateDeploymentResult {
  deployment: Deployment;
  task: ServerTaskRecord;
}

/** Whether the project's (or channel's) lifecycle lets a release reach the environment. Empty phases = any. */
export function lifecycleAllows(store: Store, lifecycleId: string, environment: Environment): boolean {
  const lifecycle = store.getLifecycle(lifecycleId);
  if (!lifecycle || lifecycle.Phases.length === 0) return true;
  return lifecycle.Phases.some((p) => p.AutomaticDeploymentTargets.includes(environment.Id) || p.OptionalDeploymentTargets.includes(environment.Id));
}

export function createDeployment(deps: OperationDeps, input: CreateDeploymentInput): CreateDeploymentResult {
  const { store, clock } = deps;
  const release = requireRelease(store, input.spaceId, input.releaseId);
  const project = store.getProject(release.ProjectId) as Project;
  const environment = requireEnvironment(store, input.spaceId, input.environmentId);
  const channel = store.getChannel(release.ChannelId);
  const checked = checkExecution(store, project, environment, project.TenantedDeploymentMode, input);
  const lifecycleId = channel?.LifecycleId ?? project.LifecycleId;
  if (!lifecycleAllows(store, lifecycleId, environment)) {
    checked.problems.unshift(`Release '${release.Version}' of project '${project.Name}' cannot be deployed to '${environment.Name}': the lifecycle does not include that environment.`);
  }
  if (checked.problems.length > 0) throw validationFailed(checked.problems);
  const process = store.getProcessSnapshot(release.ProjectDeploymentProcessSnapshotId);
  if (!process) throw validationFailed([`The deployment process snapshot '${release.ProjectDeploymentProcessSnapshotId}' of release '${release.Version}' is missing.`]);

  const now = clock.now();
  const deploymentId = store.nextId('Deployments');
  const taskId = store.nextId('ServerTasks');
  const tenant = checked.tenant;
  const description = `Deploy ${project.Name} release ${release.Version} to ${environment.Name}${tenant ? ` for ${tenant.Name}` : ''}`;
  const variables = variablesInScope(store, project, {
    ...systemVariables(project, environment, tenant, taskId),
    'Octopus.Release.Id': release.Id,
    'Octopus.Release.Number': release.Version,
    'Octopus.Deployment.Id': deploymentId,
  }, input.formValues);
  const filter = { environment, tenant, specificMachineIds: input.specificMachineIds ?? [], excludedMachineIds: input.excludedMachineIds ?? [] };
  const candidates = candidateMachines(store, filter);
  const deployedTo = new Set(process.Steps.flatMap((st) => targetsForStep(st, candidates).map((t) => t.id)));
  const user = store.currentUser();
  const deployment = store.deployments.insert({
    Id: deploymentId, SpaceId: project.SpaceId, ProjectId: project.Id, EnvironmentId: environment.Id, TenantId: tenant?.Id ?? null,
    TaskId: taskId, Name: `Deploy to ${environment.Name}`, Created: isoTime(now),
    ForcePackageDownload: input.forcePackageDownload ?? false, UseGuidedFailure: input.useGuidedFailure ?? false,
    SkipActions: [...(input.skipActionIds ?? [])], SpecificMachineIds: [...(input.specificMachineIds ?? [])], ExcludedMachineIds: [...(input.excludedMachineIds ?? [])],
    FormValues: { ...(input.formValues ?? {}) }, QueueTime: checked.queueTime === undefined ? null : isoTime(checked.queueTime),
    QueueTimeExpiry: checked.queueTimeExpiry === undefined ? null : isoTime(checked.queueTimeExpiry), Comments: input.comments ?? null,
    DeployedById: user.Id, DeployedBy: user.Username, DeployedToMachineIds: [...deployedTo].sort(compareIds), FailureEncountered: false,
    Priority: input.priority ?? 'LifecycleDefault', DebugMode: input.debugMode ?? 'None',
    ReleaseId: release.Id, ChannelId: release.ChannelId, DeploymentProcessId: release.ProjectDeploymentProcessSnapshotId,
    ForcePackageRedeployment: input.forcePackageRedeployment ?? false, ManifestVariableSetId: `variableset-${deploymentId}`,
  });
  const task = store.serverTasks.insert(taskRecord({
    Id: taskId, SpaceId: project.SpaceId, Name: 'Deploy', Description: description, ProjectId: project.Id, EnvironmentId: environment.Id,
    TenantId: tenant?.Id ?? null, DeploymentId: deploymentId, queueTime: now,
    ...(checked.queueTimeExpiry === undefined ? {} : { queueTimeExpiry: checked.queueTimeExpiry }),
  }));
  deps.engine.submit(buildTaskPlan(store, {
    ...filter, taskId, kind: 'Deploy', description, process, selectedPackages: release.SelectedPackages, variables,
    skipActionIds: input.skipActionIds ?? [],
    ...(checked.queueTime === undefined ? {} : { queueTime: checked.queueTime }),
    ...(checked.queueTimeExpiry === undefined ? {} : { queueTimeExpiry: checked.queueTimeExpiry }),
    ...(input.priority === 'On' ? { prioritized: true } : {}),
  }));
  return { deployment, task };
}
