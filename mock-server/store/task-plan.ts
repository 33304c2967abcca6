// Turns a frozen process plus the execution's context (environment, tenant, machine filters, selected
// packages, project variables) into the engine's TaskPlan: per step the resolved targets
// (role ∩ environment ∩ tenant participation ∩ specific/excluded ∩ enabled), the rolling window and
// the packages with their sizes from the feed and how much each differs from the older versions a target
// may have cached (package-changes.ts, for delta compression).
import type { PlannedPackage, PlannedStep, PlannedTarget, TaskPlan } from '../engine/types.js';
import type { Store } from './store.js';
import { packageChanges } from './package-changes.js';
import type { DeploymentProcess, DeploymentStep, Environment, Machine, SelectedPackage, Tenant } from './model.js';

export const MAX_PARALLELISM_VARIABLE = 'Octopus.Action.MaxParallelism';

export interface TargetFilter {
  environment: Environment;
  tenant: Tenant | null;
  specificMachineIds: string[];
  excludedMachineIds: string[];
}

export interface PlanInput extends TargetFilter {
  taskId: string;
  kind: TaskPlan['kind'];
  description: string;
  process: DeploymentProcess;
  selectedPackages: SelectedPackage[];
  variables: Record<string, string>;
  skipActionIds: string[];
  queueTime?: number;
  queueTimeExpiry?: number;
  /** Priority "On": the task jumps the queue (TaskPlan.prioritized). */
  prioritized?: boolean;
}

export const stepRoles = (step: DeploymentStep): string[] =>
  (step.Properties['Octopus.Action.TargetRoles'] ?? '').split(',').map((r) => r.trim()).filter((r) => r.length > 0);

export const stepRunsOnServer = (step: DeploymentStep): boolean =>
  stepRoles(step).length === 0 || step.Actions.every((a) => a.Properties['Octopus.Action.RunOnServer'] === 'true');

function participates(machine: Machine, tenant: Tenant | null): boolean {
  if (tenant === null) return machine.TenantedDeploymentParticipation !== 'Tenanted';
  return machine.TenantedDeploymentParticipation !== 'Untenanted' && machine.TenantIds.includes(tenant.Id);
}

/** Machines of the environment that the filter admits (before roles), in id order. */
export function candidateMachines(store: Store, filter: TargetFilter): Machine[] {
  const specific = new Set(filter.specificMachineIds);
  const excluded = new Set(filter.excludedMachineIds);
  return store.machinesInEnvironment(filter.environment.Id).filter((m) =>
    !m.IsDisabled && participates(m, filter.tenant) && (specific.size === 0 || specific.has(m.Id)) && !excluded.has(m.Id));
}

export function targetsForStep(step: DeploymentStep, candidates: readonly Machine[]): PlannedTarget[] {
  if (stepRunsOnServer(step)) return [];
  const roles = new Set(stepRoles(step));
  return candidates.filter((m) => m.Roles.some((r) => roles.has(r))).map((m) => ({ id: m.Id, name: m.Name }));
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number.parseInt(value, 10);
  return n >= 1 ? n : undefined;
}

export function buildTaskPlan(store: Store, input: PlanInput): TaskPlan {
  const candidates = candidateMachines(store, input);
  const projectWindow = positiveInt(input.variables[MAX_PARALLELISM_VARIABLE]);
  const steps: PlannedStep[] = input.process.Steps.map((step) => {
    // A project variable of the same name overrides the step's window (octopus-api.md §5.3).
    const windowSize = projectWindow ?? positiveInt(step.Properties[MAX_PARALLELISM_VARIABLE]);
    const planned: PlannedStep = {
      id: step.Id, name: step.Name, startTrigger: step.StartTrigger, condition: step.Condition,
      packageRequirement: step.PackageRequirement, targetRoles: stepRoles(step), runOnServer: stepRunsOnServer(step),
      targets: targetsForStep(step, candidates),
      actions: step.Actions.map((a) => ({
        id: a.Id, name: a.Name, actionType: a.ActionType, isDisabled: a.IsDisabled, properties: { ...a.Properties },
        packages: a.Packages.map((ref): PlannedPackage => {
          const version = input.selectedPackages.find((sp) => sp.ActionName === a.Name && sp.PackageReferenceName === ref.Name)?.Version
            ?? store.latestPackageVersion(ref.FeedId, ref.PackageId)?.Version ?? '0.0.0';
          const sizeBytes = store.findPackageVersion(ref.FeedId, ref.PackageId, version)?.SizeBytes ?? 0;
          const planned: PlannedPackage = { referenceId: ref.Id, packageId: ref.PackageId, version, feedId: ref.FeedId, sizeBytes, acquisitionLocation: ref.AcquisitionLocation };
          const changes = packageChanges(store, ref.FeedId, ref.PackageId, version);
          if (changes !== undefined) {
            planned.content = changes.content;
            planned.changedFractionSince = changes.changedFractionSince;
          }
          return planned;
        }),
      })),
    };
    if (step.Condition === 'Variable') planned.conditionVariable = step.Properties['Octopus.Step.ConditionVariableExpression'] ?? '';
    if (windowSize !== undefined) planned.windowSize = windowSize;
    return planned;
  });
  const plan: TaskPlan = {
    taskId: input.taskId, kind: input.kind, description: input.description, steps, variables: { ...input.variables }, skipActionIds: [...input.skipActionIds],
  };
  if (input.queueTime !== undefined) plan.queueTime = input.queueTime;
  if (input.queueTimeExpiry !== undefined) plan.queueTimeExpiry = input.queueTimeExpiry;
  if (input.prioritized === true) plan.prioritized = true;
  return plan;
}
