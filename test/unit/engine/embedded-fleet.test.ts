// The embedded fleet: modelled durations, log lines, failures and cancel, deterministic per seed.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { SeededRandom } from '../../../harness/core/random.js';
import { Engine } from '../../../mock-server/engine/index.js';
import { createEmbeddedFleet, type EmbeddedFleetProfile } from '../../../mock-server/engine/embedded-fleet.js';
import { action, pkg, plan, step, targets } from './helpers.js';

function deploy(seed: number, profile: Partial<EmbeddedFleetProfile> = {}) {
  const clock = new ManualClock(0);
  const fleet = createEmbeddedFleet({ clock, random: new SeededRandom(seed), ...profile });
  const trace: string[] = [];
  const engine = new Engine({
    clock, fleet,
    onLog: (t, node, e) => trace.push(`${e.occurredAt.toFixed(3)} ${t.taskId} ${node.name} ${e.category} ${e.message}`),
    onTaskStateChanged: (t) => trace.push(`${clock.now().toFixed(3)} ${t.taskId} ${t.state}`),
  });
  const ts = targets(4);
  const steps = [1, 2, 3, 4, 5].map((i) => step(`S${i}`, ts, i === 1 ? { actions: [action('S1', { packages: [pkg('App', 10 * 1024 * 1024)] })] } : {}));
  const task = engine.submit(plan('T-1', steps));
  clock.runUntilIdle();
  return { trace, task, clock, engine };
}

describe('embedded fleet', () => {
  it('same seed gives the same trace; another seed a different one', () => {
    const a = deploy(42);
    const b = deploy(42);
    const c = deploy(43);
    expect(a.trace).toEqual(b.trace);
    expect(a.trace).not.toEqual(c.trace);
    expect(a.task.state).toBe('Success');
  });

  it('models short action times: a 5-step deployment to 4 targets ends well within a second of virtual time', () => {
    const { task } = deploy(7);
    // 10 MiB acquisition at 2 ms/MiB (±50 %) then 5 steps of 40 ms ± 50 %: between 5·20+10 and 5·60+30 ms.
    expect(task.completedTime!).toBeGreaterThanOrEqual(110);
    expect(task.completedTime!).toBeLessThanOrEqual(330);
  });

  it('sends logLinesPerAction lines per action, spread over its duration', () => {
    const { task } = deploy(1, { logLinesPerAction: 4, actionJitter: 0, actionMs: 40, acquireMsPerMiB: 1 });
    const node = task.activity.children[1]!.children[0]!; // Step 1, Web-01
    expect(node.logElements.map((e) => `${e.occurredAt} ${e.message}`)).toEqual([
      '10 Running S1 on Web-01',
      '20 Octopus.Script: step output 1 of 2',
      '30 Octopus.Script: step output 2 of 2',
      '40 S1 finished on Web-01',
      '50 Step succeeded on Web-01',
    ]);
  });

  it('fails actions with probability failureRate (1 → the first step fails on every target)', () => {
    const { task } = deploy(3, { failureRate: 1 });
    expect(task.state).toBe('Failed');
    expect(task.activity.children.map((n) => n.status)).toEqual(['Success', 'Failed', 'Skipped', 'Skipped', 'Skipped', 'Skipped']);
  });

  it('honours cancel: timers stop and the task ends Canceled on the next tick', () => {
    const clock = new ManualClock(0);
    const engine = new Engine({ clock, fleet: createEmbeddedFleet({ clock, random: new SeededRandom(1), actionJitter: 0 }) });
    const task = engine.submit(plan('T-1', [step('S', targets(3))]));
    clock.advanceTo(10);
    engine.cancel('T-1');
    expect(task.state).toBe('Cancelling');
    clock.advanceTo(10);
    expect(task.state).toBe('Canceled');
    expect(clock.pending).toBe(0);
  });
});
