// One executing task: builds its stages from the plan, runs them in order and reports how it ended.
// Stages: the steps marked BeforePackageAcquisition (in plan order), then "Acquire packages" (when
// anything needs acquiring), then the remaining steps. Steps form groups: a StartWithPrevious step
// joins the group of the step before it; a group runs its steps in parallel (at most
// Octopus.Action.MaxParallelism, default 10) and the next group waits for the whole group.
// A step's condition is evaluated when it is about to start: Success runs only if nothing has failed,
// Failure only if something has, Always always (none of them after a cancel), Variable when its
// expression (`#{Name}`, a variable name or a literal) is "True" in any case, regardless of failures. Cancel: stop starting work, withdraw mutex waits, cancel every running command,
// and end as Canceled once every command has reported done.
// Commands go to the fleet through ServerResources when set (the simulator's server model); a failed
// outcome may be retried after a delay (retry-policy.ts), the retry wait being tracked like a command
// so that cancel ends it. Every stored log line is reported to ServerResources.ingestLog.
import type { Clock } from '../../harness/core/clock.js';
import { retryFor } from './retry-policy.js';
import { appendLog, createNode, endNode, endOpenNodes, startNode } from './activity.js';
import { AcquisitionRun, planAcquisitions, type TargetAcquisitions } from './acquisition.js';
import { BoundedRunner } from './bounded-runner.js';
import { CommandList } from './command-list.js';
import { CommandAttempt, NO_RETRIES, type AttemptHost, type RetryCounts } from './command-attempt.js';
import { StepRun, type StepEntry } from './step-run.js';
import type { MutexWait, TargetMutex } from './target-mutex.js';
import type { TaskScope } from './task-scope.js';
import {
  DEFAULT_ACQUIRE_MAX_PARALLELISM, DEFAULT_STEP_MAX_PARALLELISM,
  type ActivityLogElement, type ActivityNode, type CommandOutcome,
  type CommandRetry, type Fleet, type FleetCommand, type LogCategory, type PackageCache, type PlannedTarget,
  type ServerResources, type TaskPlan, type TaskRuntime,
} from './types.js';

export type TaskEnd = 'Success' | 'Failed' | 'Canceled';

export interface TaskRunDeps {
  clock: Clock;
  fleet: Fleet;
  mutex: TargetMutex;
  serverTarget: PlannedTarget;
  serverResources: ServerResources | undefined;
  packageCache: PackageCache;
  onRetry: ((retry: CommandRetry) => void) | undefined;
  plan: TaskPlan;
  runtime: TaskRuntime;
  onLog: ((node: ActivityNode, element: ActivityLogElement) => void) | undefined;
  onCancelling: () => void;
  onFinished: (end: TaskEnd, errorMessage: string | undefined) => void;
}

type Stage = { kind: 'steps'; entries: StepEntry[] } | { kind: 'acquire'; node: ActivityNode; groups: TargetAcquisitions[] };

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

/**
 * The value a Variable condition tests: `#{Name}` → variables[Name]; a bare variable name → its value;
 * anything else is taken literally ("True"). Richer Octostache expressions are not evaluated.
 */
export function conditionValue(expression: string | undefined, variables: Record<string, string>): string | undefined {
  if (expression === undefined) return undefined;
  const ref = /^\s*#\{\s*([^}]+?)\s*\}\s*$/.exec(expression);
  if (ref !== null) return variables[ref[1]!];
  return Object.hasOwn(variables, expression) ? variables[expression] : expression;
}

/** A positive integer variable, or the default when unset or malformed. */
export function positiveIntVariable(variables: Record<string, string>, name: string, fallback: number): number {
  const n = Number(variables[name]);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

export class TaskRun implements TaskScope, AttemptHost {
  readonly plan: TaskPlan;
  readonly clock: Clock;
  readonly mutex: TargetMutex | undefined;
  readonly serverTarget: PlannedTarget;
  readonly packageCache: PackageCache;
  stopped = false;
  failed = false;
  private cancelling = false;
  private errorMessage: string | undefined;
  private nodeSeq = 0;
  private readonly running = new CommandList();
  private readonly waits = new Set<MutexWait>();
  private readonly stages: Stage[] = [];
  private readonly stepParallelism: number;

  constructor(private readonly deps: TaskRunDeps) {
    this.plan = deps.plan;
    this.clock = deps.clock;
    this.serverTarget = deps.serverTarget;
    this.packageCache = deps.packageCache;
    this.mutex = isTrue(deps.plan.variables['OctopusBypassDeploymentMutex']) ? undefined : deps.mutex;
    this.stepParallelism = positiveIntVariable(deps.plan.variables, 'Octopus.Action.MaxParallelism', DEFAULT_STEP_MAX_PARALLELISM);
  }

  start(): void {
    this.buildStages();
    startNode(this.deps.runtime.activity, this.clock.now());
    this.runStage(0);
  }

  /** Returns false when the task already finished or is already cancelling. */
  cancel(): boolean {
    if (this.stopped) return false;
    this.stopped = true;
    this.cancelling = true;
    this.deps.onCancelling();
    for (const wait of this.waits) wait.cancel();
    this.waits.clear();
    for (const record of this.running.snapshot()) if (!record.settled) record.handle?.cancel();
    this.finishCancelIfIdle();
    return true;
  }

  newNode(parent: ActivityNode, name: string, showAtSummaryLevel: boolean): ActivityNode {
    const node = createNode(`${this.plan.taskId}_${++this.nodeSeq}`, name, showAtSummaryLevel);
    parent.children.push(node);
    return node;
  }

  log(node: ActivityNode, category: LogCategory, message: string): void {
    const element: ActivityLogElement = { category, occurredAt: this.clock.now(), message };
    appendLog(node, element);
    if (category === 'Warning' || category === 'Error' || category === 'Fatal') this.deps.runtime.hasWarningsOrErrors = true;
    this.deps.serverResources?.ingestLog(this.plan.taskId, 1, message.length);
    this.deps.onLog?.(node, element);
  }

  runCommand(command: FleetCommand, node: ActivityNode, onDone: (outcome: CommandOutcome) => void): void {
    this.attempt(command, node, NO_RETRIES, onDone);
  }

  /** Log output the fleet counted but did not send line by line (AttemptHost). */
  logVolume(lines: number, bytes: number): void {
    this.deps.serverResources?.ingestLog(this.plan.taskId, lines, bytes);
  }

  /** A command attempt reported its outcome (AttemptHost): retry it, or hand the outcome on. */
  attemptDone(attempt: CommandAttempt, outcome: CommandOutcome): void {
    this.running.settle(attempt);
    const retry = this.stopped ? undefined : retryFor(attempt.command, outcome, attempt.previous);
    if (retry === undefined) attempt.onDone(outcome);
    else this.scheduleRetry(retry, outcome, attempt.node, attempt.previous, attempt.onDone);
    this.finishCancelIfIdle();
  }

  private attempt(command: FleetCommand, node: ActivityNode, previous: RetryCounts, onDone: (outcome: CommandOutcome) => void): void {
    const attempt = this.running.track(new CommandAttempt(this, command, node, previous, onDone));
    const resources = this.deps.serverResources;
    const handle = resources === undefined ? this.deps.fleet.execute(command, attempt) : resources.execute(command, this.deps.fleet, attempt);
    if (attempt.settled) return;
    attempt.handle = handle;
    if (this.cancelling) handle.cancel();
  }

  /** Logs the retry, waits its delay (a tracked record, so cancel ends the wait) and tries again. */
  private scheduleRetry(retry: CommandRetry, outcome: CommandOutcome, node: ActivityNode, previous: RetryCounts, onDone: (outcome: CommandOutcome) => void): void {
    const dropped = retry.reason === 'connection-dropped';
    const error = outcome.status === 'failed' ? outcome.error : '';
    this.log(node, 'Warning', `${dropped ? 'The connection to the target dropped' : 'The script failed'} (${error}); retrying in ${retry.delayMs / 1000} s (retry ${retry.attempt})`);
    this.deps.onRetry?.(retry);
    const next: RetryCounts = dropped ? { dropped: previous.dropped + 1, failed: previous.failed } : { dropped: previous.dropped, failed: previous.failed + 1 };
    const record = this.running.track();
    const timer = this.clock.setTimer(retry.delayMs, () => {
      if (record.settled) return;
      this.running.settle(record);
      this.attempt(retry.command, node, next, onDone);
    });
    record.handle = {
      cancel: () => {
        if (record.settled) return;
        timer.cancel();
        this.running.settle(record);
        onDone({ status: 'cancelled' });
        this.finishCancelIfIdle();
      },
    };
  }

  trackWait(wait: MutexWait): void {
    this.waits.add(wait);
  }

  untrackWait(wait: MutexWait): void {
    this.waits.delete(wait);
  }

  fail(errorMessage: string): void {
    this.failed = true;
    this.errorMessage ??= errorMessage;
  }

  private buildStages(): void {
    const root = this.deps.runtime.activity;
    const skip = new Set(this.plan.skipActionIds);
    const entries: StepEntry[] = this.plan.steps.map((step, i) => ({
      step,
      number: i + 1,
      node: createNode('', `Step ${i + 1}: ${step.name}`, true),
      actions: step.actions.filter((a) => !a.isDisabled && !skip.has(a.id)),
    }));
    const pre = entries.filter((e) => e.step.packageRequirement === 'BeforePackageAcquisition');
    const post = entries.filter((e) => e.step.packageRequirement !== 'BeforePackageAcquisition');
    const adopt = (e: StepEntry): void => {
      e.node.id = `${this.plan.taskId}_${++this.nodeSeq}`;
      root.children.push(e.node);
    };
    pre.forEach(adopt);
    this.pushGroups(pre);
    const mayRun = post.filter((e) => e.step.condition !== 'Variable' || isTrue(conditionValue(e.step.conditionVariable, this.plan.variables)));
    const groups = planAcquisitions(mayRun, this.serverTarget);
    if (groups.length > 0) this.stages.push({ kind: 'acquire', node: this.newNode(root, 'Acquire packages', true), groups });
    post.forEach(adopt);
    this.pushGroups(post);
  }

  private pushGroups(entries: StepEntry[]): void {
    let current: StepEntry[] | undefined;
    for (const entry of entries) {
      if (current === undefined || entry.step.startTrigger !== 'StartWithPrevious') {
        current = [];
        this.stages.push({ kind: 'steps', entries: current });
      }
      current.push(entry);
    }
  }

  private runStage(index: number): void {
    if (this.stopped) return;
    const stage = this.stages[index];
    if (stage === undefined) return this.complete();
    const next = (): void => this.runStage(index + 1);
    if (stage.kind === 'acquire') {
      const parallelism = positiveIntVariable(this.plan.variables, 'Octopus.Acquire.MaxParallelism', DEFAULT_ACQUIRE_MAX_PARALLELISM);
      return new AcquisitionRun(this, stage.node, stage.groups, parallelism, next).start();
    }
    const { entries } = stage;
    new BoundedRunner(entries.length, this.stepParallelism, (j, done) => this.runStep(entries[j]!, done), next).begin();
  }

  private runStep(entry: StepEntry, done: () => void): void {
    if (this.stopped) return done();
    const reason = this.skipReason(entry);
    if (reason === undefined) return new StepRun(this, entry, done).start();
    this.log(entry.node, 'Info', `Skipped: ${reason}`);
    endNode(entry.node, 'Skipped', this.clock.now());
    done();
  }

  private skipReason({ step, actions }: StepEntry): string | undefined {
    switch (step.condition) {
      case 'Success':
        if (this.failed) return 'a previous step failed';
        break;
      case 'Failure':
        if (!this.failed) return 'this step runs only when a previous step failed';
        break;
      case 'Variable': {
        const value = conditionValue(step.conditionVariable, this.plan.variables);
        if (!isTrue(value)) return `the condition ${step.conditionVariable ?? '(none)'} is "${value ?? ''}", not True`;
        break;
      }
      case 'Always':
        break;
    }
    if (actions.length === 0) return 'all of its actions are disabled or excluded';
    if (!step.runOnServer && step.targets.length === 0) return 'no targets matched its roles';
    return undefined;
  }

  private complete(): void {
    this.stopped = true;
    const root = this.deps.runtime.activity;
    if (this.failed) this.log(root, 'Error', this.errorMessage ?? 'The deployment failed');
    endNode(root, this.failed ? 'Failed' : 'Success', this.clock.now());
    this.deps.onFinished(this.failed ? 'Failed' : 'Success', this.errorMessage);
  }

  private finishCancelIfIdle(): void {
    if (!this.cancelling || this.running.size > 0) return;
    this.cancelling = false;
    const root = this.deps.runtime.activity;
    this.log(root, 'Info', 'The task was canceled');
    endOpenNodes(root, 'Canceled', this.clock.now());
    this.deps.onFinished('Canceled', this.errorMessage);
  }
}
