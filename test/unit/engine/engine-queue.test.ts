// Task cap, FIFO queue, queueTime / queueTimeExpiry, and cancel of queued and executing tasks.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { Engine } from '../../../mock-server/engine/index.js';
import type { TaskRuntime } from '../../../mock-server/engine/types.js';
import { ScriptedFleet, plan, step, targets } from './helpers.js';

function setup(ms = 100, taskCap?: number) {
  const clock = new ManualClock(0);
  const fleet = new ScriptedFleet(clock, () => ({ ms }));
  const states: string[] = [];
  const engine = new Engine({
    clock, fleet, ...(taskCap === undefined ? {} : { taskCap }),
    onTaskStateChanged: (t: TaskRuntime) => states.push(`${clock.now()} ${t.taskId} ${t.state}`),
  });
  return { clock, fleet, engine, states };
}

describe('task cap and queue', () => {
  it('runs at most 5 tasks; tasks 6 and 7 start exactly when 1 and 2 finish', () => {
    const { clock, fleet, engine } = setup(100);
    const ts = targets(7);
    for (let i = 1; i <= 7; i++) {
      engine.submit(plan(`ServerTasks-${i}`, [step('S', [ts[i - 1]!])]));
    }
    expect(engine.counts()).toEqual({ queued: 2, executing: 5 });
    clock.runUntilIdle();
    expect(fleet.trace).toEqual([
      '0 start ServerTasks-1 run S@Web-01', '0 start ServerTasks-2 run S@Web-02', '0 start ServerTasks-3 run S@Web-03',
      '0 start ServerTasks-4 run S@Web-04', '0 start ServerTasks-5 run S@Web-05',
      '100 end ServerTasks-1 run S@Web-01', '100 start ServerTasks-6 run S@Web-06',
      '100 end ServerTasks-2 run S@Web-02', '100 start ServerTasks-7 run S@Web-07',
      '100 end ServerTasks-3 run S@Web-03', '100 end ServerTasks-4 run S@Web-04', '100 end ServerTasks-5 run S@Web-05',
      '200 end ServerTasks-6 run S@Web-06', '200 end ServerTasks-7 run S@Web-07',
    ]);
    expect(engine.get('ServerTasks-6')).toMatchObject({ state: 'Success', queueTime: 0, startTime: 100, completedTime: 200 });
    expect(engine.counts()).toEqual({ queued: 0, executing: 0 });
  });

  it('honours a custom task cap', () => {
    const { clock, fleet, engine } = setup(10, 1);
    engine.submit(plan('T-1', [step('S', targets(1, 'A'))]));
    engine.submit(plan('T-2', [step('S', targets(1, 'B'))]));
    clock.runUntilIdle();
    expect(fleet.trace).toEqual(['0 start T-1 run S@A-01', '10 end T-1 run S@A-01', '10 start T-2 run S@B-01', '20 end T-2 run S@B-01']);
  });

  it('a prioritised task starts before every queued task that is not, first come first served among prioritised ones', () => {
    const { clock, fleet, engine } = setup(10, 1);
    engine.submit(plan('T-1', [step('S', targets(1, 'A'))]));
    engine.submit(plan('T-2', [step('S', targets(1, 'B'))]));
    engine.submit(plan('T-3', [step('S', targets(1, 'C'))], { prioritized: true }));
    engine.submit(plan('T-4', [step('S', targets(1, 'D'))]));
    engine.submit(plan('T-5', [step('S', targets(1, 'E'))], { prioritized: true }));
    clock.runUntilIdle();
    expect(fleet.trace.filter((line) => line.includes(' start '))).toEqual([
      '0 start T-1 run S@A-01', '10 start T-3 run S@C-01', '20 start T-5 run S@E-01', '30 start T-2 run S@B-01', '40 start T-4 run S@D-01',
    ]);
  });

  it('does not start a task before its queueTime, and times out one still queued at queueTimeExpiry', () => {
    const { clock, fleet, engine, states } = setup(100, 1);
    engine.submit(plan('T-1', [step('S', targets(1, 'A'))]));
    engine.submit(plan('T-2', [step('S', targets(1, 'B'))], { queueTimeExpiry: 50 }));
    engine.submit(plan('T-3', [step('S', targets(1, 'C'))], { queueTime: 150 }));
    clock.runUntilIdle();
    expect(states).toEqual([
      '0 T-1 Queued', '0 T-1 Executing', '0 T-2 Queued', '0 T-3 Queued',
      '50 T-2 TimedOut', '100 T-1 Success', '150 T-3 Executing', '250 T-3 Success',
    ]);
    expect(engine.get('T-2')).toMatchObject({ state: 'TimedOut', errorMessage: 'Timed out', completedTime: 50 });
    expect(engine.get('T-3')?.queueTime).toBe(150);
    expect(fleet.trace).toEqual(['0 start T-1 run S@A-01', '100 end T-1 run S@A-01', '150 start T-3 run S@C-01', '250 end T-3 run S@C-01']);
  });
});

describe('cancel', () => {
  it('cancels a queued task at once and it never runs', () => {
    const { clock, fleet, engine, states } = setup(100, 1);
    engine.submit(plan('T-1', [step('S', targets(1, 'A'))]));
    engine.submit(plan('T-2', [step('S', targets(1, 'B'))]));
    expect(engine.cancel('T-2')).toBe(true);
    expect(engine.cancel('T-2')).toBe(false);
    expect(engine.counts()).toEqual({ queued: 0, executing: 1 });
    clock.runUntilIdle();
    expect(states).toEqual(['0 T-1 Queued', '0 T-1 Executing', '0 T-2 Queued', '0 T-2 Canceled', '100 T-1 Success']);
    expect(fleet.trace).toEqual(['0 start T-1 run S@A-01', '100 end T-1 run S@A-01']);
    expect(engine.get('T-2')?.activity.status).toBe('Canceled');
  });

  it('cancels an executing task: Cancelling, running commands cancelled, then Canceled; the next task starts', () => {
    const { clock, fleet, engine, states } = setup(100, 1);
    const ts = targets(2);
    engine.submit(plan('T-1', [step('A', ts), step('B', ts)]));
    engine.submit(plan('T-2', [step('C', targets(1, 'Db'))]));
    clock.advanceTo(30);
    expect(engine.cancel('T-1')).toBe(true);
    expect(engine.cancel('T-1')).toBe(false);
    clock.runUntilIdle();
    expect(fleet.trace).toEqual([
      '0 start T-1 run A@Web-01', '0 start T-1 run A@Web-02',
      '30 cancel T-1 run A@Web-01', '30 cancel T-1 run A@Web-02',
      '30 start T-2 run C@Db-01', '130 end T-2 run C@Db-01',
    ]);
    expect(states).toEqual([
      '0 T-1 Queued', '0 T-1 Executing', '0 T-2 Queued', '30 T-1 Cancelling', '30 T-1 Canceled', '30 T-2 Executing', '130 T-2 Success',
    ]);
    const tree = engine.get('T-1')!.activity;
    expect(tree.children.map((n) => `${n.name} ${n.status}`)).toEqual(['Step 1: A Canceled', 'Step 2: B Canceled']);
    expect(tree.children[0]!.children.map((n) => n.status)).toEqual(['Canceled', 'Canceled']);
  });

  it('stays Cancelling until a slow fleet reports done, and ignores a second done', () => {
    const clock = new ManualClock(0);
    const states: string[] = [];
    let finish: (() => void) | undefined;
    const engine = new Engine({
      clock,
      fleet: {
        execute: (_c, cb) => ({
          cancel: () => {
            finish = () => { cb.done({ status: 'cancelled' }); cb.done({ status: 'success' }); cb.log('Info', 'late'); };
          },
        }),
      },
      onTaskStateChanged: (t) => states.push(`${clock.now()} ${t.state}`),
    });
    engine.submit(plan('T-1', [step('A', targets(1))]));
    clock.advanceTo(10);
    engine.cancel('T-1');
    clock.advanceTo(20);
    expect(engine.get('T-1')?.state).toBe('Cancelling');
    expect(engine.counts()).toEqual({ queued: 0, executing: 1 });
    finish!();
    expect(states).toEqual(['0 Queued', '0 Executing', '10 Cancelling', '20 Canceled']);
    expect(engine.counts()).toEqual({ queued: 0, executing: 0 });
    expect(engine.get('T-1')!.activity.children[0]!.children[0]!.logElements.map((e) => e.message)).toEqual([]);
  });
});
