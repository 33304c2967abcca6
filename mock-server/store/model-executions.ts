// The data model, part 2: runbooks and their snapshots, releases, and the executions (deployments,
// runbook runs) with their ServerTask records. Re-exported by model.ts; same conventions.
import type { GuidedFailureMode, TenantedDeploymentMode } from './model.js';

export interface Runbook {
  Id: string;
  SpaceId: string;
  ProjectId: string;
  Name: string;
  Slug: string;
  Description: string;
  RunbookProcessId: string;
  PublishedRunbookSnapshotId: string | null;
  MultiTenancyMode: TenantedDeploymentMode;
  EnvironmentScope: 'All' | 'Specified' | 'FromProjectLifecycles';
  Environments: string[];
  DefaultGuidedFailureMode: GuidedFailureMode;
  ForcePackageDownload: boolean;
}

export interface RunbookSnapshot {
  Id: string;
  SpaceId: string;
  ProjectId: string;
  RunbookId: string;
  Name: string;
  Notes: string | null;
  Assembled: string;
  FrozenRunbookProcessId: string;
  FrozenProjectVariableSetId: string;
  SelectedPackages: SelectedPackage[];
}

export interface SelectedPackage {
  ActionName: string;
  StepName: string;
  PackageReferenceName: string;
  Version: string;
}

export interface Release {
  Id: string;
  SpaceId: string;
  ProjectId: string;
  ChannelId: string;
  Version: string;
  ReleaseNotes: string | null;
  Assembled: string;
  IgnoreChannelRules: boolean;
  ProjectDeploymentProcessSnapshotId: string;
  ProjectVariableSetSnapshotId: string;
  LibraryVariableSetSnapshotIds: string[];
  SelectedPackages: SelectedPackage[];
}

/** Fields common to deployments and runbook runs. */
export interface ExecutionBase {
  Id: string;
  SpaceId: string;
  ProjectId: string;
  EnvironmentId: string;
  TenantId: string | null;
  TaskId: string;
  Name: string;
  Created: string;
  ForcePackageDownload: boolean;
  UseGuidedFailure: boolean;
  SkipActions: string[];
  SpecificMachineIds: string[];
  ExcludedMachineIds: string[];
  FormValues: Record<string, string>;
  QueueTime: string | null;
  QueueTimeExpiry: string | null;
  Comments: string | null;
  DeployedById: string;
  DeployedBy: string;
  DeployedToMachineIds: string[];
  FailureEncountered: boolean;
  /** Priority "On" jumps the task queue; LifecycleDefault is Off here (the fixture's lifecycles set none). */
  Priority: ExecutionPriority;
  /** Recorded and rendered; the reference server's logs do not change with it. */
  DebugMode: ExecutionDebugMode;
}

export const EXECUTION_PRIORITIES = ['LifecycleDefault', 'On', 'Off'] as const;
export type ExecutionPriority = (typeof EXECUTION_PRIORITIES)[number];
export const EXECUTION_DEBUG_MODES = ['None', 'Log', 'Debug'] as const;
export type ExecutionDebugMode = (typeof EXECUTION_DEBUG_MODES)[number];

export interface Deployment extends ExecutionBase {
  ReleaseId: string;
  ChannelId: string;
  DeploymentProcessId: string;
  ForcePackageRedeployment: boolean;
  ManifestVariableSetId: string;
}

export interface RunbookRun extends ExecutionBase {
  RunbookId: string;
  RunbookSnapshotId: string;
  FrozenRunbookProcessId: string;
}

/** The server's record of a task; its live state (State, times, log) comes from the engine. */
export interface ServerTaskRecord {
  Id: string;
  SpaceId: string;
  Name: 'Deploy' | 'RunbookRun';
  Description: string;
  Arguments: { DeploymentId?: string; RunbookRunId?: string };
  ProjectId: string;
  EnvironmentId: string;
  TenantId: string | null;
  DeploymentId: string | null;
  RunbookRunId: string | null;
  QueueTime: string;
  QueueTimeExpiry: string | null;
}
