// What a running step or acquisition phase may use from its task: the plan, the clock, node creation,
// logging, fleet commands (tracked for cancel) and the shared failure flag. Implemented by TaskRun;
// kept as an interface so step-run.ts and acquisition.ts do not import task-run.ts.
import type { Clock } from '../../harness/core/clock.js';
import type { MutexWait, TargetMutex } from './target-mutex.js';
import type { ActivityNode, CommandOutcome, FleetCommand, LogCategory, PackageCache, PlannedTarget, TaskPlan } from './types.js';

export interface TaskScope {
  readonly plan: TaskPlan;
  readonly clock: Clock;
  /** Undefined when the plan bypasses the per-target mutex (OctopusBypassDeploymentMutex=True). */
  readonly mutex: TargetMutex | undefined;
  readonly serverTarget: PlannedTarget;
  /** Which package versions the targets hold (decides cached / delta transfers). */
  readonly packageCache: PackageCache;
  /** True once the task is cancelling or finished: start nothing new. */
  readonly stopped: boolean;
  /** True once any action or acquisition failed in this task. */
  readonly failed: boolean;
  newNode(parent: ActivityNode, name: string, showAtSummaryLevel: boolean): ActivityNode;
  log(node: ActivityNode, category: LogCategory, message: string): void;
  /** Sends a command to the fleet (through ServerResources when set), retrying dropped connections and
   *  retry-enabled failed steps; onDone runs once with the final outcome (never after the task finished). */
  runCommand(command: FleetCommand, node: ActivityNode, onDone: (outcome: CommandOutcome) => void): void;
  /** Registers a mutex wait so that cancelling the task withdraws it. */
  trackWait(wait: MutexWait): void;
  untrackWait(wait: MutexWait): void;
  /** Marks the task failed; the first message becomes the task's ErrorMessage. */
  fail(errorMessage: string): void;
}
