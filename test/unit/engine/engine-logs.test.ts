// Log lines: every fleet line lands in its command's node exactly once; misbehaving fleets (double
// done, logs after done, synchronous completion) do not corrupt state; onLog sees every stored line.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { Engine, countLogElements } from '../../../mock-server/engine/index.js';
import type { ActivityNode, Fleet } from '../../../mock-server/engine/types.js';
import { ScriptedFleet, action, pkg, plan, step, targets } from './helpers.js';

function collect(node: ActivityNode, out: Map<string, string[]>): void {
  for (const e of node.logElements) out.set(e.message, [...(out.get(e.message) ?? []), node.name]);
  for (const c of node.children) collect(c, out);
}

describe('log lines', () => {
  it('puts every fleet line into its command node exactly once, and reports each stored line to onLog', () => {
    const clock = new ManualClock(0);
    const fleet = new ScriptedFleet(clock, (c) => ({ ms: c.kind === 'acquire' ? 3 : 7, lines: 4 }));
    let onLog = 0;
    const engine = new Engine({ clock, fleet, taskCap: 2, onLog: () => void onLog++ });
    const shared = targets(20);
    for (let i = 1; i <= 3; i++) {
      engine.submit(plan(`T-${i}`, [
        step('A', shared, { windowSize: 6, actions: [action('A', { packages: [pkg('App')] }), action('A2')] }),
        step('B', shared, { startTrigger: 'StartWithPrevious' }),
        step('S', [], { runOnServer: true }),
      ]));
    }
    clock.runUntilIdle();
    const byMessage = new Map<string, string[]>();
    let total = 0;
    for (let i = 1; i <= 3; i++) {
      const task = engine.get(`T-${i}`)!;
      expect(task.state).toBe('Success');
      collect(task.activity, byMessage);
      total += countLogElements(task.activity);
    }
    const fleetLines = [...byMessage.entries()].filter(([m]) => m.includes(' line '));
    expect(fleetLines).toHaveLength(fleet.commands * 4);
    for (const [message, nodes] of fleetLines) {
      expect(nodes).toHaveLength(1);
      const target = message.split('@')[1]!.split(' line ')[0]!;
      expect(nodes[0]).toBe(target === 'Octopus Server' ? 'S' : target);
    }
    expect(onLog).toBe(total);
  });

  it('ignores a second done and log lines after done; copes with a fleet that completes synchronously', () => {
    const clock = new ManualClock(0);
    const fleet: Fleet = {
      execute: (c, cb) => {
        cb.log('Info', `ran ${c.kind === 'run' ? c.action.name : 'acquire'}`);
        cb.done({ status: 'success' });
        cb.done({ status: 'failed', error: 'second done' });
        cb.log('Info', 'after done');
        return { cancel: () => undefined };
      },
    };
    const engine = new Engine({ clock, fleet, taskCap: 1 });
    const ts = targets(2000);
    const task = engine.submit(plan('T-1', [step('A', ts, { windowSize: 1 }), step('B', ts, { windowSize: 1 })]));
    engine.submit(plan('T-2', [step('C', targets(1))]));
    expect(task.state).toBe('Success');
    expect(engine.get('T-2')?.state).toBe('Success');
    const node = task.activity.children[0]!.children[0]!;
    expect(node.logElements.map((e) => e.message)).toEqual(['ran A', 'Step succeeded on Web-01']);
    expect(engine.counts()).toEqual({ queued: 0, executing: 0 });
  });
});
