// Store rows → legacy REST resources (octopus-api.md §4.2): PascalCase fields in Octopus' order, the
// extra fields real servers send (so response sizes are realistic), and `Links`. Pure functions;
// every render copies, so callers can never mutate the store through a response.
import * as L from '../links.js';
import type {
  Channel, Deployment, DeploymentProcess, Environment, Feed, Lifecycle, Machine, Project, ProjectGroup, Release, Runbook,
  RunbookRun, RunbookSnapshot, Space, Tenant, User, VariableSet,
} from '../../store/index.js';
import { FIXTURE_EPOCH, isoTime } from '../../store/index.js';

const MODIFIED = { LastModifiedOn: isoTime(FIXTURE_EPOCH - 86_400_000), LastModifiedBy: 'octobench' };
const clone = <T>(v: T): T => structuredClone(v);

export const renderSpace = (s: Space) => ({
  Id: s.Id, Name: s.Name, Slug: s.Slug, Description: s.Description, IsDefault: s.IsDefault, IsPrivate: s.IsPrivate,
  TaskQueueStopped: s.TaskQueueStopped, SpaceManagersTeams: [...s.SpaceManagersTeams], SpaceManagersTeamMembers: [...s.SpaceManagersTeamMembers],
  Icon: null, ExtensionSettings: [], ...MODIFIED, Links: L.spaceLinks(s),
});

export const renderUser = (u: User) => ({
  Id: u.Id, Username: u.Username, DisplayName: u.DisplayName, IsActive: u.IsActive, IsService: u.IsService, EmailAddress: u.EmailAddress,
  CanPasswordBeEdited: false, IsRequestor: true, IsSessionValid: true, Identities: [], Created: u.Created, Links: L.userLinks(u),
});

export const renderProject = (p: Project) => ({
  Id: p.Id, VariableSetId: p.VariableSetId, DeploymentProcessId: p.DeploymentProcessId, ClonedFromProjectId: null,
  DiscreteChannelRelease: false, IncludedLibraryVariableSetIds: [...p.IncludedLibraryVariableSetIds],
  DefaultToSkipIfAlreadyInstalled: p.DefaultToSkipIfAlreadyInstalled, TenantedDeploymentMode: p.TenantedDeploymentMode,
  DefaultGuidedFailureMode: p.DefaultGuidedFailureMode, VersioningStrategy: clone(p.VersioningStrategy),
  ReleaseCreationStrategy: { ChannelId: null, ReleaseCreationPackage: null, ReleaseCreationPackageStepId: null },
  Templates: [], AutoDeployReleaseOverrides: [], ReleaseNotesTemplate: p.ReleaseNotesTemplate, DeploymentChangesTemplate: null,
  ForcePackageDownload: p.ForcePackageDownload, Icon: null, IsVersionControlled: false,
  PersistenceSettings: { Type: 'Database' }, RunbookPersistenceSettings: { Type: 'Database' },
  Name: p.Name, Slug: p.Slug, Description: p.Description, IsDisabled: p.IsDisabled, ProjectGroupId: p.ProjectGroupId, LifecycleId: p.LifecycleId,
  AutoCreateRelease: false, ProjectConnectivityPolicy: { SkipMachineBehavior: 'None', TargetRoles: [], AllowDeploymentsToNoTargets: false, ExcludeUnhealthyTargets: false },
  SpaceId: p.SpaceId, ExtensionSettings: [], ...MODIFIED, Links: L.projectLinks(p),
});

export const renderProjectGroup = (g: ProjectGroup) => ({
  Id: g.Id, Name: g.Name, Slug: g.Slug, Description: g.Description, EnvironmentIds: [], RetentionPolicyId: null, SpaceId: g.SpaceId, ...MODIFIED, Links: L.projectGroupLinks(g),
});

const retention = { Unit: 'Days', QuantityToKeep: 30, ShouldKeepForever: false };

export const renderLifecycle = (l: Lifecycle) => ({
  Id: l.Id, Name: l.Name, Slug: l.Slug, Description: l.Description, Phases: clone(l.Phases),
  ReleaseRetentionPolicy: { ...retention }, TentacleRetentionPolicy: { ...retention }, SpaceId: l.SpaceId, ...MODIFIED, Links: L.lifecycleLinks(l),
});

export const renderChannel = (c: Channel) => ({
  Id: c.Id, Name: c.Name, Slug: c.Slug, Description: c.Description, ProjectId: c.ProjectId, LifecycleId: c.LifecycleId, IsDefault: c.IsDefault,
  Rules: [], TenantTags: [], GitReferenceRules: [], GitResourceRules: [], SpaceId: c.SpaceId, ...MODIFIED, Links: L.channelLinks(c),
});

export const renderProcess = (d: DeploymentProcess) => ({
  Id: d.Id, SpaceId: d.SpaceId, ProjectId: d.ProjectId, ...(d.RunbookId === undefined ? {} : { RunbookId: d.RunbookId }),
  Steps: d.Steps.map((s) => ({
    Id: s.Id, Name: s.Name, Slug: s.Slug, PackageRequirement: s.PackageRequirement, Properties: { ...s.Properties },
    Condition: s.Condition, StartTrigger: s.StartTrigger,
    Actions: s.Actions.map((a) => ({
      Id: a.Id, Name: a.Name, Slug: a.Slug, ActionType: a.ActionType, Notes: null, IsDisabled: a.IsDisabled, CanBeUsedForProjectVersioning: a.Packages.length > 0,
      IsRequired: a.IsRequired, WorkerPoolId: null, WorkerPoolVariable: null, Container: { Image: null, FeedId: null },
      Environments: [...a.Environments], ExcludedEnvironments: [...a.ExcludedEnvironments], Channels: [...a.Channels], TenantTags: [...a.TenantTags],
      Packages: a.Packages.map((p) => ({ ...p, Properties: { ...p.Properties } })), GitDependencies: [], Condition: 'Success',
      Properties: { ...a.Properties }, StepPackageVersion: null, Inputs: {}, Links: {},
    })),
  })),
  Version: d.Version, LastSnapshotId: d.LastSnapshotId, ...MODIFIED, Links: L.processLinks(d),
});

export const renderEnvironment = (e: Environment) => ({
  Id: e.Id, Name: e.Name, Slug: e.Slug, Description: e.Description, SortOrder: e.SortOrder, UseGuidedFailure: e.UseGuidedFailure,
  AllowDynamicInfrastructure: e.AllowDynamicInfrastructure, SpaceId: e.SpaceId, ExtensionSettings: [], EnvironmentTags: [], ...MODIFIED, Links: L.environmentLinks(e),
});

export const renderTenant = (t: Tenant) => ({
  Id: t.Id, Name: t.Name, Slug: t.Slug, Description: t.Description, TenantTags: [...t.TenantTags], IsDisabled: false,
  ProjectEnvironments: clone(t.ProjectEnvironments), SpaceId: t.SpaceId, ClonedFromTenantId: null, Icon: null, ...MODIFIED, Links: L.tenantLinks(t),
});

export const renderMachine = (m: Machine) => ({
  Id: m.Id, Name: m.Name, Slug: m.Slug, EnvironmentIds: [...m.EnvironmentIds], Roles: [...m.Roles],
  TenantedDeploymentParticipation: m.TenantedDeploymentParticipation, TenantIds: [...m.TenantIds], TenantTags: [...m.TenantTags],
  MachinePolicyId: m.MachinePolicyId, Thumbprint: m.Thumbprint, Uri: m.Uri, IsDisabled: m.IsDisabled, HealthStatus: m.HealthStatus,
  HasLatestCalamari: true, StatusSummary: 'Octopus was able to successfully establish a connection with this machine.', IsInProcess: false,
  Endpoint: { ...m.Endpoint, TentacleVersionDetails: { UpgradeLocked: false, Version: '8.1.1403', UpgradeSuggested: false, UpgradeRequired: false, UpgradeAvailable: false }, CertificateSignatureAlgorithm: 'sha256RSA', Id: null, Links: {} },
  OperatingSystem: 'Linux', ShellName: 'Bash', ShellVersion: '5.1.16', Architecture: 'x64', SkipInitialHealthCheck: false,
  SpaceId: m.SpaceId, ...MODIFIED, Links: L.machineLinks(m),
});

export const renderFeed = (f: Feed) => ({
  Id: f.Id, Name: f.Name, Slug: f.Slug, FeedType: f.FeedType, DeleteUnreleasedPackagesAfterDays: 30, IsBuiltInRepoSyncEnabled: false,
  PackageAcquisitionLocationOptions: ['Server', 'ExecutionTarget'], SpaceId: f.SpaceId, ...MODIFIED, Links: L.feedLinks(f),
});

export const renderVariableSet = (v: VariableSet, id = v.Id) => ({
  Id: id, OwnerId: v.OwnerId, Version: v.Version,
  Variables: v.Variables.map((x) => ({ ...x, Scope: {}, Description: null, Prompt: null })),
  ScopeValues: { Environments: [], Machines: [], Actions: [], Roles: [], Channels: [], TenantTags: [], Processes: [] },
  SpaceId: v.SpaceId, ...MODIFIED, Links: { Self: `/api/${v.SpaceId}/variables/${id}` },
});

export const renderRelease = (r: Release) => ({
  Id: r.Id, Assembled: r.Assembled, ReleaseNotes: r.ReleaseNotes, ProjectId: r.ProjectId, ChannelId: r.ChannelId,
  ProjectVariableSetSnapshotId: r.ProjectVariableSetSnapshotId, LibraryVariableSetSnapshotIds: [...r.LibraryVariableSetSnapshotIds],
  ProjectDeploymentProcessSnapshotId: r.ProjectDeploymentProcessSnapshotId, IgnoreChannelRules: r.IgnoreChannelRules,
  BuildInformation: [], SelectedPackages: clone(r.SelectedPackages), SelectedGitResources: [], VersionControlReference: null,
  Version: r.Version, SpaceId: r.SpaceId, CustomFields: {}, ...MODIFIED, Links: L.releaseLinks(r),
});

const executionFields = (e: Deployment | RunbookRun) => ({
  Id: e.Id, EnvironmentId: e.EnvironmentId, TenantId: e.TenantId, ForcePackageDownload: e.ForcePackageDownload, SkipActions: [...e.SkipActions],
  SpecificMachineIds: [...e.SpecificMachineIds], ExcludedMachineIds: [...e.ExcludedMachineIds], ManifestVariableSetId: `variableset-${e.Id}`,
  TaskId: e.TaskId, ProjectId: e.ProjectId, UseGuidedFailure: e.UseGuidedFailure, Comments: e.Comments, FormValues: { ...e.FormValues },
  QueueTime: e.QueueTime, QueueTimeExpiry: e.QueueTimeExpiry, Name: e.Name, Created: e.Created, SpaceId: e.SpaceId,
  TentacleRetentionPeriod: { Unit: 'Items', QuantityToKeep: 3, ShouldKeepForever: false }, DeployedBy: e.DeployedBy, DeployedById: e.DeployedById,
  FailureEncountered: e.FailureEncountered, DeployedToMachineIds: [...e.DeployedToMachineIds], Priority: e.Priority, DebugMode: e.DebugMode,
  ...MODIFIED,
});

export const renderDeployment = (d: Deployment) => ({
  ReleaseId: d.ReleaseId, ChannelId: d.ChannelId, DeploymentProcessId: d.DeploymentProcessId, Changes: [], ChangesMarkdown: '',
  ForcePackageRedeployment: d.ForcePackageRedeployment, ExecutionPlanLogContext: { Steps: [] }, ...executionFields(d), Links: L.deploymentLinks(d),
});

export const renderRunbookRun = (r: RunbookRun, runbookName: string) => ({
  RunbookId: r.RunbookId, RunbookSnapshotId: r.RunbookSnapshotId, FrozenRunbookProcessId: r.FrozenRunbookProcessId, RunbookName: runbookName,
  ...executionFields(r), Links: L.runbookRunLinks(r),
});

export const renderRunbook = (r: Runbook) => ({
  Id: r.Id, Name: r.Name, Slug: r.Slug, Description: r.Description, RunbookProcessId: r.RunbookProcessId,
  PublishedRunbookSnapshotId: r.PublishedRunbookSnapshotId, ProjectId: r.ProjectId, MultiTenancyMode: r.MultiTenancyMode,
  ConnectivityPolicy: { SkipMachineBehavior: 'None', TargetRoles: [], AllowDeploymentsToNoTargets: true, ExcludeUnhealthyTargets: false },
  EnvironmentScope: r.EnvironmentScope, Environments: [...r.Environments], DefaultGuidedFailureMode: r.DefaultGuidedFailureMode,
  RunRetentionPolicy: { QuantityToKeep: 100, ShouldKeepForever: false }, ForcePackageDownload: r.ForcePackageDownload, SpaceId: r.SpaceId,
  ...MODIFIED, Links: L.runbookLinks(r),
});

export const renderRunbookSnapshot = (s: RunbookSnapshot) => ({
  Id: s.Id, ProjectId: s.ProjectId, RunbookId: s.RunbookId, Name: s.Name, Notes: s.Notes, Assembled: s.Assembled,
  FrozenRunbookProcessId: s.FrozenRunbookProcessId, FrozenProjectVariableSetId: s.FrozenProjectVariableSetId, LibraryVariableSetSnapshotIds: [],
  SelectedPackages: clone(s.SelectedPackages), SelectedGitResources: [], SpaceId: s.SpaceId, ...MODIFIED, Links: L.runbookSnapshotLinks(s),
});
