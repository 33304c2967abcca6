// Step orchestration: rolling windows, StartWithPrevious groups, step parallelism, conditions,
// disabled/skipped actions, runOnServer, and failure propagation.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { Engine } from '../../../mock-server/engine/index.js';
import type { ActivityNode, FleetCommand, TaskPlan } from '../../../mock-server/engine/types.js';
import { ScriptedFleet, action, plan, step, targets, type Script } from './helpers.js';

function run(p: TaskPlan, script: (c: FleetCommand) => Script) {
  const clock = new ManualClock(0);
  const fleet = new ScriptedFleet(clock, script);
  const engine = new Engine({ clock, fleet });
  const task = engine.submit(p);
  clock.runUntilIdle();
  return { fleet, task, clock };
}

const statuses = (node: ActivityNode): string[] => node.children.map((n) => `${n.name}: ${n.status}`);

describe('rolling window', () => {
  it('window w over N targets with step time d takes ceil(N/w)·d, targets in plan order', () => {
    const { fleet, task } = run(plan('T-1', [step('Roll', targets(7), { windowSize: 3 })]), () => ({ ms: 50 }));
    expect(task.completedTime).toBe(Math.ceil(7 / 3) * 50);
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual([
      '0 start T-1 run Roll@Web-01', '0 start T-1 run Roll@Web-02', '0 start T-1 run Roll@Web-03',
      '50 start T-1 run Roll@Web-04', '50 start T-1 run Roll@Web-05', '50 start T-1 run Roll@Web-06',
      '100 start T-1 run Roll@Web-07',
    ]);
    expect(task.activity.children[0]!.logElements[0]!.message).toBe('Deploying to 7 targets, 3 at a time (rolling window)');
  });

  it('runs all of a step\'s actions on a target before the window moves on (child steps)', () => {
    const s = step('Web', targets(2), { windowSize: 1, actions: [action('Stop'), action('Deploy'), action('Start')] });
    const { fleet, task } = run(plan('T-1', [s]), (c) => ({ ms: c.kind === 'run' && c.action.name === 'Deploy' ? 20 : 10 }));
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual([
      '0 start T-1 run Stop@Web-01', '10 start T-1 run Deploy@Web-01', '30 start T-1 run Start@Web-01',
      '40 start T-1 run Stop@Web-02', '50 start T-1 run Deploy@Web-02', '70 start T-1 run Start@Web-02',
    ]);
    expect(task.completedTime).toBe(80);
  });

  it('without a window, every target runs the step at once (actions in order per target)', () => {
    const s = step('All', targets(3), { actions: [action('A'), action('B')] });
    const { fleet, task } = run(plan('T-1', [s]), () => ({ ms: 10 }));
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual([
      '0 start T-1 run A@Web-01', '0 start T-1 run A@Web-02', '0 start T-1 run A@Web-03',
      '10 start T-1 run B@Web-01', '10 start T-1 run B@Web-02', '10 start T-1 run B@Web-03',
    ]);
    expect(task.completedTime).toBe(20);
  });
});

describe('step groups', () => {
  it('StartWithPrevious runs a step in parallel with the one before; the next group waits for both', () => {
    const ts = targets(1);
    const p = plan('T-1', [step('A', ts), step('B', targets(1, 'Db'), { startTrigger: 'StartWithPrevious' }), step('C', ts)]);
    const { fleet, task } = run(p, (c) => ({ ms: c.kind === 'run' && c.step.name === 'A' ? 100 : c.kind === 'run' && c.step.name === 'B' ? 60 : 10 }));
    expect(fleet.trace).toEqual([
      '0 start T-1 run A@Web-01', '0 start T-1 run B@Db-01', '60 end T-1 run B@Db-01', '100 end T-1 run A@Web-01',
      '100 start T-1 run C@Web-01', '110 end T-1 run C@Web-01',
    ]);
    expect(task.state).toBe('Success');
  });

  it('Octopus.Action.MaxParallelism bounds how many steps of a group run at once', () => {
    const swp = { startTrigger: 'StartWithPrevious' } as const;
    const p = plan('T-1', [step('A', targets(1, 'A')), step('B', targets(1, 'B'), swp), step('C', targets(1, 'C'), swp)], {
      variables: { 'Octopus.Action.MaxParallelism': '2' },
    });
    const { fleet, task } = run(p, () => ({ ms: 10 }));
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual(['0 start T-1 run A@A-01', '0 start T-1 run B@B-01', '10 start T-1 run C@C-01']);
    expect(task.completedTime).toBe(20);
  });

  it('runs runOnServer steps once per action on the server pseudo target', () => {
    const s = step('Notify', [], { runOnServer: true, actions: [action('Email'), action('Slack')] });
    const { fleet, task } = run(plan('T-1', [s]), () => ({ ms: 5 }));
    expect(fleet.trace).toEqual([
      '0 start T-1 run Email@Octopus Server', '5 end T-1 run Email@Octopus Server',
      '5 start T-1 run Slack@Octopus Server', '10 end T-1 run Slack@Octopus Server',
    ]);
    expect(statuses(task.activity.children[0]!)).toEqual(['Email: Success', 'Slack: Success']);
  });
});

describe('conditions and failure', () => {
  it('after a failure, Success steps are Skipped, Failure and Always steps run; the task fails naming step and target', () => {
    const ts = targets(2);
    const p = plan('T-1', [
      step('Deploy', ts),
      step('Smoke', ts),
      step('Rollback', ts, { condition: 'Failure' }),
      step('Notify', targets(1, 'Ops'), { condition: 'Always' }),
    ]);
    const { fleet, task } = run(p, (c) => ({ ms: 10, ...(c.kind === 'run' && c.step.name === 'Deploy' && c.target.name === 'Web-02' ? { fail: 'exit code 3' } : {}) }));
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual([
      '0 start T-1 run Deploy@Web-01', '0 start T-1 run Deploy@Web-02',
      '10 start T-1 run Rollback@Web-01', '10 start T-1 run Rollback@Web-02', '20 start T-1 run Notify@Ops-01',
    ]);
    expect(task.state).toBe('Failed');
    expect(task.errorMessage).toBe('The deployment failed because step 1 "Deploy" failed on Web-02: exit code 3');
    expect(task.hasWarningsOrErrors).toBe(true);
    expect(statuses(task.activity)).toEqual(['Step 1: Deploy: Failed', 'Step 2: Smoke: Skipped', 'Step 3: Rollback: Success', 'Step 4: Notify: Success']);
    expect(statuses(task.activity.children[0]!)).toEqual(['Web-01: Success', 'Web-02: Failed']);
    expect(task.activity.children[0]!.children[1]!.logElements.map((e) => `${e.category} ${e.message}`)).toEqual(['Error Step failed on Web-02: exit code 3']);
    expect(task.activity.children[1]!.logElements.map((e) => e.message)).toEqual(['Skipped: a previous step failed']);
    expect(task.activity.status).toBe('Failed');
  });

  it('skips Failure steps when nothing failed, runs Variable steps only when the variable is True', () => {
    const ts = targets(1);
    const p = plan('T-1', [
      step('A', ts),
      step('OnFail', ts, { condition: 'Failure' }),
      step('Yes', ts, { condition: 'Variable', conditionVariable: 'RunYes' }),
      step('No', ts, { condition: 'Variable', conditionVariable: 'RunNo' }),
      step('Expr', ts, { condition: 'Variable', conditionVariable: '#{RunYes}' }),
      step('Literal', ts, { condition: 'Variable', conditionVariable: 'True' }),
      step('Unset', ts, { condition: 'Variable', conditionVariable: '#{Missing}' }),
    ], { variables: { RunYes: 'true', RunNo: 'False' } });
    const { fleet, task } = run(p, () => ({ ms: 10 }));
    expect(fleet.trace.filter((l) => l.includes('start'))).toEqual(['0 start T-1 run A@Web-01', '10 start T-1 run Yes@Web-01', '20 start T-1 run Expr@Web-01', '30 start T-1 run Literal@Web-01']);
    expect(statuses(task.activity)).toEqual([
      'Step 1: A: Success', 'Step 2: OnFail: Skipped', 'Step 3: Yes: Success', 'Step 4: No: Skipped',
      'Step 5: Expr: Success', 'Step 6: Literal: Success', 'Step 7: Unset: Skipped',
    ]);
    expect(task.activity.children[3]!.logElements.map((e) => e.message)).toEqual(['Skipped: the condition RunNo is "False", not True']);
    expect(task.state).toBe('Success');
  });

  it('skips disabled actions and plan.skipActionIds; a step with nothing left is Skipped', () => {
    const ts = targets(1);
    const p = plan('T-1', [
      step('A', ts, { actions: [action('A1'), action('A2', { isDisabled: true }), action('A3')] }),
      step('B', ts),
    ], { skipActionIds: ['Action-A3', 'Action-B'] });
    const { fleet, task } = run(p, () => ({ ms: 10 }));
    expect(fleet.trace).toEqual(['0 start T-1 run A1@Web-01', '10 end T-1 run A1@Web-01']);
    expect(statuses(task.activity)).toEqual(['Step 1: A: Success', 'Step 2: B: Skipped']);
  });

  it('stops a rolling window after a failure: running targets finish, the rest are Skipped', () => {
    const s = step('Roll', targets(5), { windowSize: 2 });
    const { fleet, task } = run(plan('T-1', [s]), (c) => ({ ms: c.target.name === 'Web-01' ? 10 : 30, ...(c.target.name === 'Web-01' ? { fail: 'boom' } : {}) }));
    expect(fleet.trace).toEqual(['0 start T-1 run Roll@Web-01', '0 start T-1 run Roll@Web-02', '10 end T-1 run Roll@Web-01 FAILED', '30 end T-1 run Roll@Web-02']);
    expect(statuses(task.activity.children[0]!)).toEqual(['Web-01: Failed', 'Web-02: Success', 'Web-03: Skipped', 'Web-04: Skipped', 'Web-05: Skipped']);
    expect(task.completedTime).toBe(30);
  });
});
