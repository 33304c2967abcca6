// The Store: every entity of the reference server in indexed tables, id allocation (`Projects-7`), and
// the lookups both APIs use. Every lookup and list increments `queryCount`, which the server's
// per-query cost model reads. Names match case-insensitively and exactly. Rows are returned by
// reference: API layers render copies, only the operations (operations.ts) mutate the store.
import { SeededRandom } from '../../harness/core/random.js';
import { compareIds, Table } from './table.js';
import { DEFAULT_PACKAGE_CHANGE_FRACTION } from './package-changes.js';
import type {
  Channel, Deployment, DeploymentProcess, Environment, Feed, Lifecycle, Machine, PackageVersion, Project,
  ProjectGroup, Release, Runbook, RunbookRun, RunbookSnapshot, ServerTaskRecord, Space, Tenant, User, VariableSet,
} from './model.js';

const GLOBAL = '';

export class Store {
  /** Lookups and lists served so far (read by the server's per-query cost model). */
  queryCount = 0;
  /** Runtime randomness (snapshot id suffixes…), derived from the fixture seed. */
  readonly random: SeededRandom;

  readonly spaces = new Table<Space>(() => GLOBAL, (r) => r.Name);
  readonly users = new Table<User>(() => GLOBAL, (r) => r.Username);
  readonly projectGroups = new Table<ProjectGroup>((r) => r.SpaceId, (r) => r.Name);
  readonly lifecycles = new Table<Lifecycle>((r) => r.SpaceId, (r) => r.Name);
  readonly projects = new Table<Project>((r) => r.SpaceId, (r) => r.Name);
  readonly channels = new Table<Channel>((r) => r.ProjectId, (r) => r.Name);
  /** Live processes: projects' deployment processes and runbook processes. */
  readonly processes = new Table<DeploymentProcess>((r) => r.ProjectId);
  /** Frozen copies referenced by releases and runbook snapshots. */
  readonly processSnapshots = new Table<DeploymentProcess>((r) => r.ProjectId);
  readonly environments = new Table<Environment>((r) => r.SpaceId, (r) => r.Name);
  readonly tenants = new Table<Tenant>((r) => r.SpaceId, (r) => r.Name);
  readonly machines = new Table<Machine>((r) => r.SpaceId, (r) => r.Name);
  /** Machines by environment id (a machine in two environments is listed under both). */
  readonly machinesByEnvironment = new Table<{ Id: string; envId: string; machine: Machine }>((r) => r.envId);
  readonly feeds = new Table<Feed>((r) => r.SpaceId, (r) => r.Name);
  /** Package versions by `${feedId}/${packageId}`, ascending by version as inserted. */
  readonly packageVersions = new Table<PackageVersion & { Id: string }>((r) => `${r.FeedId}/${r.PackageId}`, (r) => r.Version);
  readonly variableSets = new Table<VariableSet>((r) => r.OwnerId);
  readonly runbooks = new Table<Runbook>((r) => r.ProjectId, (r) => r.Name);
  readonly runbookSnapshots = new Table<RunbookSnapshot>((r) => r.RunbookId, (r) => r.Name);
  readonly releases = new Table<Release>((r) => r.ProjectId, (r) => r.Version);
  readonly deployments = new Table<Deployment>((r) => r.SpaceId);
  readonly runbookRuns = new Table<RunbookRun>((r) => r.SpaceId);
  readonly serverTasks = new Table<ServerTaskRecord>((r) => r.SpaceId);

  /** Fraction of a package that changes between consecutive versions in a feed (fixture packageChangeFraction). */
  packageChangeFraction = DEFAULT_PACKAGE_CHANGE_FRACTION;

  private readonly counters = new Map<string, number>();

  constructor(readonly seed: number) {
    this.random = new SeededRandom(seed);
  }

  /** Allocates the next id of a kind: nextId('Projects') → 'Projects-1', 'Projects-2'… */
  nextId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${n}`;
  }

  private q<T>(value: T): T {
    this.queryCount++;
    return value;
  }

  // Spaces and users
  getSpace(id: string): Space | undefined { return this.q(this.spaces.get(id)); }
  findSpaceByName(name: string): Space | undefined { return this.q(this.spaces.findByName(GLOBAL, name)); }
  listSpaces(): readonly Space[] { return this.q(this.spaces.list(GLOBAL)); }
  defaultSpace(): Space | undefined { return this.q(this.spaces.list(GLOBAL).find((s) => s.IsDefault)); }
  getUser(id: string): User | undefined { return this.q(this.users.get(id)); }
  /** The user the API key belongs to (the first user). */
  currentUser(): User { return this.q(this.users.list(GLOBAL)[0]!); }

  // Space-scoped, named resources
  getProjectGroup(id: string): ProjectGroup | undefined { return this.q(this.projectGroups.get(id)); }
  listProjectGroups(spaceId: string): readonly ProjectGroup[] { return this.q(this.projectGroups.list(spaceId)); }
  getLifecycle(id: string): Lifecycle | undefined { return this.q(this.lifecycles.get(id)); }
  listLifecycles(spaceId: string): readonly Lifecycle[] { return this.q(this.lifecycles.list(spaceId)); }
  getProject(id: string): Project | undefined { return this.q(this.projects.get(id)); }
  findProjectByName(spaceId: string, name: string): Project | undefined { return this.q(this.projects.findByName(spaceId, name)); }
  listProjects(spaceId: string): readonly Project[] { return this.q(this.projects.list(spaceId)); }
  getEnvironment(id: string): Environment | undefined { return this.q(this.environments.get(id)); }
  findEnvironmentByName(spaceId: string, name: string): Environment | undefined { return this.q(this.environments.findByName(spaceId, name)); }
  listEnvironments(spaceId: string): readonly Environment[] { return this.q(this.environments.list(spaceId)); }
  getTenant(id: string): Tenant | undefined { return this.q(this.tenants.get(id)); }
  findTenantByName(spaceId: string, name: string): Tenant | undefined { return this.q(this.tenants.findByName(spaceId, name)); }
  listTenants(spaceId: string): readonly Tenant[] { return this.q(this.tenants.list(spaceId)); }
  getMachine(id: string): Machine | undefined { return this.q(this.machines.get(id)); }
  findMachineByName(spaceId: string, name: string): Machine | undefined { return this.q(this.machines.findByName(spaceId, name)); }
  listMachines(spaceId: string): readonly Machine[] { return this.q(this.machines.list(spaceId)); }
  machinesInEnvironment(environmentId: string): Machine[] {
    return this.q(this.machinesByEnvironment.list(environmentId).map((r) => r.machine));
  }
  getFeed(id: string): Feed | undefined { return this.q(this.feeds.get(id)); }
  listFeeds(spaceId: string): readonly Feed[] { return this.q(this.feeds.list(spaceId)); }
  findFeedByName(spaceId: string, name: string): Feed | undefined { return this.q(this.feeds.findByName(spaceId, name)); }
  builtInFeed(spaceId: string): Feed | undefined { return this.q(this.feeds.list(spaceId).find((f) => f.FeedType === 'BuiltIn')); }

  // Packages
  listPackageVersions(feedId: string, packageId: string): readonly PackageVersion[] {
    return this.q(this.packageVersions.list(`${feedId}/${packageId}`));
  }
  latestPackageVersion(feedId: string, packageId: string): PackageVersion | undefined {
    const list = this.packageVersions.list(`${feedId}/${packageId}`);
    return this.q(list[list.length - 1]);
  }
  findPackageVersion(feedId: string, packageId: string, version: string): PackageVersion | undefined {
    return this.q(this.packageVersions.findByName(`${feedId}/${packageId}`, version));
  }

  // Project children
  getChannel(id: string): Channel | undefined { return this.q(this.channels.get(id)); }
  listChannels(projectId: string): readonly Channel[] { return this.q(this.channels.list(projectId)); }
  findChannelByName(projectId: string, name: string): Channel | undefined { return this.q(this.channels.findByName(projectId, name)); }
  defaultChannel(projectId: string): Channel | undefined { return this.q(this.channels.list(projectId).find((c) => c.IsDefault)); }
  getDeploymentProcess(id: string): DeploymentProcess | undefined { return this.q(this.processes.get(id)); }
  getProcessSnapshot(id: string): DeploymentProcess | undefined { return this.q(this.processSnapshots.get(id)); }
  getVariableSet(id: string): VariableSet | undefined { return this.q(this.variableSets.get(id)); }
  getRunbook(id: string): Runbook | undefined { return this.q(this.runbooks.get(id)); }
  listRunbooks(projectId: string): readonly Runbook[] { return this.q(this.runbooks.list(projectId)); }
  findRunbookByName(projectId: string, name: string): Runbook | undefined { return this.q(this.runbooks.findByName(projectId, name)); }
  getRunbookSnapshot(id: string): RunbookSnapshot | undefined { return this.q(this.runbookSnapshots.get(id)); }
  findRunbookSnapshotByName(runbookId: string, name: string): RunbookSnapshot | undefined {
    return this.q(this.runbookSnapshots.findByName(runbookId, name));
  }
  getRelease(id: string): Release | undefined { return this.q(this.releases.get(id)); }
  findReleaseByVersion(projectId: string, version: string): Release | undefined { return this.q(this.releases.findByName(projectId, version)); }
  /** Releases of a project, newest first (as Octopus lists them). */
  listReleases(projectId: string): Release[] { return this.q(this.releases.list(projectId).slice().reverse()); }

  // Executions and tasks
  getDeployment(id: string): Deployment | undefined { return this.q(this.deployments.get(id)); }
  listDeployments(spaceId: string): readonly Deployment[] { return this.q(this.deployments.list(spaceId)); }
  getRunbookRun(id: string): RunbookRun | undefined { return this.q(this.runbookRuns.get(id)); }
  listRunbookRuns(spaceId: string): readonly RunbookRun[] { return this.q(this.runbookRuns.list(spaceId)); }
  getServerTask(id: string): ServerTaskRecord | undefined { return this.q(this.serverTasks.get(id)); }
  listServerTasks(spaceId: string): readonly ServerTaskRecord[] { return this.q(this.serverTasks.list(spaceId)); }
  /** Every task of every space, in creation (id) order. */
  allServerTasks(): ServerTaskRecord[] {
    this.queryCount++;
    const out: ServerTaskRecord[] = [];
    for (const space of this.spaces.list(GLOBAL)) out.push(...this.serverTasks.list(space.Id));
    return out.sort((a, b) => compareIds(a.Id, b.Id));
  }

  /** Adds a machine and indexes it under each of its environments. */
  insertMachine(machine: Machine): Machine {
    this.machines.insert(machine);
    for (const envId of machine.EnvironmentIds) {
      this.machinesByEnvironment.insert({ Id: `${envId}/${machine.Id}`, envId, machine });
    }
    return machine;
  }

  insertPackageVersion(pv: PackageVersion): PackageVersion {
    return this.packageVersions.insert({ Id: `${pv.FeedId}/${pv.PackageId}@${pv.Version}`, ...pv });
  }
}
