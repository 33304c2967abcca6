// Delta compression through the store and the engine in virtual time (octopus-api.md §5.4): the store
// plans how much each version differs from older ones (fixture packageChangeFraction between
// consecutive versions), the engine diffs against the closest version cached on the target, sends the
// Octodiff signature plus the changed bytes, and pushes the whole package on a first deployment, with
// Octopus.Acquire.DeltaCompressionEnabled=False, above 80 % changed, and never deltas a pull.
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { Engine, transferBytes, type ActivityNode, type FleetCommand, type PackageTransfer } from '../../../mock-server/engine/index.js';
import {
  buildStore, createDeployment, createRelease, packageChanges, parseFixture, requireProject, type FixtureInput, type Store,
} from '../../../mock-server/store/index.js';
import { ScriptedFleet } from './helpers.js';

const SIZE = 1_000_000;

interface World {
  store: Store;
  clock: ManualClock;
  engine: Engine;
  acquisitions: { target: string; packageId: string; version: string; transfer: PackageTransfer }[];
  deploy(packageVersion: string): { taskId: string; acquisitions: World['acquisitions'] };
}

function world(fixture: FixtureInput = {}): World {
  const store = buildStore(parseFixture({
    projectsPerSpace: 1, tenants: 0, targetsPerEnvironment: 2, stepsPerProcess: 2, packagesPerStep: 1, releasesPerProject: 0,
    packageSizeBytes: SIZE, packageSizeSpread: 0, ...fixture,
  }), 7);
  const clock = new ManualClock(Date.UTC(2026, 1, 1));
  const acquisitions: World['acquisitions'] = [];
  const fleet = new ScriptedFleet(clock, (c: FleetCommand) => {
    if (c.kind === 'acquire') acquisitions.push({ target: c.target.name, packageId: c.pkg.packageId, version: c.pkg.version, transfer: c.transfer });
    return { ms: 1000 };
  });
  const engine = new Engine({ clock, fleet });
  const deps = { store, engine, clock };
  const project = requireProject(store, 'Spaces-1', 'Projects-1');
  const deploy = (packageVersion: string): { taskId: string; acquisitions: World['acquisitions'] } => {
    const from = acquisitions.length;
    const { release } = createRelease(deps, { spaceId: 'Spaces-1', projectId: project.Id, packageVersion });
    const { task } = createDeployment(deps, { spaceId: 'Spaces-1', releaseId: release.Id, environmentId: 'Development' });
    clock.advanceBy(3_600_000);
    expect(engine.get(task.Id)!.state).toBe('Success');
    return { taskId: task.Id, acquisitions: acquisitions.slice(from) };
  };
  return { store, clock, engine, acquisitions, deploy };
}

function messages(node: ActivityNode, out: string[] = []): string[] {
  for (const e of node.logElements) out.push(e.message);
  for (const c of node.children) out.push(...messages(c));
  return out;
}

const sizeOf = (store: Store, packageId: string, version: string): number => store.findPackageVersion('Feeds-1', packageId, version)!.SizeBytes;

describe('delta compression through the store and the engine', () => {
  let w: World;
  beforeEach(() => {
    w = world();
  });

  it('plans the changed fraction since every older version within reach of the version series', () => {
    const packageId = [...w.store.packageVersions.all()][0]!.PackageId;
    const changes = packageChanges(w.store, 'Feeds-1', packageId, '1.0.3')!;
    expect(changes.content).toEqual({ index: 3, changeFraction: 0.07 });
    expect(Object.entries(changes.changedFractionSince).map(([v, f]) => `${v}:${f.toFixed(2)}`)).toEqual(['1.0.2:0.07', '1.0.1:0.14', '1.0.0:0.21']);
    expect(packageChanges(w.store, 'Feeds-1', packageId, '9.9.9')).toBeUndefined();
    const wide = world({ packageChangeFraction: 0.4 });
    expect(Object.keys(packageChanges(wide.store, 'Feeds-1', packageId, '1.0.4')!.changedFractionSince)).toEqual(['1.0.3', '1.0.2']);
  });

  it('first deployment pushes whole packages; the next release goes as delta against the cached version', () => {
    const first = w.deploy('1.0.2');
    expect(first.acquisitions.length).toBe(2);
    for (const a of first.acquisitions) {
      expect(a.transfer).toEqual({ kind: 'push', bytes: sizeOf(w.store, a.packageId, '1.0.2'), reason: 'no-basis' });
    }
    const second = w.deploy('1.0.3');
    expect(second.acquisitions.map((a) => a.target).sort()).toEqual(first.acquisitions.map((a) => a.target).sort());
    for (const a of second.acquisitions) {
      const size = sizeOf(w.store, a.packageId, '1.0.3');
      expect(a.transfer).toEqual({
        kind: 'delta', basisVersion: '1.0.2', signatureBytes: Math.ceil(size * 0.013), deltaBytes: Math.ceil(size * 0.07), packageBytes: size,
      });
      expect(transferBytes(a.transfer)).toBe(Math.ceil(size * 0.013) + Math.ceil(size * 0.07));
      expect(messages(w.engine.get(second.taskId)!.activity)).toContain(
        `Delta compression: sending ${Math.ceil(size * 0.07)} of ${size} bytes of ${a.packageId} 1.0.3 to ${a.target} (basis 1.0.2)`);
    }
  });

  it('diffs against the closest cached version: two versions apart is twice the change', () => {
    w.deploy('1.0.0');
    const third = w.deploy('1.0.2');
    for (const a of third.acquisitions) {
      const size = sizeOf(w.store, a.packageId, '1.0.2');
      expect(a.transfer).toMatchObject({ kind: 'delta', basisVersion: '1.0.0', deltaBytes: Math.ceil(size * 0.14) });
    }
    const fourth = w.deploy('1.0.3');
    for (const a of fourth.acquisitions) expect(a.transfer).toMatchObject({ kind: 'delta', basisVersion: '1.0.2' });
  });

  it('a version already cached moves nothing', () => {
    w.deploy('1.0.2');
    const again = w.deploy('1.0.2');
    for (const a of again.acquisitions) expect(a.transfer).toEqual({ kind: 'cached' });
  });

  it('Octopus.Acquire.DeltaCompressionEnabled=False pushes the whole package', () => {
    const project = requireProject(w.store, 'Spaces-1', 'Projects-1');
    w.store.getVariableSet(project.VariableSetId)!.Variables.push({
      Id: 'delta-off', Name: 'Octopus.Acquire.DeltaCompressionEnabled', Value: 'False', Type: 'String', IsSensitive: false,
    });
    w.deploy('1.0.2');
    const second = w.deploy('1.0.3');
    expect(second.acquisitions.length).toBe(2);
    for (const a of second.acquisitions) {
      expect(a.transfer).toEqual({ kind: 'push', bytes: sizeOf(w.store, a.packageId, '1.0.3'), reason: 'delta-disabled' });
    }
  });

  it('above 80 % changed the whole package goes, and the log says why', () => {
    const wide = world({ packageChangeFraction: 0.45 });
    wide.deploy('1.0.0');
    const second = wide.deploy('1.0.2');
    for (const a of second.acquisitions) {
      expect(a.transfer).toEqual({ kind: 'push', bytes: sizeOf(wide.store, a.packageId, '1.0.2'), reason: 'too-different' });
      expect(messages(wide.engine.get(second.taskId)!.activity)).toContain(`More than 80% of ${a.packageId} 1.0.2 changed; sending the full package to ${a.target}`);
    }
    const third = wide.deploy('1.0.3');
    for (const a of third.acquisitions) expect(a.transfer).toMatchObject({ kind: 'delta', basisVersion: '1.0.2', deltaBytes: Math.ceil(sizeOf(wide.store, a.packageId, '1.0.3') * 0.45) });
  });

  it('a pull (ExecutionTarget) never uses delta', () => {
    const pull = world({ acquisitionLocation: 'ExecutionTarget' });
    pull.deploy('1.0.2');
    const second = pull.deploy('1.0.3');
    expect(second.acquisitions.length).toBe(2);
    for (const a of second.acquisitions) expect(a.transfer).toEqual({ kind: 'pull', bytes: sizeOf(pull.store, a.packageId, '1.0.3') });
  });
});
