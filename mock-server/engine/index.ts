// The orchestration engine: task queue, task cap and task lifecycle over an injected Clock and Fleet.
// Written once for two clocks (ARCHITECTURE.md): callback driven, no promises, no global time, no
// timers except clock.setTimer, no I/O; per-event work is O(1) amortised.
//
// Semantics (octopus-api.md §5; details in task-run.ts, step-run.ts, acquisition.ts):
// - At most `taskCap` (default 5) tasks are Executing (Cancelling ones still hold their slot); the rest
//   wait Queued, FIFO in the order they became ready, prioritised tasks (plan.prioritized, Priority
//   "On") ahead of the others. A task with `queueTime` becomes ready then; one still Queued at
//   `queueTimeExpiry` ends TimedOut ("Timed out").
// - Per-target mutex, a deliberate choice: one *script* (action) at a time per target across tasks,
//   re-entrant for the owning task, FIFO for others, with the log line "Waiting for the script in task
//   ServerTasks-N to finish. …" (target-mutex.ts). runOnServer steps and package acquisition do not
//   take it; plan variable OctopusBypassDeploymentMutex=True lifts it for that task.
// - State changes go to options.onTaskStateChanged (Queued on submit included); every stored log line
//   to options.onLog.
// - Package transfers (cached / pull / push / Octodiff delta) are decided per target from the package
//   cache (options.packageCache, default in memory; package-transfer.ts); dropped connections and
//   retry-enabled steps are retried (retry-policy.ts, options.onRetry); commands go through
//   options.serverResources when given (the simulator's server model; absent in the live server).
import { TargetMutex } from './target-mutex.js';
import { appendLog, createNode, endNode } from './activity.js';
import { TaskRun, type TaskEnd } from './task-run.js';
import { MemoryPackageCache } from './package-transfer.js';
import type { TimerHandle } from '../../harness/core/clock.js';
import { OctobenchError } from '../../harness/core/errors.js';
import {
  COMPLETED_STATES, DEFAULT_TASK_CAP, SERVER_TARGET,
  type ActivityLogElement, type EngineOptions, type PackageCache, type TaskPlan, type TaskRuntime, type TaskState,
} from './types.js';

export * from './types.js';
export { formatOctopusDate, renderActivityLogs, renderRawLog } from './log-format.js';
export { countLogElements } from './activity.js';
export { MemoryPackageCache, planTransfer, transferBytes, deltaEnabled, DELTA_VARIABLE } from './package-transfer.js';
export { retryFor } from './retry-policy.js';

interface TaskEntry {
  plan: TaskPlan;
  runtime: TaskRuntime;
  run: TaskRun | undefined;
  timers: TimerHandle[];
}

export class Engine {
  private readonly options: EngineOptions;
  private readonly taskCap: number;
  private readonly mutex = new TargetMutex();
  private readonly packageCache: PackageCache;
  private readonly tasks = new Map<string, TaskEntry>();
  /** Ready tasks waiting for a slot: the prioritised lane first, each FIFO. */
  private readonly lanes = { prioritized: new ReadyLane(), normal: new ReadyLane() };
  private queued = 0;
  private executing = 0;
  private pumping = false;

  constructor(options: EngineOptions) {
    this.options = options;
    this.taskCap = options.taskCap ?? DEFAULT_TASK_CAP;
    this.packageCache = options.packageCache ?? new MemoryPackageCache();
    if (!Number.isInteger(this.taskCap) || this.taskCap < 1) {
      throw new OctobenchError('OCTOBENCH_ERR_INVALID_ARGUMENT', `taskCap must be a positive integer, got ${this.taskCap}`);
    }
  }

  /** Registers a task (state Queued) and starts it when a slot and its queueTime allow. */
  submit(plan: TaskPlan): TaskRuntime {
    if (this.tasks.has(plan.taskId)) throw new OctobenchError('OCTOBENCH_ERR_INTERNAL', `Engine.submit: task ${plan.taskId} already exists`);
    const clock = this.options.clock;
    const now = clock.now();
    const runtime: TaskRuntime = {
      taskId: plan.taskId,
      state: 'Queued',
      queueTime: plan.queueTime !== undefined && plan.queueTime > now ? plan.queueTime : now,
      hasWarningsOrErrors: false,
      activity: createNode(plan.taskId, plan.description, true),
    };
    const entry: TaskEntry = { plan, runtime, run: undefined, timers: [] };
    this.tasks.set(plan.taskId, entry);
    this.queued++;
    if (plan.queueTimeExpiry !== undefined) {
      entry.timers.push(clock.setTimer(plan.queueTimeExpiry - now, () => this.timeOut(entry)));
    }
    this.emit(runtime);
    if (plan.queueTime !== undefined && plan.queueTime > now) {
      entry.timers.push(clock.setTimer(plan.queueTime - now, () => this.makeReady(entry)));
    } else {
      this.makeReady(entry);
    }
    return runtime;
  }

  /** Queued → Canceled at once; Executing → Cancelling, then Canceled when its commands are done. */
  cancel(taskId: string): boolean {
    const entry = this.tasks.get(taskId);
    if (entry === undefined) return false;
    if (entry.runtime.state === 'Queued') {
      this.endQueued(entry, 'Canceled', undefined);
      return true;
    }
    return entry.runtime.state === 'Executing' && entry.run !== undefined && entry.run.cancel();
  }

  get(taskId: string): TaskRuntime | undefined {
    return this.tasks.get(taskId)?.runtime;
  }

  /** Every task the engine still remembers, in submission order. */
  all(): IterableIterator<TaskRuntime> {
    return Array.from(this.tasks.values(), (e) => e.runtime).values();
  }

  counts(): { queued: number; executing: number } {
    return { queued: this.queued, executing: this.executing };
  }

  /** Drops a completed task from memory (retention); returns false if unknown or not completed. */
  forget(taskId: string): boolean {
    const entry = this.tasks.get(taskId);
    if (entry === undefined || !COMPLETED_STATES.has(entry.runtime.state)) return false;
    return this.tasks.delete(taskId);
  }

  private makeReady(entry: TaskEntry): void {
    if (entry.runtime.state !== 'Queued') return;
    (entry.plan.prioritized === true ? this.lanes.prioritized : this.lanes.normal).push(entry);
    this.pump();
  }

  private timeOut(entry: TaskEntry): void {
    if (entry.runtime.state !== 'Queued') return;
    this.endQueued(entry, 'TimedOut', 'Timed out');
  }

  private endQueued(entry: TaskEntry, state: 'Canceled' | 'TimedOut', errorMessage: string | undefined): void {
    const { runtime } = entry;
    const now = this.options.clock.now();
    for (const t of entry.timers) t.cancel();
    this.queued--;
    runtime.state = state;
    runtime.completedTime = now;
    if (errorMessage !== undefined) runtime.errorMessage = errorMessage;
    const element: ActivityLogElement = {
      category: state === 'TimedOut' ? 'Error' : 'Info',
      occurredAt: now,
      message: state === 'TimedOut' ? 'Timed out: the task was still queued at its queue time expiry' : 'The task was canceled before it started',
    };
    appendLog(runtime.activity, element);
    this.options.onLog?.(runtime, runtime.activity, element);
    if (state === 'TimedOut') runtime.hasWarningsOrErrors = true;
    endNode(runtime.activity, state === 'TimedOut' ? 'Failed' : 'Canceled', now);
    this.emit(runtime);
    // Its entry in a ready lane (if any) is skipped lazily by pump().
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    const { prioritized, normal } = this.lanes;
    while (this.executing < this.taskCap) {
      const entry = prioritized.shift() ?? normal.shift();
      if (entry === undefined) break;
      if (entry.runtime.state === 'Queued') this.startTask(entry);
    }
    this.pumping = false;
  }

  private startTask(entry: TaskEntry): void {
    const { runtime, plan } = entry;
    const { clock, fleet, onLog } = this.options;
    for (const t of entry.timers) t.cancel();
    entry.timers.length = 0;
    this.queued--;
    this.executing++;
    runtime.state = 'Executing';
    runtime.startTime = clock.now();
    this.emit(runtime);
    entry.run = new TaskRun({
      clock,
      fleet,
      mutex: this.mutex,
      serverTarget: this.options.serverTarget ?? SERVER_TARGET,
      serverResources: this.options.serverResources,
      packageCache: this.packageCache,
      onRetry: this.options.onRetry === undefined ? undefined : ((onRetry) => (retry) => onRetry(runtime, retry))(this.options.onRetry),
      plan,
      runtime,
      onLog: onLog === undefined ? undefined : (node, element) => onLog(runtime, node, element),
      onCancelling: () => this.setState(runtime, 'Cancelling'),
      onFinished: (end, errorMessage) => this.finishTask(entry, end, errorMessage),
    });
    entry.run.start();
  }

  private finishTask(entry: TaskEntry, end: TaskEnd, errorMessage: string | undefined): void {
    const { runtime } = entry;
    this.executing--;
    runtime.completedTime = this.options.clock.now();
    if (errorMessage !== undefined) runtime.errorMessage = errorMessage;
    if (end === 'Failed') runtime.hasWarningsOrErrors = true;
    entry.run = undefined;
    this.setState(runtime, end);
    this.pump();
  }

  private setState(runtime: TaskRuntime, state: TaskState): void {
    runtime.state = state;
    this.emit(runtime);
  }

  private emit(runtime: TaskRuntime): void {
    this.options.onTaskStateChanged?.(runtime);
  }
}

/** A FIFO of ready tasks; taken from the front in O(1) amortised (the array is compacted now and then). */
class ReadyLane {
  private readonly items: TaskEntry[] = [];
  private head = 0;

  push(entry: TaskEntry): void {
    this.items.push(entry);
  }

  shift(): TaskEntry | undefined {
    if (this.head === this.items.length) return undefined;
    const entry = this.items[this.head++];
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return entry;
  }
}
