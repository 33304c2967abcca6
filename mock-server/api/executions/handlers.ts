// The four Executions v1 commands: bind the body, resolve the space and every name, check what can be
// checked before anything is created (so a bad environment or tenant never leaves half the
// deployments behind), then call the store's operations once per environment / tenant.
import {
  createDeployment, createRelease, createRunbookRun, lifecycleAllows, requireProject, requireReleaseByVersion,
  requireRunbook, requireRunbookSnapshot, type Environment, type Project, type Release, type Runbook, type Space, type Store, type Tenant,
} from '../../store/index.js';
import type { ServerContext } from '../../context.js';
import { validationFailed } from '../errors.js';
import {
  bindCreateDeploymentTenanted, bindCreateDeploymentUntenanted, bindCreateGitRunbookRun, bindCreateRelease, bindCreateRunbookRun, type ExecutionBaseCommand,
} from './commands.js';
import { executionOptions, operationDeps, requireEnvironments, resolveTenants, skipActionIds } from './resolve.js';
import { resolveCommandSpace } from './space.js';

export interface CreateReleaseResponseV1 { ReleaseId: string; ReleaseVersion: string }
export interface DeploymentServerTask { DeploymentId: string; ServerTaskId: string }
export interface CreateDeploymentResponseV1 { DeploymentServerTasks: DeploymentServerTask[] }
export interface RunbookRunServerTask { RunbookRunId: string; ServerTaskId: string }
export interface CreateRunbookRunResponseV1 { RunbookRunServerTasks: RunbookRunServerTask[] }

/** One execution to create: an environment, and the tenant (null = untenanted). */
interface Pair { env: Environment; tenant: Tenant | null }

export function handleCreateRelease(ctx: ServerContext, urlSpace: Space | undefined, body: unknown): CreateReleaseResponseV1 {
  const command = bindCreateRelease(body);
  const space = resolveCommandSpace(ctx.store, urlSpace, command);
  if (command.gitRef !== undefined) {
    const project = requireProject(ctx.store, space.Id, command.projectName);
    throw validationFailed([`gitRef must not be set: project '${project.Name}' is not version controlled`]);
  }
  const { release } = createRelease(operationDeps(ctx), {
    spaceId: space.Id,
    projectId: command.projectName,
    ...(command.channelName === undefined ? {} : { channelId: command.channelName }),
    ...(command.releaseVersion === undefined ? {} : { version: command.releaseVersion }),
    ...(command.packages.length === 0 ? {} : { packages: command.packages }),
    ...(command.packageVersion === undefined ? {} : { packageVersion: command.packageVersion }),
    releaseNotes: command.releaseNotes ?? null,
    ignoreChannelRules: command.ignoreChannelRules,
    ignoreIfAlreadyExists: command.ignoreIfAlreadyExists,
  });
  return { ReleaseId: release.Id, ReleaseVersion: release.Version };
}

/** Pairs whose tenant is not connected to the project in the environment (the store would reject them). */
function tenantProblems(project: Project, pairs: Pair[]): string[] {
  return pairs
    .filter(({ env, tenant }) => tenant !== null && !(tenant.ProjectEnvironments[project.Id]?.includes(env.Id) ?? false))
    .map(({ env, tenant }) => `Tenant '${tenant!.Name}' is not connected to project '${project.Name}' in environment '${env.Name}'.`);
}

/** Problems that would make createDeployment fail for some of the pairs, found before any is created. */
function deploymentProblems(store: Store, project: Project, release: Release, pairs: Pair[]): string[] {
  const problems: string[] = [];
  const lifecycleId = store.getChannel(release.ChannelId)?.LifecycleId ?? project.LifecycleId;
  for (const env of new Set(pairs.map((p) => p.env))) {
    if (!lifecycleAllows(store, lifecycleId, env)) {
      problems.push(`Release '${release.Version}' of project '${project.Name}' cannot be deployed to '${env.Name}': the lifecycle does not include that environment.`);
    }
  }
  return [...problems, ...tenantProblems(project, pairs)];
}

/** The same for runbook runs: the runbook's environment scope and tenant connections. */
function runbookRunProblems(store: Store, project: Project, runbook: Runbook, pairs: Pair[]): string[] {
  const problems: string[] = [];
  for (const env of new Set(pairs.map((p) => p.env))) {
    const allowed = runbook.EnvironmentScope === 'All' ? true
      : runbook.EnvironmentScope === 'Specified' ? runbook.Environments.includes(env.Id)
      : lifecycleAllows(store, project.LifecycleId, env);
    if (!allowed) problems.push(`Runbook '${runbook.Name}' cannot run in environment '${env.Name}'.`);
  }
  return [...problems, ...tenantProblems(project, pairs)];
}

function deploy(
  ctx: ServerContext, space: Space, command: ExecutionBaseCommand & { forcePackageRedeployment: boolean }, project: Project,
  release: Release, pairs: Pair[],
): CreateDeploymentResponseV1 {
  const store = ctx.store;
  const process = store.getProcessSnapshot(release.ProjectDeploymentProcessSnapshotId);
  const options = executionOptions(command, store, space.Id, skipActionIds(process, command.skipStepNames));
  const problems = deploymentProblems(store, project, release, pairs);
  if (problems.length > 0) throw validationFailed(problems);
  const deps = operationDeps(ctx);
  const tasks = pairs.map(({ env, tenant }) => {
    const { deployment, task } = createDeployment(deps, {
      ...options, spaceId: space.Id, releaseId: release.Id, environmentId: env.Id,
      forcePackageRedeployment: command.forcePackageRedeployment, ...(tenant ? { tenantId: tenant.Id } : {}),
    });
    return { DeploymentId: deployment.Id, ServerTaskId: task.Id };
  });
  return { DeploymentServerTasks: tasks };
}

export function handleCreateDeploymentUntenanted(ctx: ServerContext, urlSpace: Space | undefined, body: unknown): CreateDeploymentResponseV1 {
  const command = bindCreateDeploymentUntenanted(body);
  const space = resolveCommandSpace(ctx.store, urlSpace, command);
  const project = requireProject(ctx.store, space.Id, command.projectName);
  const release = requireReleaseByVersion(ctx.store, project.Id, command.releaseVersion);
  const environments = requireEnvironments(ctx.store, space.Id, command.environmentNames);
  return deploy(ctx, space, command, project, release, environments.map((env) => ({ env, tenant: null })));
}

export function handleCreateDeploymentTenanted(ctx: ServerContext, urlSpace: Space | undefined, body: unknown): CreateDeploymentResponseV1 {
  const command = bindCreateDeploymentTenanted(body);
  const space = resolveCommandSpace(ctx.store, urlSpace, command);
  const project = requireProject(ctx.store, space.Id, command.projectName);
  const release = requireReleaseByVersion(ctx.store, project.Id, command.releaseVersion);
  const [env] = requireEnvironments(ctx.store, space.Id, [command.environmentName]);
  const tenants = resolveTenants(ctx.store, project, env!, command.tenants, command.tenantTags);
  return deploy(ctx, space, command, project, release, tenants.map((tenant) => ({ env: env!, tenant })));
}

/** Git runbook runs need a version-controlled project; the fixture has none, so a bound command that
 *  names an existing project is a 400 that says so (unknown names are 404s as elsewhere). */
export function handleCreateGitRunbookRun(ctx: ServerContext, urlSpace: Space | undefined, body: unknown): never {
  const command = bindCreateGitRunbookRun(body);
  const space = resolveCommandSpace(ctx.store, urlSpace, command);
  const project = requireProject(ctx.store, space.Id, command.projectName);
  throw validationFailed([`project '${project.Name}' is not version controlled: run its runbooks with runbook-runs/create/v1 (gitRef '${command.gitRef}' cannot apply)`]);
}

export function handleCreateRunbookRun(ctx: ServerContext, urlSpace: Space | undefined, body: unknown): CreateRunbookRunResponseV1 {
  const command = bindCreateRunbookRun(body);
  const store = ctx.store;
  const space = resolveCommandSpace(store, urlSpace, command);
  const project = requireProject(store, space.Id, command.projectName);
  const runbook = requireRunbook(store, project.Id, command.runbookName);
  const snapshot = requireRunbookSnapshot(store, runbook, command.snapshot);
  const environments = requireEnvironments(store, space.Id, command.environmentNames);
  const tenanted = command.tenants.length > 0 || command.tenantTags.length > 0;
  const pairs = environments.flatMap((env): Pair[] =>
    tenanted ? resolveTenants(store, project, env, command.tenants, command.tenantTags).map((tenant) => ({ env, tenant })) : [{ env, tenant: null }]);
  const options = executionOptions(command, store, space.Id, skipActionIds(store.getProcessSnapshot(snapshot.FrozenRunbookProcessId), command.skipStepNames));
  const problems = runbookRunProblems(store, project, runbook, pairs);
  if (problems.length > 0) throw validationFailed(problems);
  const deps = operationDeps(ctx);
  const tasks = pairs.map(({ env, tenant }) => {
    const { runbookRun, task } = createRunbookRun(deps, {
      ...options, spaceId: space.Id, runbookId: runbook.Id, projectId: project.Id, environmentId: env.Id, snapshotId: snapshot.Id,
      ...(tenant ? { tenantId: tenant.Id } : {}),
    });
    return { RunbookRunId: runbookRun.Id, ServerTaskId: task.Id };
  });
  return { RunbookRunServerTasks: tasks };
}
