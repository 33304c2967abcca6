// The four Executions API v1 commands (octopus-api.md §1.2–1.6) as typed values, and their binders.
// Each bind function reads a parsed JSON body case-insensitively, checks every field and throws one
// 400 listing every problem; on success it returns a fresh command object (names still unresolved).
import { EXECUTION_DEBUG_MODES, EXECUTION_PRIORITIES } from '../../store/index.js';
import { Binder, camel, requireObjectBody } from './binding.js';

export interface SpaceScoped {
  spaceId: string;
  spaceIdOrName: string;
}

export interface CreateReleaseCommand extends SpaceScoped {
  projectName: string;
  releaseVersion?: string;
  channelName?: string;
  packageVersion?: string;
  packages: string[];
  gitResources: string[];
  gitRef?: string;
  gitCommit?: string;
  releaseNotes?: string;
  ignoreIfAlreadyExists: boolean;
  ignoreChannelRules: boolean;
  packagePrerelease?: string;
  customFields: Record<string, string>;
}

export interface ExecutionBaseCommand extends SpaceScoped {
  projectName: string;
  forcePackageDownload: boolean;
  specificMachineNames: string[];
  excludedMachineNames: string[];
  specificTargetTagNames: string[];
  excludedTargetTagNames: string[];
  skipStepNames: string[];
  /** undefined = the project/environment default. */
  useGuidedFailure?: boolean;
  /** Epoch ms (RunAt). */
  runAt?: number;
  /** Epoch ms (NoRunAfter). */
  noRunAfter?: number;
  variables: Record<string, string>;
  priority?: string;
  debugMode?: string;
  deploymentFreezeNames: string[];
  deploymentFreezeOverrideReason?: string;
}

export interface CreateDeploymentUntenantedCommand extends ExecutionBaseCommand {
  releaseVersion: string;
  environmentNames: string[];
  forcePackageRedeployment: boolean;
  updateVariableSnapshot: boolean;
}

export interface CreateDeploymentTenantedCommand extends ExecutionBaseCommand {
  releaseVersion: string;
  environmentName: string;
  tenants: string[];
  tenantTags: string[];
  forcePackageRedeployment: boolean;
  updateVariableSnapshot: boolean;
}

export interface CreateRunbookRunCommand extends ExecutionBaseCommand {
  runbookName: string;
  environmentNames: string[];
  tenants: string[];
  tenantTags: string[];
  snapshot?: string;
}

/** `runbook-runs/git/create/v1`: a runbook of a version-controlled project, at a git ref. */
export interface CreateGitRunbookRunCommand extends CreateRunbookRunCommand {
  gitRef: string;
}


/** Drops keys whose value is undefined, so commands compare equal however they were spelled. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function oneOf(b: Binder, name: string, allowed: readonly string[]): string | undefined {
  const value = b.string(name);
  if (value !== undefined && !allowed.some((a) => a.toLowerCase() === value.toLowerCase())) {
    b.problems.push(`${camel(name)} must be one of ${allowed.join(', ')}`);
  }
  return value;
}

function bindSpace(b: Binder): SpaceScoped {
  return { spaceId: b.string('SpaceId', { required: true }), spaceIdOrName: b.string('SpaceIdOrName', { required: true }) };
}

function bindExecutionBase(b: Binder): ExecutionBaseCommand {
  const base: ExecutionBaseCommand = {
    ...bindSpace(b),
    projectName: b.string('ProjectName', { required: true }),
    forcePackageDownload: b.boolean('ForcePackageDownload') ?? false,
    specificMachineNames: b.stringArray('SpecificMachineNames'),
    excludedMachineNames: b.stringArray('ExcludedMachineNames'),
    specificTargetTagNames: b.stringArray('SpecificTargetTagNames'),
    excludedTargetTagNames: b.stringArray('ExcludedTargetTagNames'),
    skipStepNames: b.stringArray('SkipStepNames'),
    useGuidedFailure: b.boolean('UseGuidedFailure'),
    runAt: b.dateTime('RunAt'),
    noRunAfter: b.dateTime('NoRunAfter'),
    variables: b.stringMap('Variables'),
    priority: oneOf(b, 'Priority', EXECUTION_PRIORITIES),
    debugMode: oneOf(b, 'DebugMode', EXECUTION_DEBUG_MODES),
    deploymentFreezeNames: b.stringArray('DeploymentFreezeNames'),
    deploymentFreezeOverrideReason: b.string('DeploymentFreezeOverrideReason', { maxLength: Infinity }),
  };
  if (base.deploymentFreezeNames.length > 0 && !base.deploymentFreezeOverrideReason) {
    b.problems.push('deploymentFreezeOverrideReason is required when deploymentFreezeNames is not empty');
  }
  if (base.runAt !== undefined && base.noRunAfter !== undefined && base.noRunAfter < base.runAt) {
    b.problems.push('noRunAfter must not be earlier than runAt');
  }
  return base;
}

function binderFor(body: unknown): Binder {
  return new Binder(requireObjectBody(body));
}

export function bindCreateRelease(body: unknown): CreateReleaseCommand {
  const b = binderFor(body);
  const command: CreateReleaseCommand = {
    ...bindSpace(b),
    projectName: b.string('ProjectName', { required: true }),
    releaseVersion: b.string('ReleaseVersion'),
    channelName: b.string('ChannelName'),
    packageVersion: b.string('PackageVersion'),
    packages: b.stringArray('Packages'),
    gitResources: b.stringArray('GitResources'),
    gitRef: b.string('GitRef'),
    gitCommit: b.string('GitCommit'),
    releaseNotes: b.string('ReleaseNotes', { maxLength: Infinity }),
    ignoreIfAlreadyExists: b.boolean('IgnoreIfAlreadyExists') ?? false,
    ignoreChannelRules: b.boolean('IgnoreChannelRules') ?? false,
    packagePrerelease: b.string('PackagePrerelease'),
    customFields: b.stringMap('CustomFields'),
  };
  if (command.gitCommit !== undefined && command.gitRef === undefined) b.problems.push('gitCommit requires gitRef');
  b.finish();
  return defined(command);
}

export function bindCreateDeploymentUntenanted(body: unknown): CreateDeploymentUntenantedCommand {
  const b = binderFor(body);
  const command: CreateDeploymentUntenantedCommand = {
    ...bindExecutionBase(b),
    releaseVersion: b.string('ReleaseVersion', { required: true }),
    environmentNames: b.stringArray('EnvironmentNames', { required: true }),
    forcePackageRedeployment: b.boolean('ForcePackageRedeployment') ?? false,
    updateVariableSnapshot: b.boolean('UpdateVariableSnapshot') ?? false,
  };
  b.finish();
  return defined(command);
}

export function bindCreateDeploymentTenanted(body: unknown): CreateDeploymentTenantedCommand {
  const b = binderFor(body);
  const command: CreateDeploymentTenantedCommand = {
    ...bindExecutionBase(b),
    releaseVersion: b.string('ReleaseVersion', { required: true }),
    environmentName: b.string('EnvironmentName', { required: true }),
    tenants: b.stringArray('Tenants'),
    tenantTags: b.stringArray('TenantTags'),
    forcePackageRedeployment: b.boolean('ForcePackageRedeployment') ?? false,
    updateVariableSnapshot: b.boolean('UpdateVariableSnapshot') ?? false,
  };
  b.finish();
  return defined(command);
}

function runbookRunFields(b: Binder): CreateRunbookRunCommand {
  return {
    ...bindExecutionBase(b),
    runbookName: b.string('RunbookName', { required: true }),
    environmentNames: b.stringArray('EnvironmentNames', { required: true }),
    tenants: b.stringArray('Tenants'),
    tenantTags: b.stringArray('TenantTags'),
    snapshot: b.string('Snapshot'),
  };
}

export function bindCreateRunbookRun(body: unknown): CreateRunbookRunCommand {
  const b = binderFor(body);
  const command = runbookRunFields(b);
  b.finish();
  return defined(command);
}

export function bindCreateGitRunbookRun(body: unknown): CreateGitRunbookRunCommand {
  const b = binderFor(body);
  const command: CreateGitRunbookRunCommand = { ...runbookRunFields(b), gitRef: b.string('GitRef', { required: true }) };
  b.finish();
  return defined(command);
}
