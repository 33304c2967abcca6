// The orchestration engine's contract: what a task plan is, the seams it runs against (Clock, Fleet,
// ServerResources) and what it exposes (task state and the activity tree). The engine is written once
// and runs in real time inside the server and in virtual time inside the simulator; it never reads a
// global clock, never sets a timer itself and never does I/O itself.
import type { Clock } from '../../harness/core/clock.js';

export type TaskState = 'Queued' | 'Executing' | 'Failed' | 'Canceled' | 'TimedOut' | 'Success' | 'Cancelling';
export type StartTrigger = 'StartAfterPrevious' | 'StartWithPrevious';
export type StepCondition = 'Success' | 'Failure' | 'Always' | 'Variable';
export type PackageRequirement = 'LetOctopusDecide' | 'BeforePackageAcquisition' | 'AfterPackageAcquisition';
export type AcquisitionLocation = 'Server' | 'ExecutionTarget' | 'NotAcquired';
export type ActivityStatus = 'Pending' | 'Running' | 'Success' | 'Failed' | 'Skipped' | 'SuccessWithWarning' | 'Canceled';
export type LogCategory =
  | 'Trace' | 'Verbose' | 'Info' | 'Highlight' | 'Wait' | 'Gap' | 'Alert' | 'Warning' | 'Error' | 'Fatal'
  | 'Planned' | 'Updated' | 'Finished' | 'Abandoned';

export interface PlannedTarget {
  id: string;
  name: string;
}

export interface PlannedPackage {
  /** Package reference id (GUID) within the action. */
  referenceId: string;
  packageId: string;
  version: string;
  feedId: string;
  sizeBytes: number;
  acquisitionLocation: AcquisitionLocation;
  /** Fraction of the package's content that changed since the previous version (delta compression);
   *  unknown → a push sends the whole package. Used when `changedFractionSince` has no entry for a
   *  cached version (the simulator's single figure). */
  changedFraction?: number;
  /** Fraction changed relative to each older version of the package that the feed knows (the store
   *  plans it from its versions; a version not listed differs entirely); the delta basis is the cached
   *  version with the smallest entry. */
  changedFractionSince?: Record<string, number>;
  /** How the real bytes of this version are generated (live server): the version's position in the
   *  package's version series and the fraction of blocks each step changes (tentacle/package-files.ts). */
  content?: PackageContent;
}

/** Position of a version in its package's series; versions i and j differ in ≈ min(1, |i−j|·changeFraction) of their blocks. */
export interface PackageContent {
  index: number;
  changeFraction: number;
}

export interface PlannedAction {
  id: string;
  name: string;
  actionType: string;
  isDisabled: boolean;
  packages: PlannedPackage[];
  properties: Record<string, string>;
}

export interface PlannedStep {
  id: string;
  name: string;
  startTrigger: StartTrigger;
  condition: StepCondition;
  /** For condition 'Variable': the variable whose value ("True"/"False") decides. */
  conditionVariable?: string;
  packageRequirement: PackageRequirement;
  targetRoles: string[];
  /** Rolling window: how many targets run this step at once (Octopus.Action.MaxParallelism); undefined = unbounded. */
  windowSize?: number;
  /** True for steps that run once on the server (or a worker) instead of on each target. */
  runOnServer: boolean;
  actions: PlannedAction[];
  /** Targets this step runs on, resolved from roles, environment, tenant and machine filters. */
  targets: PlannedTarget[];
}

export interface TaskPlan {
  taskId: string;
  kind: 'Deploy' | 'RunbookRun';
  /** Activity-tree root name, e.g. "Deploy OctoPetShop release 1.2.3 to Development". */
  description: string;
  steps: PlannedStep[];
  /** Variables in scope (project + system); the engine reads Octopus.Acquire.MaxParallelism,
   *  Octopus.Action.MaxParallelism and step-condition variables from here. */
  variables: Record<string, string>;
  /** Action ids to skip (SkipActions / SkipStepNames). */
  skipActionIds: string[];
  /** Epoch ms after which a task still queued times out (QueueTimeExpiry). */
  queueTimeExpiry?: number;
  /** Epoch ms before which the task does not start (QueueTime / RunAt). */
  queueTime?: number;
  /** Priority "On": once ready, the task starts before every ready task that is not prioritised
   *  (first come, first served among prioritised ones). */
  prioritized?: boolean;
}

/**
 * How a package reaches a target (package-transfer.ts decides): already in the target's package cache
 * (nothing moves), pulled by the target from the feed, pushed whole by the server, or pushed as an
 * Octodiff delta against a version the target has (the target sends its signature first).
 */
export type PackageTransfer =
  | { kind: 'cached' }
  | { kind: 'pull'; bytes: number }
  | { kind: 'push'; bytes: number; reason: 'no-basis' | 'delta-disabled' | 'too-different' | 'unknown-change' }
  | { kind: 'delta'; basisVersion: string; signatureBytes: number; deltaBytes: number; packageBytes: number };

/** What the engine asks a target (or the server-side worker) to do. */
export type FleetCommand =
  | { kind: 'acquire'; taskId: string; target: PlannedTarget; pkg: PlannedPackage; transfer: PackageTransfer }
  | { kind: 'run'; taskId: string; target: PlannedTarget; step: PlannedStep; action: PlannedAction; variables: Record<string, string> };

export type CommandOutcome =
  | { status: 'success' }
  | { status: 'failed'; error: string; connectionDropped?: boolean }
  | { status: 'cancelled' };

/** What a command reports to. Often a class instance (one object per command in flight): call its
 *  methods on it, never detached or copied with a spread. */
export interface CommandCallbacks {
  /** A log line produced by the command, attributed to the command's activity node. */
  log(category: LogCategory, message: string): void;
  /** Output the target produced and the server ingested, counted but not stored line by line (modelled
   *  fleets with thousands of targets); the engine passes it to ServerResources.ingestLog. */
  logVolume?(lines: number, bytes: number): void;
  /** Called exactly once. */
  done(outcome: CommandOutcome): void;
}

export interface CommandHandle {
  cancel(): void;
}

/** The seam to the deployment targets: live (polling agents), embedded (modelled time) or simulated. */
export interface Fleet {
  execute(command: FleetCommand, callbacks: CommandCallbacks): CommandHandle;
}

/**
 * The server's own costs (CPU, in-flight bookkeeping) around the commands it sends. Live server: absent
 * (the real process pays them). Simulator: a calibrated model, so that too much parallelism makes the
 * server the bottleneck. `execute` must call `fleet.execute(command, …)` at most once (after the CPU to
 * prepare it is spent), may delay `done` (e.g. until a push is streamed) and must honour cancel before
 * and after dispatch.
 */
export interface ServerResources {
  execute(command: FleetCommand, fleet: Fleet, callbacks: CommandCallbacks): CommandHandle;
  /** Log lines (and their bytes) the server stored for a task: the engine's own, the fleet's and logVolume. */
  ingestLog(taskId: string, lines: number, bytes: number): void;
}

/** Which package versions each target holds (Calamari's package cache, as the server learns it). */
export interface PackageCache {
  /** Versions of packageId cached on the target, oldest first. */
  versions(targetId: string, packageId: string): readonly string[];
  add(targetId: string, packageId: string, version: string): void;
}

/** A retry the engine scheduled: a dropped connection or a failed step that allows retries. */
export interface CommandRetry {
  command: FleetCommand;
  /** 1 for the first retry. */
  attempt: number;
  reason: 'connection-dropped' | 'step-failed';
  delayMs: number;
}

export interface ActivityLogElement {
  category: LogCategory;
  occurredAt: number;
  message: string;
}

/** One node of a task's activity tree: task → step → target/action → log lines. */
export interface ActivityNode {
  id: string;
  name: string;
  status: ActivityStatus;
  started?: number;
  ended?: number;
  showAtSummaryLevel: boolean;
  children: ActivityNode[];
  logElements: ActivityLogElement[];
}

/** The engine's view of one task: state, times and the activity tree. */
export interface TaskRuntime {
  taskId: string;
  state: TaskState;
  queueTime: number;
  startTime?: number;
  completedTime?: number;
  errorMessage?: string;
  hasWarningsOrErrors: boolean;
  activity: ActivityNode;
}

export interface EngineOptions {
  clock: Clock;
  fleet: Fleet;
  /** Concurrent executing tasks (default 5, Octopus' per-node task cap). */
  taskCap?: number;
  /** Called after every task state change (for counters, waiters, the simulator's metrics). */
  onTaskStateChanged?: (task: TaskRuntime) => void;
  /** Called after every log line the engine stores (fleet lines and its own), e.g. for log-volume metrics. */
  onLog?: (task: TaskRuntime, node: ActivityNode, element: ActivityLogElement) => void;
  /** The pseudo target that runOnServer steps run on (default SERVER_TARGET). */
  serverTarget?: PlannedTarget;
  /** The server's modelled costs (simulator); absent in the live server. */
  serverResources?: ServerResources;
  /** Target package caches (default: an in-memory cache filled by successful acquisitions). */
  packageCache?: PackageCache;
  /** Called when the engine schedules a retry (for retried-target metrics). */
  onRetry?: (task: TaskRuntime, retry: CommandRetry) => void;
}

/** Where runOnServer steps run: the built-in worker on the Octopus Server. Not under the per-target mutex. */
export const SERVER_TARGET: PlannedTarget = Object.freeze({ id: 'octopus-server', name: 'Octopus Server' });
export const DEFAULT_STEP_MAX_PARALLELISM = 10;

export const DEFAULT_TASK_CAP = 5;
export const DEFAULT_ACQUIRE_MAX_PARALLELISM = 10;
/** Halibut: a dropped connection is retried 5 times, 1 s apart (octopus-api.md §5.5). */
export const CONNECTION_RETRY_LIMIT = 5;
export const CONNECTION_RETRY_DELAY_MS = 1000;
/** Step retries (assumed from Octopus' step "Retries" option): action properties, backoff in seconds. */
export const STEP_RETRY_COUNT_PROPERTY = 'Octopus.Action.AutoRetry.MaximumCount';
export const STEP_RETRY_BACKOFF_PROPERTY = 'Octopus.Action.AutoRetry.MinimumBackoff';
export const DEFAULT_STEP_RETRY_BACKOFF_S = 15;
/** Above this changed fraction a delta is not worth it and the whole package is pushed (§5.4). */
export const DELTA_FULL_THRESHOLD = 0.8;
/** An Octodiff signature is about 1.3 % of the file (Octodiff README, §5.4). */
export const OCTODIFF_SIGNATURE_RATIO = 0.013;
export const COMPLETED_STATES: ReadonlySet<TaskState> = new Set(['Success', 'Failed', 'Canceled', 'TimedOut']);
