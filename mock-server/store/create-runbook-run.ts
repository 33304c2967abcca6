// createRunbookRun: runs a runbook snapshot (default: the published one) in an environment, optionally
// for a tenant. Same shape as createDeployment: validate, record RunbookRun + ServerTask, submit plan.
import { validationFailed } from '../api/errors.js';
import { requireEnvironment, requireRunbook, requireRunbookSnapshot } from './lookups.js';
import { checkExecution, systemVariables, taskRecord, variablesInScope, type ExecutionOptions } from './execution-common.js';
import { buildTaskPlan, candidateMachines, targetsForStep } from './task-plan.js';
import { lifecycleAllows } from './create-deployment.js';
import { compareIds } from './table.js';
import { isoTime } from './snapshots.js';
import type { Project, RunbookRun, ServerTaskRecord } from './model.js';
import type { OperationDeps } from './operations.js';

export interface CreateRunbookRunInput extends ExecutionOptions {
  spaceId: string;
  /** Runbook id (or name, when projectId is given). */
  runbookId: string;
  /** Needed only to find the runbook by name. */
  projectId?: string;
  /** Environment id or name. */
  environmentId: string;
  /** Snapshot id or name; omitted → the published snapshot. */
  snapshotId?: string;
}

export interface CreateRunbookRunResult {
  runbookRun: RunbookRun;
  task: ServerTaskRecord;
}

export function createRunbookRun(deps: OperationDeps, input: CreateRunbookRunInput): CreateRunbookRunResult {
  const { store, clock } = deps;
  const byId = store.getRunbook(input.runbookId);
  const runbook = byId && byId.SpaceId === input.spaceId ? byId : requireRunbook(store, input.projectId ?? '', input.runbookId);
  const project = store.getProject(runbook.ProjectId) as Project;
  const environment = requireEnvironment(store, input.spaceId, input.environmentId);
  const snapshot = requireRunbookSnapshot(store, runbook, input.snapshotId === '' ? undefined : input.snapshotId);
  const checked = checkExecution(store, project, environment, runbook.MultiTenancyMode, input);
  const allowed = runbook.EnvironmentScope === 'All' ? true
    : runbook.EnvironmentScope === 'Specified' ? runbook.Environments.includes(environment.Id)
    : lifecycleAllows(store, project.LifecycleId, environment);
  if (!allowed) checked.problems.unshift(`Runbook '${runbook.Name}' cannot run in environment '${environment.Name}'.`);
  if (checked.problems.length > 0) throw validationFailed(checked.problems);
  const process = store.getProcessSnapshot(snapshot.FrozenRunbookProcessId);
  if (!process) throw validationFailed([`The runbook process snapshot '${snapshot.FrozenRunbookProcessId}' is missing.`]);

  const now = clock.now();
  const runId = store.nextId('RunbookRuns');
  const taskId = store.nextId('ServerTasks');
  const tenant = checked.tenant;
  const description = `Run ${runbook.Name} for ${project.Name} in ${environment.Name}${tenant ? ` for ${tenant.Name}` : ''}`;
  const variables = variablesInScope(store, project, {
    ...systemVariables(project, environment, tenant, taskId),
    'Octopus.Runbook.Id': runbook.Id,
    'Octopus.Runbook.Name': runbook.Name,
    'Octopus.RunbookRun.Id': runId,
    'Octopus.RunbookSnapshot.Name': snapshot.Name,
  }, input.formValues);
  const filter = { environment, tenant, specificMachineIds: input.specificMachineIds ?? [], excludedMachineIds: input.excludedMachineIds ?? [] };
  const candidates = candidateMachines(store, filter);
  const ranOn = new Set(process.Steps.flatMap((st) => targetsForStep(st, candidates).map((t) => t.id)));
  const user = store.currentUser();
  const runbookRun = store.runbookRuns.insert({
    Id: runId, SpaceId: project.SpaceId, ProjectId: project.Id, EnvironmentId: environment.Id, TenantId: tenant?.Id ?? null,
    TaskId: taskId, Name: `Run ${runbook.Name}`, Created: isoTime(now),
    ForcePackageDownload: input.forcePackageDownload ?? false, UseGuidedFailure: input.useGuidedFailure ?? false,
    SkipActions: [...(input.skipActionIds ?? [])], SpecificMachineIds: [...(input.specificMachineIds ?? [])], ExcludedMachineIds: [...(input.excludedMachineIds ?? [])],
    FormValues: { ...(input.formValues ?? {}) }, QueueTime: checked.queueTime === undefined ? null : isoTime(checked.queueTime),
    QueueTimeExpiry: checked.queueTimeExpiry === undefined ? null : isoTime(checked.queueTimeExpiry), Comments: input.comments ?? null,
    DeployedById: user.Id, DeployedBy: user.Username, DeployedToMachineIds: [...ranOn].sort(compareIds), FailureEncountered: false,
    Priority: input.priority ?? 'LifecycleDefault', DebugMode: input.debugMode ?? 'None',
    RunbookId: runbook.Id, RunbookSnapshotId: snapshot.Id, FrozenRunbookProcessId: snapshot.FrozenRunbookProcessId,
  });
  const task = store.serverTasks.insert(taskRecord({
    Id: taskId, SpaceId: project.SpaceId, Name: 'RunbookRun', Description: description, ProjectId: project.Id, EnvironmentId: environment.Id,
    TenantId: tenant?.Id ?? null, RunbookRunId: runId, queueTime: now,
    ...(checked.queueTimeExpiry === undefined ? {} : { queueTimeExpiry: checked.queueTimeExpiry }),
  }));
  deps.engine.submit(buildTaskPlan(store, {
    ...filter, taskId, kind: 'RunbookRun', description, process, selectedPackages: snapshot.SelectedPackages, variables,
    skipActionIds: input.skipActionIds ?? [],
    ...(checked.queueTime === undefined ? {} : { queueTime: checked.queueTime }),
    ...(checked.queueTimeExpiry === undefined ? {} : { queueTimeExpiry: checked.queueTimeExpiry }),
    ...(input.priority === 'On' ? { prioritized: true } : {}),
  }));
  return { runbookRun, task };
}
