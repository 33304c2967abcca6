// The per-target script mutex across tasks and the package acquisition phase.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { Engine } from '../../../mock-server/engine/index.js';
import type { FleetCommand } from '../../../mock-server/engine/types.js';
import { ScriptedFleet, action, pkg, plan, step, targets, type Script } from './helpers.js';

function setup(script: (c: FleetCommand) => Script) {
  const clock = new ManualClock(0);
  const fleet = new ScriptedFleet(clock, script);
  return { clock, fleet, engine: new Engine({ clock, fleet }) };
}

const WAIT = 'Waiting for the script in task T-1 to finish. This script requires that no other Octopus scripts are executing on this target at the same time.';

describe('per-target mutex', () => {
  it('serialises two tasks on a shared target, FIFO, with the wait line in the waiting task', () => {
    const { clock, fleet, engine } = setup(() => ({ ms: 100 }));
    const shared = targets(1, 'Shared');
    engine.submit(plan('T-1', [step('A', shared)]));
    const t2 = engine.submit(plan('T-2', [step('B', [...shared, ...targets(1, 'Own')])]));
    clock.runUntilIdle();
    expect(fleet.trace).toEqual([
      '0 start T-1 run A@Shared-01', '0 start T-2 run B@Own-01',
      '100 end T-1 run A@Shared-01', '100 start T-2 run B@Shared-01', '100 end T-2 run B@Own-01', '200 end T-2 run B@Shared-01',
    ]);
    const node = t2.activity.children[0]!.children[0]!;
    expect(node.logElements.map((e) => `${e.occurredAt} ${e.category} ${e.message}`)).toEqual([`0 Wait ${WAIT}`, '200 Info Step succeeded on Shared-01']);
    expect(node.started).toBe(0);
    expect(t2.completedTime).toBe(200);
  });

  it('does not block parallel steps of the same task on one target, nor runOnServer steps', () => {
    const { clock, fleet, engine } = setup(() => ({ ms: 10 }));
    const ts = targets(1);
    engine.submit(plan('T-1', [step('A', ts), step('B', ts, { startTrigger: 'StartWithPrevious' }), step('S', [], { runOnServer: true, startTrigger: 'StartWithPrevious' })]));
    engine.submit(plan('T-2', [step('S2', [], { runOnServer: true })]));
    clock.runUntilIdle();
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual([
      '0 start T-1 run A@Web-01', '0 start T-1 run B@Web-01', '0 start T-1 run S@Octopus Server', '0 start T-2 run S2@Octopus Server',
    ]);
  });

  it('a cancelled waiter gives up its place; the next task gets the target', () => {
    const { clock, fleet, engine } = setup(() => ({ ms: 100 }));
    const shared = targets(1, 'Shared');
    engine.submit(plan('T-1', [step('A', shared)]));
    engine.submit(plan('T-2', [step('B', shared)]));
    engine.submit(plan('T-3', [step('C', shared)]));
    clock.advanceTo(50);
    engine.cancel('T-2');
    expect(engine.get('T-2')?.state).toBe('Canceled');
    clock.runUntilIdle();
    expect(fleet.trace).toEqual(['0 start T-1 run A@Shared-01', '100 end T-1 run A@Shared-01', '100 start T-3 run C@Shared-01', '200 end T-3 run C@Shared-01']);
  });
});

describe('package acquisition', () => {
  it('acquires n pairs with MaxParallelism p in ceil(n/p)·a, then runs the steps', () => {
    const { clock, fleet, engine } = setup((c) => ({ ms: c.kind === 'acquire' ? 20 : 10 }));
    const s = step('Deploy', targets(7), { actions: [action('Deploy', { packages: [pkg('App')] })] });
    const task = engine.submit(plan('T-1', [s], { variables: { 'Octopus.Acquire.MaxParallelism': '3' } }));
    clock.runUntilIdle();
    const starts = fleet.trace.filter((l) => l.includes('start'));
    expect(starts.slice(0, 7)).toEqual([
      '0 start T-1 acquire App@Web-01', '0 start T-1 acquire App@Web-02', '0 start T-1 acquire App@Web-03',
      '20 start T-1 acquire App@Web-04', '20 start T-1 acquire App@Web-05', '20 start T-1 acquire App@Web-06',
      '40 start T-1 acquire App@Web-07',
    ]);
    expect(starts[7]).toBe(`${Math.ceil(7 / 3) * 20} start T-1 run Deploy@Web-01`);
    expect(task.completedTime).toBe(70);
    const acquire = task.activity.children[0]!;
    expect(acquire).toMatchObject({ name: 'Acquire packages', status: 'Success', started: 0, ended: 60 });
    expect(acquire.children.map((n) => n.name)).toEqual(targets(7).map((t) => t.name));
  });

  it('defaults to 10 at once, acquires a package once per target, and skips NotAcquired packages', () => {
    const { clock, fleet, engine } = setup(() => ({ ms: 5 }));
    const notAcquired = { ...pkg('Ext'), acquisitionLocation: 'NotAcquired' as const };
    const a = action('A', { packages: [pkg('App'), notAcquired] });
    const b = action('B', { packages: [pkg('App')] });
    engine.submit(plan('T-1', [step('S', targets(12), { actions: [a, b] })]));
    clock.runUntilIdle();
    const acquires = fleet.trace.filter((l) => l.includes('start T-1 acquire'));
    expect(acquires).toHaveLength(12);
    expect(acquires.filter((l) => l.startsWith('0 '))).toHaveLength(10);
    expect(acquires.slice(10)).toEqual(['5 start T-1 acquire App@Web-11', '5 start T-1 acquire App@Web-12']);
  });

  it('runs BeforePackageAcquisition steps first, skips the phase when nothing needs acquiring', () => {
    const { clock, fleet, engine } = setup(() => ({ ms: 10 }));
    const ts = targets(1);
    const task = engine.submit(plan('T-1', [
      step('Deploy', ts, { actions: [action('Deploy', { packages: [pkg('App')] })] }),
      step('VPN', ts, { packageRequirement: 'BeforePackageAcquisition' }),
    ]));
    engine.submit(plan('T-2', [step('Plain', targets(1, 'Other'))]));
    clock.runUntilIdle();
    expect(fleet.trace.filter((l) => l.includes('T-1') && l.includes('start'))).toEqual([
      '0 start T-1 run VPN@Web-01', '10 start T-1 acquire App@Web-01', '20 start T-1 run Deploy@Web-01',
    ]);
    expect(task.activity.children.map((n) => n.name)).toEqual(['Step 2: VPN', 'Acquire packages', 'Step 1: Deploy']);
    expect(engine.get('T-2')!.activity.children.map((n) => n.name)).toEqual(['Step 1: Plain']);
  });

  it('a failed acquisition stops new acquisitions and fails the task; Success steps are skipped', () => {
    const { clock, fleet, engine } = setup((c) => ({ ms: 10, ...(c.kind === 'acquire' && c.target.name === 'Web-01' ? { fail: 'feed unreachable' } : {}) }));
    const s = step('Deploy', targets(3), { actions: [action('Deploy', { packages: [pkg('App')] })] });
    const task = engine.submit(plan('T-1', [s, step('Cleanup', targets(1), { condition: 'Always' })], { variables: { 'Octopus.Acquire.MaxParallelism': '2' } }));
    clock.runUntilIdle();
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual([
      '0 start T-1 acquire App@Web-01', '0 start T-1 acquire App@Web-02', '10 start T-1 run Cleanup@Web-01',
    ]);
    expect(task.state).toBe('Failed');
    expect(task.errorMessage).toBe('The deployment failed because acquiring package App 1.0.0 failed on Web-01: feed unreachable');
    expect(task.activity.children.map((n) => `${n.name}: ${n.status}`)).toEqual(['Acquire packages: Failed', 'Step 1: Deploy: Skipped', 'Step 2: Cleanup: Success']);
    expect(task.activity.children[0]!.children.map((n) => n.status)).toEqual(['Failed', 'Success', 'Skipped']);
  });
});
