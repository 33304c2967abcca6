// Engine additions for both clocks: transfer decisions (cache, pull, push, delta), retries of dropped
// connections and retry-enabled steps, and the ServerResources seam.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { Engine, MemoryPackageCache, countLogElements, planTransfer } from '../../../mock-server/engine/index.js';
import type {
  CommandCallbacks, CommandRetry, Fleet, FleetCommand, PackageTransfer, ServerResources,
} from '../../../mock-server/engine/types.js';
import { ScriptedFleet, action, pkg, plan, step, targets, type Script } from './helpers.js';

const MB = 1_000_000;

function setup(script: (c: FleetCommand) => Script, extra: { cache?: MemoryPackageCache; resources?: ServerResources } = {}) {
  const clock = new ManualClock(0);
  const fleet = new ScriptedFleet(clock, script);
  const transfers: string[] = [];
  const recording: Fleet = {
    execute(c, cb) {
      if (c.kind === 'acquire') transfers.push(`${c.target.name} ${JSON.stringify(c.transfer)}`);
      return fleet.execute(c, cb);
    },
  };
  const retries: CommandRetry[] = [];
  const engine = new Engine({
    clock, fleet: recording, onRetry: (_t, r) => retries.push(r),
    ...(extra.cache ? { packageCache: extra.cache } : {}), ...(extra.resources ? { serverResources: extra.resources } : {}),
  });
  return { clock, fleet, engine, transfers, retries };
}

describe('package transfers', () => {
  it('planTransfer: cached, pull, full push, delta (≈1.3 % signature + changed bytes), >80 % changed → full', () => {
    const p = { ...pkg('App', 100 * MB), version: '1.1.0', changedFraction: 0.01 };
    expect(planTransfer(p, ['1.1.0'], true)).toEqual({ kind: 'cached' });
    expect(planTransfer({ ...p, acquisitionLocation: 'ExecutionTarget' }, ['1.0.0'], true)).toEqual({ kind: 'pull', bytes: 100 * MB });
    expect(planTransfer(p, [], true)).toEqual({ kind: 'push', bytes: 100 * MB, reason: 'no-basis' });
    expect(planTransfer(p, ['1.0.0'], false)).toEqual({ kind: 'push', bytes: 100 * MB, reason: 'delta-disabled' });
    const delta = planTransfer(p, ['0.9.0', '1.0.0'], true);
    expect(delta).toEqual({ kind: 'delta', basisVersion: '1.0.0', signatureBytes: 1_300_000, deltaBytes: 1_000_000, packageBytes: 100 * MB });
    // The RFC's anchor: a 100 MB package with a 1 MB change moves at most ~3 MB.
    const d = delta as Extract<PackageTransfer, { kind: 'delta' }>;
    expect(d.signatureBytes + d.deltaBytes).toBeLessThanOrEqual(3 * MB);
    expect(planTransfer({ ...p, changedFraction: 0.81 }, ['1.0.0'], true)).toEqual({ kind: 'push', bytes: 100 * MB, reason: 'too-different' });
  });

  it('a version already on a target moves no bytes: the second deployment finds it in the cache', () => {
    const { clock, engine, transfers } = setup(() => ({ ms: 10 }));
    const s = step('Deploy', targets(2), { actions: [action('Deploy', { packages: [pkg('App', 5 * MB)] })] });
    engine.submit(plan('T-1', [s]));
    clock.runUntilIdle();
    const second = engine.submit(plan('T-2', [s]));
    clock.runUntilIdle();
    expect(transfers).toEqual([
      `Web-01 {"kind":"push","bytes":5000000,"reason":"no-basis"}`, `Web-02 {"kind":"push","bytes":5000000,"reason":"no-basis"}`,
      'Web-01 {"kind":"cached"}', 'Web-02 {"kind":"cached"}',
    ]);
    const acquireNode = second.activity.children[0]!;
    expect(acquireNode.children[0]!.logElements[0]!.message).toBe('Package App 1.0.0 is already in the package cache on Web-01; nothing to transfer');
  });

  it('delta compression against a seeded cache, off with Octopus.Acquire.DeltaCompressionEnabled=False', () => {
    const cache = new MemoryPackageCache();
    cache.add('Machines-Web-1', 'App', '0.9.0');
    const { clock, engine, transfers } = setup(() => ({ ms: 10 }), { cache });
    const p = { ...pkg('App', 10 * MB), changedFraction: 0.1 };
    const s = step('Deploy', targets(2), { actions: [action('Deploy', { packages: [p] })] });
    engine.submit(plan('T-1', [s]));
    clock.runUntilIdle();
    engine.submit(plan('T-2', [{ ...s, actions: [action('Deploy', { packages: [{ ...p, version: '2.0.0' }] })] }], { variables: { 'Octopus.Acquire.DeltaCompressionEnabled': 'False' } }));
    clock.runUntilIdle();
    expect(transfers).toEqual([
      'Web-01 {"kind":"delta","basisVersion":"0.9.0","signatureBytes":130000,"deltaBytes":1000000,"packageBytes":10000000}',
      'Web-02 {"kind":"push","bytes":10000000,"reason":"no-basis"}',
      'Web-01 {"kind":"push","bytes":10000000,"reason":"delta-disabled"}',
      'Web-02 {"kind":"push","bytes":10000000,"reason":"delta-disabled"}',
    ]);
    expect(cache.versions('Machines-Web-1', 'App')).toEqual(['0.9.0', '1.0.0', '2.0.0']);
  });
});

describe('retries', () => {
  it('a dropped connection is retried 1 s later, at most 5 times; then the step fails', () => {
    const { clock, fleet, engine, retries } = setup((c) => ({ ms: 10, ...(c.kind === 'run' ? { fail: 'connection reset', dropped: true } : {}) }));
    const task = engine.submit(plan('T-1', [step('Deploy', targets(1))]));
    clock.runUntilIdle();
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual([0, 1010, 2020, 3030, 4040, 5050].map((t) => `${t} start T-1 run Deploy@Web-01`));
    expect(retries.map((r) => `${r.reason} ${r.attempt} ${r.delayMs}`)).toEqual([1, 2, 3, 4, 5].map((a) => `connection-dropped ${a} 1000`));
    expect(task.state).toBe('Failed');
    expect(task.completedTime).toBe(5060);
    const unit = task.activity.children[0]!.children[0]!;
    expect(unit.logElements[0]!).toMatchObject({ category: 'Warning', occurredAt: 10, message: 'The connection to the target dropped (connection reset); retrying in 1 s (retry 1)' });
  });

  it('a failed script is retried only when its action allows it, after the backoff; success ends the retries', () => {
    let runs = 0;
    const { clock, fleet, engine, retries } = setup((c) => (c.kind === 'run' && c.action.name === 'Flaky' && runs++ < 2 ? { ms: 10, fail: 'exit 1' } : { ms: 10 }));
    const flaky = step('Flaky', targets(1), { actions: [action('Flaky', { properties: { 'Octopus.Action.AutoRetry.MaximumCount': '3', 'Octopus.Action.AutoRetry.MinimumBackoff': '2' } })] });
    const task = engine.submit(plan('T-1', [flaky, step('Next', targets(1))]));
    clock.runUntilIdle();
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual([
      '0 start T-1 run Flaky@Web-01', '2010 start T-1 run Flaky@Web-01', '4020 start T-1 run Flaky@Web-01', '4030 start T-1 run Next@Web-01',
    ]);
    expect(retries.map((r) => `${r.reason} ${r.attempt}`)).toEqual(['step-failed 1', 'step-failed 2']);
    expect(task.state).toBe('Success');
    expect(task.hasWarningsOrErrors).toBe(true);
  });

  it('without the retry property a failed script fails the step at once; cancel during a backoff ends the task', () => {
    const a = setup((c) => ({ ms: 10, ...(c.kind === 'run' ? { fail: 'exit 1' } : {}) }));
    const failed = a.engine.submit(plan('T-1', [step('Deploy', targets(1))]));
    a.clock.runUntilIdle();
    expect([failed.state, failed.completedTime, a.retries.length]).toEqual(['Failed', 10, 0]);

    const b = setup((c) => ({ ms: 10, ...(c.kind === 'run' ? { fail: 'reset', dropped: true } : {}) }));
    const task = b.engine.submit(plan('T-1', [step('Deploy', targets(1))]));
    b.clock.advanceTo(500);
    expect(b.engine.cancel('T-1')).toBe(true);
    expect([task.state, task.completedTime]).toEqual(['Canceled', 500]);
    b.clock.runUntilIdle();
    expect(b.fleet.commands).toBe(1);
  });
});

describe('ServerResources seam', () => {
  it('dispatch waits for the server, done can be delayed, and every stored line is ingested', () => {
    const clock = new ManualClock(0);
    const fleet = new ScriptedFleet(clock, () => ({ ms: 10, lines: 2 }));
    const ingested: string[] = [];
    const resources: ServerResources = {
      execute(command, inner, callbacks: CommandCallbacks) {
        const timer = clock.setTimer(5, () => inner.execute(command, { log: (c, m) => callbacks.log(c, m), done: (o) => clock.setTimer(3, () => callbacks.done(o)) }));
        return { cancel: () => timer.cancel() };
      },
      ingestLog: (taskId, lines, bytes) => ingested.push(`${taskId} ${lines} ${bytes}`),
    };
    const engine = new Engine({ clock, fleet, serverResources: resources });
    const task = engine.submit(plan('T-1', [step('A', targets(1)), step('B', targets(1))]));
    clock.runUntilIdle();
    expect(fleet.trace).toEqual(['5 start T-1 run A@Web-01', '15 end T-1 run A@Web-01', '23 start T-1 run B@Web-01', '33 end T-1 run B@Web-01']);
    expect(task.completedTime).toBe(36);
    // 2 × "Deploying to 1 target", 2 × 2 fleet lines, 2 × "Step succeeded on Web-01": every stored line, once.
    expect(ingested.length).toBe(8);
    expect(countLogElements(task.activity)).toBe(8);
    expect(ingested[0]).toBe(`T-1 1 ${'Deploying to 1 target'.length}`);
  });
});
