// What deployments and runbook runs share: the execution options, their validation (tenant mode,
// tenant connection, machine ids, queue times — every problem collected), the variables in scope and
// the ServerTask record.
import type { Store } from './store.js';
import type { Environment, ExecutionDebugMode, ExecutionPriority, Project, ServerTaskRecord, Tenant, TenantedDeploymentMode } from './model.js';
import { isoTime } from './snapshots.js';

export interface ExecutionOptions {
  /** Tenant id or name; omitted/null → untenanted. */
  tenantId?: string | null;
  skipActionIds?: string[];
  specificMachineIds?: string[];
  excludedMachineIds?: string[];
  forcePackageDownload?: boolean;
  useGuidedFailure?: boolean | null;
  formValues?: Record<string, string>;
  /** ISO 8601; when the task may start. */
  queueTime?: string | null;
  /** ISO 8601; a task still queued then times out. */
  queueTimeExpiry?: string | null;
  comments?: string | null;
  priority?: ExecutionPriority;
  debugMode?: ExecutionDebugMode;
}

export interface CheckedExecution {
  tenant: Tenant | null;
  queueTime?: number;
  queueTimeExpiry?: number;
  problems: string[];
}

function parseTime(value: string | null | undefined, field: string, problems: string[]): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) problems.push(`${field} '${value}' is not a valid date and time.`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The allowed value that equals `value` ignoring case (Octopus binds enums case-insensitively), if any. */
export function canonicalChoice<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  return allowed.find((a) => a.toLowerCase() === lower);
}

/** Checks tenant, machines and times against the project's (or runbook's) tenancy mode. */
export function checkExecution(
  store: Store, project: Project, environment: Environment, mode: TenantedDeploymentMode, options: ExecutionOptions,
): CheckedExecution {
  const problems: string[] = [];
  let tenant: Tenant | null = null;
  const tenantKey = options.tenantId ?? null;
  if (tenantKey !== null && tenantKey !== '') {
    const byId = store.getTenant(tenantKey);
    tenant = (byId && byId.SpaceId === project.SpaceId ? byId : store.findTenantByName(project.SpaceId, tenantKey)) ?? null;
    if (tenant === null) problems.push(`The tenant '${tenantKey}' was not found.`);
    else if (mode === 'Untenanted') problems.push(`Project '${project.Name}' does not allow tenanted deployments; remove the tenant '${tenant.Name}'.`);
    else if (!(tenant.ProjectEnvironments[project.Id]?.includes(environment.Id) ?? false)) {
      problems.push(`Tenant '${tenant.Name}' is not connected to project '${project.Name}' in environment '${environment.Name}'.`);
    }
  } else if (mode === 'Tenanted') {
    problems.push(`Project '${project.Name}' only allows tenanted deployments; specify a tenant.`);
  }
  for (const [field, ids] of [['SpecificMachineIds', options.specificMachineIds], ['ExcludedMachineIds', options.excludedMachineIds]] as const) {
    for (const id of ids ?? []) {
      const m = store.getMachine(id);
      if (!m || m.SpaceId !== project.SpaceId) problems.push(`${field}: the machine '${id}' was not found.`);
    }
  }
  const queueTime = parseTime(options.queueTime, 'QueueTime', problems);
  const queueTimeExpiry = parseTime(options.queueTimeExpiry, 'QueueTimeExpiry', problems);
  const out: CheckedExecution = { tenant, problems };
  if (queueTime !== undefined) out.queueTime = queueTime;
  if (queueTimeExpiry !== undefined) out.queueTimeExpiry = queueTimeExpiry;
  return out;
}

/**
 * Project variables (later definitions win), then the prompted values given with the execution
 * (FormValues / Executions `Variables`: they supply values for project variables), then the system
 * variables of this execution, which nothing overrides.
 */
export function variablesInScope(
  store: Store, project: Project, system: Record<string, string>, prompted: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const v of store.getVariableSet(project.VariableSetId)?.Variables ?? []) vars[v.Name] = v.Value;
  return { ...vars, ...prompted, ...system };
}

export function systemVariables(project: Project, environment: Environment, tenant: Tenant | null, taskId: string): Record<string, string> {
  const vars: Record<string, string> = {
    'Octopus.Space.Id': project.SpaceId,
    'Octopus.Project.Id': project.Id,
    'Octopus.Project.Name': project.Name,
    'Octopus.Environment.Id': environment.Id,
    'Octopus.Environment.Name': environment.Name,
    'Octopus.Task.Id': taskId,
  };
  if (tenant) {
    vars['Octopus.Deployment.Tenant.Id'] = tenant.Id;
    vars['Octopus.Deployment.Tenant.Name'] = tenant.Name;
  }
  return vars;
}

export function taskRecord(
  fields: Pick<ServerTaskRecord, 'Id' | 'SpaceId' | 'Name' | 'Description' | 'ProjectId' | 'EnvironmentId' | 'TenantId'>
    & { DeploymentId?: string; RunbookRunId?: string; queueTime: number; queueTimeExpiry?: number },
): ServerTaskRecord {
  return {
    Id: fields.Id, SpaceId: fields.SpaceId, Name: fields.Name, Description: fields.Description,
    Arguments: fields.DeploymentId !== undefined ? { DeploymentId: fields.DeploymentId } : { RunbookRunId: fields.RunbookRunId! },
    ProjectId: fields.ProjectId, EnvironmentId: fields.EnvironmentId, TenantId: fields.TenantId,
    DeploymentId: fields.DeploymentId ?? null, RunbookRunId: fields.RunbookRunId ?? null,
    QueueTime: isoTime(fields.queueTime), QueueTimeExpiry: fields.queueTimeExpiry === undefined ? null : isoTime(fields.queueTimeExpiry),
  };
}
