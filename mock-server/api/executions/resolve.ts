// Name resolution for the Executions commands: the server, not the client, turns names into ids.
// Unknown project/environment/tenant/machine names are 404s naming the name (the store's lookups);
// unknown skip-step names are ignored (Octopus only warns). Tenants: explicit names, `"*"` (every tenant
// connected to the project in the environment) and TenantTags (`TagSet/Tag`; within one tag set any
// tag matches, across tag sets all must), deduplicated, only tenants connected to project+environment.
import {
  canonicalChoice, EXECUTION_DEBUG_MODES, EXECUTION_PRIORITIES, isoTime, requireEnvironment, requireMachine, requireTenant, tenantsConnectedTo,
  type DeploymentProcess, type Environment, type ExecutionOptions, type OperationDeps, type Project, type Store, type Tenant,
} from '../../store/index.js';
import { validationFailed } from '../errors.js';
import type { ServerContext } from '../../context.js';
import type { ExecutionBaseCommand } from './commands.js';

export const ALL_TENANTS = '*';

export function requireEnvironments(store: Store, spaceId: string, names: readonly string[]): Environment[] {
  const byId = new Map<string, Environment>();
  for (const name of names) {
    const env = requireEnvironment(store, spaceId, name);
    if (!byId.has(env.Id)) byId.set(env.Id, env);
  }
  return [...byId.values()];
}

export function machineIds(store: Store, spaceId: string, names: readonly string[]): string[] {
  return [...new Set(names.map((name) => requireMachine(store, spaceId, name).Id))];
}

/** Action ids of the steps (or actions) named; names matching nothing are ignored. */
export function skipActionIds(process: DeploymentProcess | undefined, stepNames: readonly string[]): string[] {
  if (!process || stepNames.length === 0) return [];
  const wanted = new Set(stepNames.map((n) => n.toLowerCase()));
  const ids: string[] = [];
  for (const step of process.Steps) {
    const stepNamed = wanted.has(step.Name.toLowerCase());
    for (const action of step.Actions) if (stepNamed || wanted.has(action.Name.toLowerCase())) ids.push(action.Id);
  }
  return ids;
}

function tagProblems(tags: readonly string[]): string[] {
  return tags.filter((t) => !/^[^/]+\/[^/]+$/.test(t)).map((t) => `tenantTags entry '${t}' must have the form 'TagSet/Tag'`);
}

function matchesTags(tenant: Tenant, tags: readonly string[]): boolean {
  const bySet = new Map<string, string[]>();
  for (const tag of tags) {
    const set = tag.slice(0, tag.indexOf('/')).toLowerCase();
    bySet.set(set, [...(bySet.get(set) ?? []), tag.toLowerCase()]);
  }
  const own = new Set(tenant.TenantTags.map((t) => t.toLowerCase()));
  return [...bySet.values()].every((anyOf) => anyOf.some((t) => own.has(t)));
}

/** The tenants a tenanted command targets in one environment; [] when neither tenants nor tags are given. */
export function resolveTenants(store: Store, project: Project, environment: Environment, names: readonly string[], tags: readonly string[]): Tenant[] {
  const problems = tagProblems(tags);
  if (problems.length > 0) throw validationFailed(problems);
  const connected = tenantsConnectedTo(store, project.SpaceId, project.Id, environment.Id);
  // Insertion-ordered and keyed by id: duplicates collapse, and `"*"` repeated stays linear.
  const out = new Map<string, Tenant>();
  const add = (t: Tenant) => { if (!out.has(t.Id)) out.set(t.Id, t); };
  let allAdded = false;
  for (const name of names) {
    if (name !== ALL_TENANTS) add(requireTenant(store, project.SpaceId, name));
    else if (!allAdded) {
      connected.forEach(add);
      allAdded = true;
    }
  }
  if (tags.length > 0) connected.filter((t) => matchesTags(t, tags)).forEach(add);
  return [...out.values()];
}

/** The execution options every deployment/run of one command shares. */
export function executionOptions(command: ExecutionBaseCommand, store: Store, spaceId: string, skipIds: string[]): ExecutionOptions {
  const options: ExecutionOptions = {
    skipActionIds: skipIds,
    specificMachineIds: machineIds(store, spaceId, command.specificMachineNames),
    excludedMachineIds: machineIds(store, spaceId, command.excludedMachineNames),
    forcePackageDownload: command.forcePackageDownload,
    useGuidedFailure: command.useGuidedFailure ?? null,
    formValues: { ...command.variables },
  };
  const priority = canonicalChoice(EXECUTION_PRIORITIES, command.priority);
  const debugMode = canonicalChoice(EXECUTION_DEBUG_MODES, command.debugMode);
  if (priority !== undefined) options.priority = priority;
  if (debugMode !== undefined) options.debugMode = debugMode;
  if (command.runAt !== undefined) options.queueTime = isoTime(command.runAt);
  if (command.noRunAfter !== undefined) options.queueTimeExpiry = isoTime(command.noRunAfter);
  return options;
}

/** The operations' dependencies (prompted variables travel as formValues in the execution options). */
export function operationDeps(ctx: ServerContext): OperationDeps {
  return { store: ctx.store, clock: ctx.clock, engine: ctx.engine };
}
