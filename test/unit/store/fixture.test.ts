// Fixture generation: deterministic per seed, the default world the benchmarks rely on, sizes from
// the spec, O(1) indexes, and the query counter.
import { describe, expect, it } from 'vitest';
import { buildStore, DEFAULT_FIXTURE, parseFixture, type Store } from '../../../mock-server/store/index.js';

/** Every table's rows, in insertion order (a deep, comparable snapshot of the store). */
function snapshot(store: Store): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [name, value] of Object.entries(store)) {
    if (value && typeof value === 'object' && 'all' in value && typeof value.all === 'function') out[name] = [...(value as { all(): Iterable<unknown> }).all()];
  }
  return out;
}

describe('buildStore', () => {
  it('builds an identical store from the same fixture and seed', () => {
    const a = snapshot(buildStore(DEFAULT_FIXTURE, 42));
    const b = snapshot(buildStore(DEFAULT_FIXTURE, 42));
    expect(Object.keys(a)).toHaveLength(21);
    expect(a).toEqual(b);
  });

  it('changes only the random parts with another seed: same ids and names, different GUIDs, values, sizes, thumbprints', () => {
    const a = buildStore(DEFAULT_FIXTURE, 1);
    const b = buildStore(DEFAULT_FIXTURE, 2);
    const ids = (s: Store) => [...s.machines.all()].map((m) => `${m.Id}:${m.Name}`);
    expect(ids(a)).toEqual(ids(b));
    expect(a.getDeploymentProcess('deploymentprocess-Projects-1')!.Steps.map((s) => s.Name)).toEqual(b.getDeploymentProcess('deploymentprocess-Projects-1')!.Steps.map((s) => s.Name));
    expect(a.getDeploymentProcess('deploymentprocess-Projects-1')!.Steps[0]!.Id).not.toBe(b.getDeploymentProcess('deploymentprocess-Projects-1')!.Steps[0]!.Id);
    expect(a.getVariableSet('variableset-Projects-1')!.Variables[0]!.Value).not.toBe(b.getVariableSet('variableset-Projects-1')!.Variables[0]!.Value);
    expect(a.getMachine('Machines-1')!.Thumbprint).not.toBe(b.getMachine('Machines-1')!.Thumbprint);
    expect(a.latestPackageVersion('Feeds-1', 'OctoPetShop.Web')!.SizeBytes).not.toBe(b.latestPackageVersion('Feeds-1', 'OctoPetShop.Web')!.SizeBytes);
  });

  it('contains the default world: space, user, OctoPetShop with its process, environments, tenants, targets, runbook, feed', () => {
    const s = buildStore(DEFAULT_FIXTURE, 1);
    expect(s.listSpaces().map((x) => [x.Id, x.Name, x.IsDefault])).toEqual([['Spaces-1', 'Default', true]]);
    expect(s.currentUser().Id).toBe('Users-1');
    expect(s.listProjects('Spaces-1').map((p) => `${p.Id} ${p.Name} ${p.TenantedDeploymentMode}`)).toEqual([
      'Projects-1 OctoPetShop TenantedOrUntenanted', 'Projects-2 Inventory Service Untenanted',
      'Projects-3 Payments API TenantedOrUntenanted', 'Projects-4 Customer Portal Tenanted',
    ]);
    const project = s.findProjectByName('Spaces-1', 'octopetshop')!;
    expect(s.defaultChannel(project.Id)).toMatchObject({ Id: 'Channels-1', Name: 'Default', IsDefault: true });
    const steps = s.getDeploymentProcess(project.DeploymentProcessId)!.Steps;
    expect(steps.map((st) => `${st.Name}|${st.Actions[0]!.ActionType}|${st.Properties['Octopus.Action.TargetRoles'] ?? '(server)'}`)).toEqual([
      'Deploy Web App|Octopus.TentaclePackage|web', 'Deploy Product API|Octopus.TentaclePackage|web', 'Run Smoke Tests|Octopus.Script|web',
      'Deploy Shopping Cart|Octopus.TentaclePackage|web', 'Deploy Database|Octopus.TentaclePackage|web', 'Notify Team|Octopus.Script|(server)',
    ]);
    expect(steps[0]!.Actions[0]!.Packages.map((p) => `${p.PackageId}@${p.FeedId}`)).toEqual(['OctoPetShop.Web@Feeds-1']);
    expect(s.listPackageVersions('Feeds-1', 'OctoPetShop.Web').map((v) => v.Version)).toEqual(['1.0.0', '1.0.1', '1.0.2', '1.0.3', '1.0.4']);
    expect(s.listEnvironments('Spaces-1').map((e) => `${e.Id} ${e.Name}`)).toEqual(['Environments-1 Development', 'Environments-2 Test', 'Environments-3 Production']);
    expect(s.listTenants('Spaces-1').map((t) => `${t.Name} ${JSON.stringify(t.ProjectEnvironments['Projects-1'])}`)).toEqual([
      'Tenant-A ["Environments-1","Environments-2","Environments-3"]', 'Tenant-B ["Environments-1","Environments-2","Environments-3"]',
      'Tenant-C ["Environments-1","Environments-2","Environments-3"]',
    ]);
    expect(s.machinesInEnvironment('Environments-2').map((m) => `${m.Id} ${m.Name} ${m.Roles.join()} ${m.TenantedDeploymentParticipation} ${m.TenantIds.join()}`)).toEqual([
      'Machines-4 test-web-01 web TenantedOrUntenanted Tenants-1,Tenants-2,Tenants-3',
      'Machines-5 test-web-02 web TenantedOrUntenanted Tenants-1,Tenants-2,Tenants-3',
      'Machines-6 test-web-03 web TenantedOrUntenanted Tenants-1,Tenants-2,Tenants-3',
    ]);
    const runbook = s.findRunbookByName(project.Id, 'RESTART')!;
    expect(s.getRunbookSnapshot(runbook.PublishedRunbookSnapshotId!)).toMatchObject({ RunbookId: runbook.Id, Name: 'Snapshot 1' });
    expect(s.listReleases(project.Id).map((r) => r.Version)).toEqual(['1.0.1', '1.0.0']);
    expect(s.getVariableSet(project.VariableSetId)!.Variables.map((v) => v.Value.length)).toEqual(Array(20).fill(48));
  });

  it('spreads totalTargets round-robin over the environments and honours the size parameters', () => {
    const s = buildStore(parseFixture({
      spaces: 2, projectsPerSpace: 1, environments: ['A', 'B', 'C'], totalTargets: 7, tenants: 0, stepsPerProcess: 3, packagesPerStep: 2,
      variablesPerProject: 2, variableValueBytes: 5, releasesPerProject: 0, packageVersionsInFeed: 2, maxParallelism: 4, acquireMaxParallelism: 3,
    }), 7);
    expect(s.listSpaces().map((x) => `${x.Id} ${x.Name} ${x.IsDefault}`)).toEqual(['Spaces-1 Default true', 'Spaces-2 Space 2 false']);
    expect(s.listMachines('Spaces-1').map((m) => `${m.Name}@${m.EnvironmentIds[0]}`)).toEqual([
      'a-web-01@Environments-1', 'b-web-01@Environments-2', 'c-web-01@Environments-3', 'a-web-02@Environments-1',
      'b-web-02@Environments-2', 'c-web-02@Environments-3', 'a-web-03@Environments-1',
    ]);
    expect(s.listMachines('Spaces-2')).toHaveLength(7);
    const steps = s.getDeploymentProcess('deploymentprocess-Projects-1')!.Steps;
    expect(steps.map((st) => [st.Actions[0]!.Packages.map((p) => p.PackageId), st.Properties['Octopus.Action.MaxParallelism'] ?? null])).toEqual([
      [['OctoPetShop.Web', 'OctoPetShop.Web.Part2'], '4'], [['OctoPetShop.ProductService', 'OctoPetShop.ProductService.Part2'], '4'], [[], null],
    ]);
    expect(s.getVariableSet('variableset-Projects-1')!.Variables.map((v) => `${v.Name}=${v.Value.length}`)).toEqual([
      'Octopus.Acquire.MaxParallelism=1', 'OctoPetShop.Setting001=5', 'OctoPetShop.Setting002=5',
    ]);
    expect(s.listReleases('Projects-1')).toEqual([]);
  });

  it('counts every lookup and list in queryCount', () => {
    const s = buildStore(DEFAULT_FIXTURE, 1);
    expect(s.queryCount).toBe(0);
    s.getProject('Projects-1');
    s.findEnvironmentByName('Spaces-1', 'Test');
    s.listTenants('Spaces-1');
    s.getProject('Projects-99');
    expect(s.queryCount).toBe(4);
  });

  it('indexes 10,000 targets for O(1) lookups', () => {
    const s = buildStore(parseFixture({ totalTargets: 10_000, tenants: 1, projectsPerSpace: 1 }), 1);
    expect(s.machines.size).toBe(10_000);
    expect(s.findMachineByName('Spaces-1', 'PRODUCTION-web-3333')!.Id).toBe('Machines-9999');
    expect(s.machinesInEnvironment('Environments-3')).toHaveLength(3333);
  });
});
