// Test helpers for the engine: a scripted Fleet (fixed durations, exact trace) and plan builders.
// The fleet is a seam implementation, not a mock of engine code.
import type { ManualClock, TimerHandle } from '../../../harness/core/clock.js';
import type {
  CommandCallbacks, CommandHandle, Fleet, FleetCommand, PlannedAction, PlannedPackage, PlannedStep, PlannedTarget, TaskPlan,
} from '../../../mock-server/engine/types.js';

export interface Script {
  ms: number;
  fail?: string;
  /** With fail: report a dropped connection (retried by the engine) instead of a failed script. */
  dropped?: boolean;
  lines?: number;
}

export function label(c: FleetCommand): string {
  return c.kind === 'run' ? `${c.taskId} run ${c.action.name}@${c.target.name}` : `${c.taskId} acquire ${c.pkg.packageId}@${c.target.name}`;
}

export class ScriptedFleet implements Fleet {
  readonly trace: string[] = [];
  commands = 0;
  private readonly t0: number;

  constructor(private readonly clock: ManualClock, private readonly script: (c: FleetCommand) => Script) {
    this.t0 = clock.now();
  }

  execute(command: FleetCommand, callbacks: CommandCallbacks): CommandHandle {
    this.commands++;
    const s = this.script(command);
    const name = label(command);
    this.trace.push(`${this.clock.now() - this.t0} start ${name}`);
    for (let i = 0; i < (s.lines ?? 0); i++) callbacks.log('Info', `${name} line ${i}`);
    const timer: TimerHandle = this.clock.setTimer(s.ms, () => {
      this.trace.push(`${this.clock.now() - this.t0} end ${name}${s.fail ? ' FAILED' : ''}`);
      callbacks.done(s.fail ? { status: 'failed', error: s.fail, ...(s.dropped ? { connectionDropped: true } : {}) } : { status: 'success' });
    });
    return {
      cancel: () => {
        timer.cancel();
        this.trace.push(`${this.clock.now() - this.t0} cancel ${name}`);
        callbacks.done({ status: 'cancelled' }); // synchronously, on purpose
      },
    };
  }
}

export const targets = (n: number, prefix = 'Web'): PlannedTarget[] =>
  Array.from({ length: n }, (_, i) => ({ id: `Machines-${prefix}-${i + 1}`, name: `${prefix}-${String(i + 1).padStart(2, '0')}` }));

export function pkg(packageId: string, sizeBytes = 1024 * 1024): PlannedPackage {
  return { referenceId: `ref-${packageId}`, packageId, version: '1.0.0', feedId: 'Feeds-1', sizeBytes, acquisitionLocation: 'Server' };
}

export function action(name: string, extra: Partial<PlannedAction> = {}): PlannedAction {
  return { id: `Action-${name}`, name, actionType: 'Octopus.Script', isDisabled: false, packages: [], properties: {}, ...extra };
}

export function step(name: string, on: PlannedTarget[], extra: Partial<PlannedStep> = {}): PlannedStep {
  return {
    id: `Step-${name}`,
    name,
    startTrigger: 'StartAfterPrevious',
    condition: 'Success',
    packageRequirement: 'LetOctopusDecide',
    targetRoles: ['web'],
    runOnServer: false,
    actions: [action(name)],
    targets: on,
    ...extra,
  };
}

export function plan(taskId: string, steps: PlannedStep[], extra: Partial<TaskPlan> = {}): TaskPlan {
  return { taskId, kind: 'Deploy', description: `Deploy ${taskId}`, steps, variables: {}, skipActionIds: [], ...extra };
}
