// Lean TaskPlans for the simulator: one plan per deployment, straight from a DeploymentSpec. Why not the
// store (mock-server/store buildStore + operations): it builds a whole Octopus model (spaces, projects,
// releases, machines with roles, snapshots) and resolves targets per step by filtering machines, which
// for 100,000 targets × 20 steps costs far more memory and time than the simulation itself; the
// simulator needs only what the engine reads. Every step shares one target array per deployment.
import type { PlannedAction, PlannedPackage, PlannedStep, PlannedTarget, TaskPlan } from '../../mock-server/engine/types.js';
import { STEP_RETRY_BACKOFF_PROPERTY, STEP_RETRY_COUNT_PROPERTY } from '../../mock-server/engine/types.js';
import type { TargetModel } from '../fleet/model/index.js';
import type { DeploymentSpec } from './spec.js';

export const SIM_PACKAGE_ID = 'App';
export const SIM_PREVIOUS_VERSION = '1.0.0';
export const SIM_VERSION = '1.1.0';

/** The deployed package at SIM_VERSION, or at SIM_PREVIOUS_VERSION (the delta basis). Its `content` puts
 *  the two versions one step apart in a series of `changedFraction` per step, so a live run's real
 *  bytes differ in that share of their blocks, as the simulator assumes (the simulator ignores it). */
export function simPackage(d: DeploymentSpec, version: typeof SIM_VERSION | typeof SIM_PREVIOUS_VERSION = SIM_VERSION): PlannedPackage {
  return {
    referenceId: 'ref-app',
    packageId: SIM_PACKAGE_ID,
    version,
    feedId: 'Feeds-1',
    sizeBytes: Math.round(d.packageSizeMB * 1_000_000),
    acquisitionLocation: d.transfer === 'pull' ? 'ExecutionTarget' : 'Server',
    changedFraction: d.changedFraction,
    content: { index: version === SIM_VERSION ? 1 : 0, changeFraction: d.changedFraction },
  };
}

/** The plan variables: acquisition parallelism plus `variableCount` project variables of `variableBytes`. */
export function simVariables(d: DeploymentSpec): Record<string, string> {
  const variables: Record<string, string> = { 'Octopus.Acquire.MaxParallelism': String(d.acquireParallelism) };
  if (d.transfer !== 'delta') variables['Octopus.Acquire.DeltaCompressionEnabled'] = 'False';
  const value = 'v'.repeat(Math.max(0, d.variableBytes));
  for (let i = 0; i < d.variableCount; i++) variables[`Project.Variable${i + 1}`] = value;
  return variables;
}

export function buildPlans(d: DeploymentSpec, fleet: readonly TargetModel[]): TaskPlan[] {
  const variables = simVariables(d);
  const pkg = simPackage(d);
  const properties: Record<string, string> =
    d.stepRetries > 0 ? { [STEP_RETRY_COUNT_PROPERTY]: String(d.stepRetries), [STEP_RETRY_BACKOFF_PROPERTY]: String(d.stepRetryBackoffS) } : {};
  const plans: TaskPlan[] = [];
  for (let k = 0; k < d.deployments; k++) {
    const targets: PlannedTarget[] = fleet.slice(k * d.targets, (k + 1) * d.targets).map((t) => ({ id: t.id, name: t.name }));
    const steps: PlannedStep[] = [];
    for (let s = 0; s < d.preAcquisitionSteps; s++) {
      const action: PlannedAction = {
        id: `Action-pre-${s + 1}`, name: `Before acquisition ${s + 1}`, actionType: 'Octopus.Script', isDisabled: false, packages: [], properties,
      };
      steps.push({
        id: `Step-pre-${s + 1}`, name: action.name, startTrigger: 'StartAfterPrevious', condition: 'Success',
        packageRequirement: 'BeforePackageAcquisition', targetRoles: ['web'], runOnServer: false, actions: [action], targets,
        ...(d.windowSize === undefined ? {} : { windowSize: d.windowSize }),
      });
    }
    for (let s = 0; s < d.steps; s++) {
      const action: PlannedAction = {
        id: `Action-${s + 1}`,
        name: s === 0 ? 'Deploy package' : `Script ${s + 1}`,
        actionType: s === 0 ? 'Octopus.TentaclePackage' : 'Octopus.Script',
        isDisabled: false,
        packages: s === 0 && d.packageSizeMB > 0 ? [pkg] : [],
        properties,
      };
      steps.push({
        id: `Step-${s + 1}`, name: action.name, startTrigger: 'StartAfterPrevious', condition: 'Success',
        packageRequirement: 'LetOctopusDecide', targetRoles: ['web'], runOnServer: false, actions: [action], targets,
        ...(d.windowSize === undefined ? {} : { windowSize: d.windowSize }),
      });
    }
    plans.push({
      taskId: `ServerTasks-${k + 1}`, kind: 'Deploy', description: `Deploy App release ${SIM_VERSION} (simulated deployment ${k + 1})`,
      steps, variables, skipActionIds: [],
    });
  }
  return plans;
}
