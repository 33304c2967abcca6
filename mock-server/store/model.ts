// The reference server's data model: one interface per Octopus resource, in Octopus' own PascalCase
// field names (octopus-api.md §4) so the API layers can render them with little mapping. `Links` are
// not stored: the API layers compute them. Timestamps are ISO 8601 strings with an offset.
import type { AcquisitionLocation, PackageRequirement, StartTrigger, StepCondition } from '../engine/types.js';

export type * from './model-executions.js';

export type TenantedDeploymentMode = 'Untenanted' | 'TenantedOrUntenanted' | 'Tenanted';
export type TenantedParticipation = 'Untenanted' | 'TenantedOrUntenanted' | 'Tenanted';
export type GuidedFailureMode = 'EnvironmentDefault' | 'Off' | 'On';
export type CommunicationStyle = 'TentaclePassive' | 'TentacleActive';

export interface Space {
  Id: string;
  Name: string;
  Slug: string;
  Description: string;
  IsDefault: boolean;
  IsPrivate: boolean;
  TaskQueueStopped: boolean;
  SpaceManagersTeams: string[];
  SpaceManagersTeamMembers: string[];
}

export interface User {
  Id: string;
  Username: string;
  DisplayName: string;
  IsActive: boolean;
  IsService: boolean;
  EmailAddress: string;
  Created: string;
}

export interface ProjectGroup {
  Id: string;
  SpaceId: string;
  Name: string;
  Slug: string;
  Description: string;
}

export interface LifecyclePhase {
  Id: string;
  Name: string;
  AutomaticDeploymentTargets: string[];
  OptionalDeploymentTargets: string[];
  MinimumEnvironmentsBeforePromotion: number;
  IsOptionalPhase: boolean;
}

export interface Lifecycle {
  Id: string;
  SpaceId: string;
  Name: string;
  Slug: string;
  Description: string;
  /** Empty = every environment of the space is allowed (permissive lifecycle). */
  Phases: LifecyclePhase[];
}

export interface VersioningStrategy {
  Template: string | null;
  DonorPackage: { DeploymentAction: string; PackageReference: string } | null;
}

export interface Project {
  Id: string;
  SpaceId: string;
  Name: string;
  Slug: string;
  Description: string;
  IsDisabled: boolean;
  ProjectGroupId: string;
  LifecycleId: string;
  VariableSetId: string;
  DeploymentProcessId: string;
  TenantedDeploymentMode: TenantedDeploymentMode;
  DefaultGuidedFailureMode: GuidedFailureMode;
  VersioningStrategy: VersioningStrategy;
  ReleaseNotesTemplate: string | null;
  DefaultToSkipIfAlreadyInstalled: boolean;
  ForcePackageDownload: boolean;
  IncludedLibraryVariableSetIds: string[];
}

export interface Channel {
  Id: string;
  SpaceId: string;
  ProjectId: string;
  Name: string;
  Slug: string;
  Description: string;
  LifecycleId: string | null;
  IsDefault: boolean;
}

export interface PackageReference {
  Id: string;
  Name: string;
  PackageId: string;
  FeedId: string;
  AcquisitionLocation: AcquisitionLocation;
  Properties: Record<string, string>;
}

export interface DeploymentAction {
  Id: string;
  Name: string;
  Slug: string;
  ActionType: string;
  IsDisabled: boolean;
  IsRequired: boolean;
  Environments: string[];
  ExcludedEnvironments: string[];
  Channels: string[];
  TenantTags: string[];
  Properties: Record<string, string>;
  Packages: PackageReference[];
}

export interface DeploymentStep {
  Id: string;
  Name: string;
  Slug: string;
  PackageRequirement: PackageRequirement;
  /** Includes `Octopus.Action.TargetRoles` (comma list) and optionally `Octopus.Action.MaxParallelism`. */
  Properties: Record<string, string>;
  Condition: StepCondition;
  StartTrigger: StartTrigger;
  Actions: DeploymentAction[];
}

/** A project's deployment process, a runbook's process, or a frozen snapshot of either. */
export interface DeploymentProcess {
  Id: string;
  SpaceId: string;
  ProjectId: string;
  /** Set for runbook processes. */
  RunbookId?: string;
  Version: number;
  LastSnapshotId: string | null;
  Steps: DeploymentStep[];
}

export interface Environment {
  Id: string;
  SpaceId: string;
  Name: string;
  Slug: string;
  Description: string;
  SortOrder: number;
  UseGuidedFailure: boolean;
  AllowDynamicInfrastructure: boolean;
}

export interface Tenant {
  Id: string;
  SpaceId: string;
  Name: string;
  Slug: string;
  Description: string;
  TenantTags: string[];
  /** projectId → environment ids the tenant is connected to. */
  ProjectEnvironments: Record<string, string[]>;
}

export interface MachineEndpoint {
  CommunicationStyle: CommunicationStyle;
  Uri: string | null;
  Thumbprint: string;
}

export interface Machine {
  Id: string;
  SpaceId: string;
  Name: string;
  Slug: string;
  EnvironmentIds: string[];
  Roles: string[];
  TenantedDeploymentParticipation: TenantedParticipation;
  TenantIds: string[];
  TenantTags: string[];
  Thumbprint: string;
  Uri: string | null;
  IsDisabled: boolean;
  MachinePolicyId: string;
  HealthStatus: 'Healthy' | 'Unhealthy' | 'HasWarnings' | 'Unavailable' | 'Unknown';
  Endpoint: MachineEndpoint;
}

export interface Feed {
  Id: string;
  SpaceId: string;
  Name: string;
  Slug: string;
  FeedType: 'BuiltIn';
}

export interface PackageVersion {
  FeedId: string;
  PackageId: string;
  Version: string;
  SizeBytes: number;
  Published: string;
}

export interface Variable {
  Id: string;
  Name: string;
  Value: string;
  Type: 'String';
  IsSensitive: boolean;
}

export interface VariableSet {
  Id: string;
  SpaceId: string;
  OwnerId: string;
  Version: number;
  Variables: Variable[];
}
