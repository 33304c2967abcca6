// buildStore(fixture, seed): generates the reference server's world from a FixtureSpec. Deterministic:
// the same fixture and seed give an identical store (ids in creation order, GUIDs, variable values,
// package sizes and thumbprints from named seeded streams). Timestamps derive from FIXTURE_EPOCH.
import type { RandomStream } from '../../harness/core/random.js';
import { Store } from './store.js';
import type { FixtureSpec } from './fixture-spec.js';
import { buildRunbookSteps, buildSteps, slugify, TARGET_ROLE } from './fixture-process.js';
import type { DeploymentProcess, Environment, Feed, Project, Space, Tenant, TenantedDeploymentMode, Variable } from './model.js';
import { freezeProcess, isoTime } from './snapshots.js';

/** 2026-01-01T00:00:00Z: fixture objects are "created" shortly before this instant. */
export const FIXTURE_EPOCH = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

const PROJECT_NAMES = ['OctoPetShop', 'Inventory Service', 'Payments API', 'Customer Portal', 'Reporting Jobs', 'Identity Server'];
const PROJECT_MODES: TenantedDeploymentMode[] = ['TenantedOrUntenanted', 'Untenanted', 'TenantedOrUntenanted', 'Tenanted'];
export const DEFAULT_RELEASE_TEMPLATE = '#{Octopus.Version.LastMajor}.#{Octopus.Version.LastMinor}.#{Octopus.Version.NextPatch}';

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function tenantLetters(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

const hexString = (r: RandomStream, chars: number): string => {
  let s = '';
  while (s.length < chars) s += r.nextUint32().toString(16).padStart(8, '0');
  return s.slice(0, chars).toUpperCase();
};

const VALUE_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const randomText = (r: RandomStream, length: number): string => {
  let s = '';
  for (let i = 0; i < length; i++) s += VALUE_ALPHABET[r.int(0, VALUE_ALPHABET.length - 1)];
  return s;
};

export function buildStore(fixture: FixtureSpec, seed: number): Store {
  const store = new Store(seed);
  store.packageChangeFraction = fixture.packageChangeFraction;
  const r = {
    guid: store.random.stream('fixture.guids'),
    values: store.random.stream('fixture.variable-values'),
    sizes: store.random.stream('fixture.package-sizes'),
    thumbprints: store.random.stream('fixture.thumbprints'),
  };
  store.users.insert({
    Id: store.nextId('Users'), Username: 'octobench', DisplayName: 'Octobench Service Account', IsActive: true, IsService: true,
    EmailAddress: 'octobench@example.com', Created: isoTime(FIXTURE_EPOCH - 90 * 24 * HOUR),
  });
  for (let s = 0; s < fixture.spaces; s++) buildSpace(store, fixture, r, s);
  return store;
}

type Streams = { guid: RandomStream; values: RandomStream; sizes: RandomStream; thumbprints: RandomStream };

function buildSpace(store: Store, fx: FixtureSpec, r: Streams, index: number): void {
  const name = index === 0 ? 'Default' : `Space ${index + 1}`;
  const space: Space = store.spaces.insert({
    Id: store.nextId('Spaces'), Name: name, Slug: slugify(name), Description: index === 0 ? 'The default space' : '',
    IsDefault: index === 0, IsPrivate: false, TaskQueueStopped: false, SpaceManagersTeams: ['teams-spacemanagers-' + `Spaces-${index + 1}`], SpaceManagersTeamMembers: [],
  });
  const sid = space.Id;
  const group = store.projectGroups.insert({ Id: store.nextId('ProjectGroups'), SpaceId: sid, Name: 'Default Project Group', Slug: 'default-project-group', Description: '' });
  const lifecycle = store.lifecycles.insert({ Id: store.nextId('Lifecycles'), SpaceId: sid, Name: 'Default Lifecycle', Slug: 'default-lifecycle', Description: 'Every environment, in any order.', Phases: [] });
  const feed: Feed = store.feeds.insert({ Id: store.nextId('Feeds'), SpaceId: sid, Name: 'Octopus Server (built-in)', Slug: 'octopus-server-built-in', FeedType: 'BuiltIn' });
  const environments: Environment[] = fx.environments.map((envName, i) => store.environments.insert({
    Id: store.nextId('Environments'), SpaceId: sid, Name: envName, Slug: slugify(envName), Description: '', SortOrder: i,
    UseGuidedFailure: false, AllowDynamicInfrastructure: true,
  }));
  const tenants: Tenant[] = [];
  for (let t = 0; t < fx.tenants; t++) {
    const tenantName = `Tenant-${tenantLetters(t)}`;
    tenants.push(store.tenants.insert({ Id: store.nextId('Tenants'), SpaceId: sid, Name: tenantName, Slug: slugify(tenantName), Description: '', TenantTags: [], ProjectEnvironments: {} }));
  }
  const tenantIds = tenants.map((t) => t.Id);
  const perEnv = new Array<number>(environments.length).fill(0);
  const total = fx.totalTargets ?? fx.targetsPerEnvironment * environments.length;
  for (let k = 0; k < total; k++) {
    // Round-robin over environments; with targetsPerEnvironment this fills each one equally.
    const envIndex = fx.totalTargets === undefined ? Math.floor(k / fx.targetsPerEnvironment) : k % environments.length;
    const env = environments[envIndex]!;
    const m = perEnv[envIndex]!;
    perEnv[envIndex] = m + 1;
    const machineName = `${env.Slug}-web-${String(m + 1).padStart(2, '0')}`;
    const thumbprint = hexString(r.thumbprints, 40);
    const uri = fx.targetCommunicationStyle === 'TentaclePassive' ? `https://${machineName}:10933/` : `poll://${hexString(r.thumbprints, 20).toLowerCase()}/`;
    store.insertMachine({
      Id: store.nextId('Machines'), SpaceId: sid, Name: machineName, Slug: machineName, EnvironmentIds: [env.Id], Roles: [TARGET_ROLE],
      TenantedDeploymentParticipation: 'TenantedOrUntenanted', TenantIds: [...tenantIds], TenantTags: [], Thumbprint: thumbprint, Uri: uri,
      IsDisabled: false, MachinePolicyId: `MachinePolicies-${index + 1}`, HealthStatus: 'Healthy',
      Endpoint: { CommunicationStyle: fx.targetCommunicationStyle, Uri: uri, Thumbprint: thumbprint },
    });
  }
  for (let p = 0; p < fx.projectsPerSpace; p++) {
    const projectName = p < PROJECT_NAMES.length ? PROJECT_NAMES[p]! : `Project ${p + 1}`;
    const mode = PROJECT_MODES[p % PROJECT_MODES.length]!;
    const project = buildProject(store, fx, r, { sid, name: projectName, mode, groupId: group.Id, lifecycleId: lifecycle.Id, feed });
    if (mode !== 'Untenanted') {
      for (const tenant of tenants) tenant.ProjectEnvironments[project.Id] = environments.map((e) => e.Id);
    }
  }
}

interface ProjectArgs { sid: string; name: string; mode: TenantedDeploymentMode; groupId: string; lifecycleId: string; feed: Feed }

function buildProject(store: Store, fx: FixtureSpec, r: Streams, a: ProjectArgs): Project {
  const id = store.nextId('Projects');
  const project = store.projects.insert({
    Id: id, SpaceId: a.sid, Name: a.name, Slug: slugify(a.name), Description: `${a.name} (generated by the octobench fixture)`, IsDisabled: false,
    ProjectGroupId: a.groupId, LifecycleId: a.lifecycleId, VariableSetId: `variableset-${id}`, DeploymentProcessId: `deploymentprocess-${id}`,
    TenantedDeploymentMode: a.mode, DefaultGuidedFailureMode: 'EnvironmentDefault',
    VersioningStrategy: { Template: DEFAULT_RELEASE_TEMPLATE, DonorPackage: null }, ReleaseNotesTemplate: null,
    DefaultToSkipIfAlreadyInstalled: false, ForcePackageDownload: false, IncludedLibraryVariableSetIds: [],
  });
  const channel = store.channels.insert({ Id: store.nextId('Channels'), SpaceId: a.sid, ProjectId: id, Name: 'Default', Slug: 'default', Description: '', LifecycleId: null, IsDefault: true });
  const code = a.name.replace(/[^A-Za-z0-9]/g, '');
  const steps = buildSteps(r.guid, {
    projectCode: code, steps: fx.stepsPerProcess, packagesPerStep: fx.packagesPerStep, feedId: a.feed.Id,
    acquisitionLocation: fx.acquisitionLocation, ...(fx.maxParallelism === undefined ? {} : { maxParallelism: fx.maxParallelism }),
  });
  const process: DeploymentProcess = store.processes.insert({ Id: project.DeploymentProcessId, SpaceId: a.sid, ProjectId: id, Version: 1, LastSnapshotId: null, Steps: steps });
  for (const step of steps) {
    for (const ref of step.Actions.flatMap((act) => act.Packages)) {
      if (store.packageVersions.list(`${ref.FeedId}/${ref.PackageId}`).length > 0) continue;
      const median = fx.packageSizeBytes;
      const size = Math.max(1, Math.round(median * (1 + r.sizes.uniform(-fx.packageSizeSpread, fx.packageSizeSpread))));
      for (let v = 0; v < fx.packageVersionsInFeed; v++) {
        store.insertPackageVersion({ FeedId: ref.FeedId, PackageId: ref.PackageId, Version: `1.0.${v}`, SizeBytes: size + v * 1024, Published: isoTime(FIXTURE_EPOCH - (fx.packageVersionsInFeed - v) * HOUR) });
      }
    }
  }
  const variables: Variable[] = [];
  if (fx.acquireMaxParallelism !== undefined) {
    variables.push({ Id: r.guid.uuid(), Name: 'Octopus.Acquire.MaxParallelism', Value: String(fx.acquireMaxParallelism), Type: 'String', IsSensitive: false });
  }
  for (let v = 0; v < fx.variablesPerProject; v++) {
    variables.push({ Id: r.guid.uuid(), Name: `${code}.Setting${String(v + 1).padStart(3, '0')}`, Value: randomText(r.values, fx.variableValueBytes), Type: 'String', IsSensitive: false });
  }
  store.variableSets.insert({ Id: project.VariableSetId, SpaceId: a.sid, OwnerId: id, Version: 1, Variables: variables });

  for (let k = 0; k < fx.releasesPerProject; k++) {
    const snapshotId = freezeProcess(store, process);
    const vsSnapshot = `${project.VariableSetId}-s-0-${hexString(r.guid, 5)}`;
    store.releases.insert({
      Id: store.nextId('Releases'), SpaceId: a.sid, ProjectId: id, ChannelId: channel.Id, Version: `1.0.${k}`, ReleaseNotes: null,
      Assembled: isoTime(FIXTURE_EPOCH - (fx.releasesPerProject - k) * HOUR), IgnoreChannelRules: false,
      ProjectDeploymentProcessSnapshotId: snapshotId, ProjectVariableSetSnapshotId: vsSnapshot, LibraryVariableSetSnapshotIds: [],
      SelectedPackages: steps.flatMap((st) => st.Actions.flatMap((act) => act.Packages.map((pkg) => ({
        ActionName: act.Name, StepName: st.Name, PackageReferenceName: pkg.Name, Version: store.packageVersions.list(`${pkg.FeedId}/${pkg.PackageId}`).at(-1)!.Version,
      })))),
    });
  }
  buildRunbook(store, fx, r, project, 'Restart');
  return project;
}

function buildRunbook(store: Store, fx: FixtureSpec, r: Streams, project: Project, name: string): void {
  const id = store.nextId('Runbooks');
  const processId = `RunbookProcess-${id}`;
  const process = store.processes.insert({ Id: processId, SpaceId: project.SpaceId, ProjectId: project.Id, RunbookId: id, Version: 1, LastSnapshotId: null, Steps: buildRunbookSteps(r.guid, name, fx.runbookSteps) });
  const frozenId = freezeProcess(store, process);
  const snapshotId = store.nextId('RunbookSnapshots');
  store.runbooks.insert({
    Id: id, SpaceId: project.SpaceId, ProjectId: project.Id, Name: name, Slug: slugify(name), Description: `${name} the ${project.Name} services`,
    RunbookProcessId: processId, PublishedRunbookSnapshotId: snapshotId, MultiTenancyMode: project.TenantedDeploymentMode,
    EnvironmentScope: 'All', Environments: [], DefaultGuidedFailureMode: 'EnvironmentDefault', ForcePackageDownload: false,
  });
  store.runbookSnapshots.insert({
    Id: snapshotId, SpaceId: project.SpaceId, ProjectId: project.Id, RunbookId: id, Name: 'Snapshot 1', Notes: null,
    Assembled: isoTime(FIXTURE_EPOCH - HOUR), FrozenRunbookProcessId: frozenId, FrozenProjectVariableSetId: `${project.VariableSetId}-s-0-${hexString(r.guid, 5)}`, SelectedPackages: [],
  });
}
