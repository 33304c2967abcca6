// One step of a task, from the moment its condition said "run" until every unit has finished.
// A unit is a target (each target runs all of the step's enabled actions in order, so a rolling window
// moves whole child-step sequences, §5.3) or, for runOnServer steps, one action on the server pseudo
// target (run in order, one at a time). Units start in plan order, at most `windowSize` at once
// (undefined = all). After a failure no further unit starts (those nodes become Skipped); units
// already running finish. Actions on real targets hold the per-target mutex while they run.
import { BoundedRunner } from './bounded-runner.js';
import { endNode, startNode } from './activity.js';
import type { TaskScope } from './task-scope.js';
import type { ActivityNode, CommandOutcome, PlannedAction, PlannedStep, PlannedTarget } from './types.js';

export interface StepEntry {
  step: PlannedStep;
  /** 1-based position in the plan ("Step N: …"). */
  number: number;
  node: ActivityNode;
  /** The step's actions minus disabled and skipped ones. */
  actions: PlannedAction[];
}

export const waitMessage = (ownerTaskId: string): string =>
  `Waiting for the script in task ${ownerTaskId} to finish. This script requires that no other Octopus scripts are executing on this target at the same time.`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export class StepRun {
  private readonly units: ActivityNode[] = [];
  private runner: BoundedRunner | undefined;
  private stepFailed = false;

  constructor(
    private readonly scope: TaskScope,
    private readonly entry: StepEntry,
    private readonly onDone: () => void,
  ) {}

  start(): void {
    const { step, node, actions } = this.entry;
    const scope = this.scope;
    startNode(node, scope.clock.now());
    let limit: number;
    if (step.runOnServer) {
      scope.log(node, 'Info', `Running ${plural(actions.length, 'action')} on the ${scope.serverTarget.name}`);
      for (const action of actions) this.units.push(scope.newNode(node, action.name, false));
      limit = 1;
    } else {
      const window = step.windowSize;
      const rolling = window !== undefined && window < step.targets.length;
      scope.log(node, 'Info', `Deploying to ${plural(step.targets.length, 'target')}${rolling ? `, ${window} at a time (rolling window)` : ''}`);
      for (const target of step.targets) this.units.push(scope.newNode(node, target.name, false));
      limit = window !== undefined && window >= 1 ? window : Math.max(1, step.targets.length);
    }
    this.runner = new BoundedRunner(this.units.length, limit, (i, done) => this.startUnit(i, done), (n) => this.finish(n));
    this.runner.begin();
  }

  private startUnit(index: number, unitDone: () => void): void {
    if (this.scope.stopped) return unitDone();
    const unitNode = this.units[index]!;
    startNode(unitNode, this.scope.clock.now());
    const { step, actions } = this.entry;
    if (step.runOnServer) {
      this.runAction(unitNode, this.scope.serverTarget, [actions[index]!], 0, unitDone);
    } else {
      this.runAction(unitNode, step.targets[index]!, actions, 0, unitDone);
    }
  }

  private runAction(unitNode: ActivityNode, target: PlannedTarget, actions: PlannedAction[], k: number, unitDone: () => void): void {
    const scope = this.scope;
    if (scope.stopped) return unitDone();
    if (k === actions.length) {
      scope.log(unitNode, 'Info', `Step succeeded on ${target.name}`);
      endNode(unitNode, 'Success', scope.clock.now());
      return unitDone();
    }
    const action = actions[k]!;
    const { step } = this.entry;
    const mutex = step.runOnServer ? undefined : scope.mutex;
    const run = (): void => {
      const command = { kind: 'run', taskId: scope.plan.taskId, target, step, action, variables: scope.plan.variables } as const;
      scope.runCommand(command, unitNode, (outcome) => {
        mutex?.release(target.id);
        this.afterAction(outcome, unitNode, target, actions, k, unitDone);
      });
    };
    if (mutex === undefined) return run();
    const wait = mutex.acquire(target.id, scope.plan.taskId, () => {
      scope.untrackWait(wait!);
      run();
    });
    if (wait === undefined) return run();
    scope.trackWait(wait);
    scope.log(unitNode, 'Wait', waitMessage(wait.ownerTaskId));
  }

  private afterAction(outcome: CommandOutcome, unitNode: ActivityNode, target: PlannedTarget, actions: PlannedAction[], k: number, unitDone: () => void): void {
    const scope = this.scope;
    if (outcome.status === 'success') return this.runAction(unitNode, target, actions, k + 1, unitDone);
    if (outcome.status === 'cancelled' && scope.stopped) return unitDone();
    const error = outcome.status === 'failed' ? outcome.error : 'The command was cancelled by the target';
    const action = actions[k]!;
    scope.log(unitNode, 'Error', `Step failed on ${target.name}: ${error}`);
    endNode(unitNode, 'Failed', scope.clock.now());
    this.stepFailed = true;
    const { step, number } = this.entry;
    const what = actions.length > 1 || step.runOnServer ? `action "${action.name}" of step ${number} "${step.name}"` : `step ${number} "${step.name}"`;
    scope.fail(`The deployment failed because ${what} failed on ${target.name}: ${error}`);
    this.runner?.stop();
    unitDone();
  }

  private finish(started: number): void {
    const scope = this.scope;
    if (scope.stopped) return this.onDone();
    const now = scope.clock.now();
    for (let i = started; i < this.units.length; i++) {
      const unitNode = this.units[i]!;
      scope.log(unitNode, 'Info', 'Skipped: the step failed on another target before this one started');
      endNode(unitNode, 'Skipped', now);
    }
    endNode(this.entry.node, this.stepFailed ? 'Failed' : 'Success', now);
    this.onDone();
  }
}
