// `Links` of every resource the server renders (octopus-api.md §4.2): the correct `Self` (legacy
// clients re-GET it after every create) and the realistic set of related links and templates.
import type {
  Channel, Deployment, DeploymentProcess, Environment, Feed, Lifecycle, Machine, Project, ProjectGroup, Release, Runbook,
  RunbookRun, RunbookSnapshot, Space, Tenant, User,
} from '../store/index.js';

type Links = Record<string, string>;

export const spaceLinks = (s: Space): Links => ({
  Self: `/api/spaces/${s.Id}`,
  SpaceHome: `/api/${s.Id}`,
  Web: `/app#/spaces/${s.Id}`,
  Logo: `/api/spaces/${s.Id}/logo`,
  Search: `/api/spaces/${s.Id}/search`,
});

export const userLinks = (u: User): Links => ({
  Self: `/api/users/${u.Id}`,
  Permissions: `/api/users/${u.Id}/permissions`,
  PermissionsConfiguration: `/api/users/${u.Id}/permissions/configuration`,
  PermissionsExport: `/api/users/${u.Id}/permissions/export`,
  ApiKeys: `/api/users/${u.Id}/apikeys{/id}{?skip,take}`,
  AccessTokens: `/api/users/${u.Id}/accesstokens`,
  Avatar: 'https://www.gravatar.com/avatar/d41d8cd98f00b204e9800998ecf8427e?d=blank',
  Spaces: `/api/users/${u.Id}/spaces`,
  RevokeSessions: `/api/users/${u.Id}/revoke-sessions`,
  TeamMemberships: `/api/users/${u.Id}/teammemberships`,
});

export const projectLinks = (p: Project): Links => {
  const b = `/api/${p.SpaceId}/projects/${p.Id}`;
  return {
    Self: b,
    Releases: `${b}/releases{/version}{?skip,take,searchByVersion}`,
    Channels: `${b}/channels{/id}{?skip,take,partialName}`,
    Triggers: `${b}/triggers{?skip,take,partialName,triggerActionType,triggerActionCategory,runbooks}`,
    ScheduledTriggers: `${b}/triggers{?skip,take,partialName,triggerActionType,triggerActionCategory,runbooks}`,
    OrderChannels: `${b}/channels/order`,
    Variables: `/api/${p.SpaceId}/variables/${p.VariableSetId}`,
    Progression: `${b}/progression{?aggregate}`,
    RunbookTaskRunDashboardItemsTemplate: `${b}/runbookTaskRuns{?skip,take,runbookId,environmentId,tenantId,taskState}`,
    DeploymentProcess: `/api/${p.SpaceId}/deploymentprocesses/${p.DeploymentProcessId}`,
    DeploymentSettings: `${b}/deploymentsettings`,
    Web: `/app#/${p.SpaceId}/projects/${p.Id}`,
    Logo: `${b}/logo?cb=2024.3.12899`,
    Metadata: `${b}/metadata`,
    Runbooks: `${b}/runbooks{?skip,take,partialName}`,
    RunbookSnapshots: `${b}/runbookSnapshots{/name}{?skip,take,searchByName}`,
    Summary: `${b}/summary`,
    GitConnectionTest: `${b}/git/connectivity-test`,
    InsightsMetrics: `${b}/insights/metrics{?channelId,environmentGroupId,tenantId,tenantTags,timeRange,granularity,timeZone}`,
  };
};

export const projectGroupLinks = (g: ProjectGroup): Links => ({
  Self: `/api/${g.SpaceId}/projectgroups/${g.Id}`,
  Projects: `/api/${g.SpaceId}/projectgroups/${g.Id}/projects{?skip,take}`,
  Web: `/app#/${g.SpaceId}/projectgroups/${g.Id}`,
});

export const lifecycleLinks = (l: Lifecycle): Links => ({
  Self: `/api/${l.SpaceId}/lifecycles/${l.Id}`,
  Preview: `/api/${l.SpaceId}/lifecycles/${l.Id}/preview`,
  Projects: `/api/${l.SpaceId}/lifecycles/${l.Id}/projects`,
});

export const channelLinks = (c: Channel): Links => ({
  Self: `/api/${c.SpaceId}/projects/${c.ProjectId}/channels/${c.Id}`,
  Releases: `/api/${c.SpaceId}/channels/${c.Id}/releases{?skip,take,searchByVersion}`,
  Project: `/api/${c.SpaceId}/projects/${c.ProjectId}`,
});

export const processLinks = (d: DeploymentProcess): Links => d.RunbookId !== undefined
  ? {
    Self: `/api/${d.SpaceId}/runbookProcesses/${d.Id}`,
    Project: `/api/${d.SpaceId}/projects/${d.ProjectId}`,
    Runbook: `/api/${d.SpaceId}/runbooks/${d.RunbookId}`,
    RunbookSnapshotTemplate: `/api/${d.SpaceId}/runbookProcesses/${d.Id}/runbookSnapshotTemplate`,
  }
  : {
    Self: `/api/${d.SpaceId}/deploymentprocesses/${d.Id}`,
    Project: `/api/${d.SpaceId}/projects/${d.ProjectId}`,
    Template: `/api/${d.SpaceId}/projects/${d.ProjectId}/deploymentprocesses/template{?channel,releaseId}`,
    Validation: `/api/${d.SpaceId}/projects/${d.ProjectId}/deploymentprocesses/validate`,
  };

export const environmentLinks = (e: Environment): Links => ({
  Self: `/api/${e.SpaceId}/environments/${e.Id}`,
  Machines: `/api/${e.SpaceId}/environments/${e.Id}/machines{?skip,take,partialName,roles,isDisabled,healthStatuses,commStyles,tenantIds,tenantTags,shellNames}`,
  SinglyScopedVariableDetails: `/api/${e.SpaceId}/environments/${e.Id}/singlyScopedVariableDetails`,
  Metadata: `/api/${e.SpaceId}/environments/${e.Id}/metadata`,
  Web: `/app#/${e.SpaceId}/infrastructure/environments/${e.Id}`,
});

export const tenantLinks = (t: Tenant): Links => ({
  Self: `/api/${t.SpaceId}/tenants/${t.Id}`,
  Variables: `/api/${t.SpaceId}/tenants/${t.Id}/variables`,
  Logo: `/api/${t.SpaceId}/tenants/${t.Id}/logo?cb=2024.3.12899`,
  Web: `/app#/${t.SpaceId}/tenants/${t.Id}/overview`,
});

export const machineLinks = (m: Machine): Links => ({
  Self: `/api/${m.SpaceId}/machines/${m.Id}`,
  Connection: `/api/${m.SpaceId}/machines/${m.Id}/connection`,
  TasksTemplate: `/api/${m.SpaceId}/machines/${m.Id}/tasks{?skip,take,type}`,
  SinglyScopedVariableDetails: `/api/${m.SpaceId}/machines/${m.Id}/singlyScopedVariableDetails`,
  Web: `/app#/${m.SpaceId}/infrastructure/machines/${m.Id}`,
});

export const feedLinks = (f: Feed): Links => ({
  Self: `/api/${f.SpaceId}/feeds/${f.Id}`,
  Packages: `/api/${f.SpaceId}/feeds/${f.Id}/packages{?packageId,partialMatch,includeMultipleVersions,includeNotes,includePreRelease,versionRange,preReleaseTag,take}`,
  SearchPackageVersionsTemplate: `/api/${f.SpaceId}/feeds/${f.Id}/packages/versions{?packageId,take,skip,includePreRelease,versionRange,preReleaseTag,filter,includeReleaseNotes}`,
  SearchPackagesTemplate: `/api/${f.SpaceId}/feeds/${f.Id}/packages/search{?term,take,skip}`,
});

export const releaseLinks = (r: Release): Links => {
  const b = `/api/${r.SpaceId}/releases/${r.Id}`;
  return {
    Self: b,
    Project: `/api/${r.SpaceId}/projects/${r.ProjectId}`,
    Channel: `/api/${r.SpaceId}/channels/${r.ChannelId}`,
    Progression: `${b}/progression`,
    Deployments: `${b}/deployments{?skip,take}`,
    DeploymentTemplate: `${b}/deployments/template`,
    Artifacts: `/api/${r.SpaceId}/artifacts?regarding=${r.Id}`,
    ProjectVariableSnapshot: `/api/${r.SpaceId}/variables/${r.ProjectVariableSetSnapshotId}`,
    ProjectDeploymentProcessSnapshot: `/api/${r.SpaceId}/deploymentprocesses/${r.ProjectDeploymentProcessSnapshotId}`,
    Web: `/app#/${r.SpaceId}/releases/${r.Id}`,
    SnapshotVariables: `${b}/snapshot-variables`,
    Defects: `${b}/defects`,
    ReportDefect: `${b}/defects`,
    ResolveDefect: `${b}/defects/resolve`,
    DeploymentPreviews: `${b}/deployments/previews`,
    Variables: `${b}/variables`,
  };
};

const executionLinks = (e: Deployment | RunbookRun, kind: 'deployments' | 'runbookRuns'): Links => ({
  Self: `/api/${e.SpaceId}/${kind}/${e.Id}`,
  Environment: `/api/${e.SpaceId}/environments/${e.EnvironmentId}`,
  Project: `/api/${e.SpaceId}/projects/${e.ProjectId}`,
  Task: `/api/tasks/${e.TaskId}`,
  Web: `/app#/${e.SpaceId}/${kind === 'deployments' ? 'deployments' : 'runbookRuns'}/${e.Id}`,
  Artifacts: `/api/${e.SpaceId}/artifacts?regarding=${e.Id}`,
  Interruptions: `/api/${e.SpaceId}/interruptions?regarding=${e.Id}`,
  ...(e.TenantId === null ? {} : { Tenant: `/api/${e.SpaceId}/tenants/${e.TenantId}` }),
});

export const deploymentLinks = (d: Deployment): Links => ({
  ...executionLinks(d, 'deployments'),
  Release: `/api/${d.SpaceId}/releases/${d.ReleaseId}`,
  DeploymentProcess: `/api/${d.SpaceId}/deploymentprocesses/${d.DeploymentProcessId}`,
});

export const runbookRunLinks = (r: RunbookRun): Links => ({
  ...executionLinks(r, 'runbookRuns'),
  Runbook: `/api/${r.SpaceId}/runbooks/${r.RunbookId}`,
  RunbookSnapshot: `/api/${r.SpaceId}/runbookSnapshots/${r.RunbookSnapshotId}`,
  FrozenRunbookProcess: `/api/${r.SpaceId}/runbookProcesses/${r.FrozenRunbookProcessId}`,
});

export const runbookLinks = (r: Runbook): Links => {
  const b = `/api/${r.SpaceId}/runbooks/${r.Id}`;
  return {
    Self: b,
    Project: `/api/${r.SpaceId}/projects/${r.ProjectId}`,
    Triggers: `/api/${r.SpaceId}/projects/${r.ProjectId}/triggers{?skip,take,partialName,triggerActionCategory,runbooks}`,
    RunbookSnapshots: `${b}/runbookSnapshots{/name}{?skip,take,searchByName}`,
    RunbookSnapshotTemplate: `${b}/runbookSnapshotTemplate`,
    RunbookRunTemplate: `${b}/runbookRuns/template`,
    RunbookRunPreview: `${b}/runbookRuns/preview/{environment}{/tenant}`,
    CreateRunbookRun: `${b}/run`,
    RunbookProcess: `/api/${r.SpaceId}/runbookProcesses/${r.RunbookProcessId}`,
    Web: `/app#/${r.SpaceId}/projects/${r.ProjectId}/operations/runbooks/${r.Id}`,
  };
};

export const runbookSnapshotLinks = (s: RunbookSnapshot): Links => ({
  Self: `/api/${s.SpaceId}/runbookSnapshots/${s.Id}`,
  Runbook: `/api/${s.SpaceId}/runbooks/${s.RunbookId}`,
  FrozenRunbookProcess: `/api/${s.SpaceId}/runbookProcesses/${s.FrozenRunbookProcessId}`,
  RunbookRunTemplate: `/api/${s.SpaceId}/runbookSnapshots/${s.Id}/runbookRuns/template`,
  Web: `/app#/${s.SpaceId}/projects/${s.ProjectId}/operations/runbooks/${s.RunbookId}/snapshots/${s.Id}`,
});
