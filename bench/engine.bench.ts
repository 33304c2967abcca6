// Engine throughput check: one task, 10,000 targets × 20 steps (no window) on a ManualClock, against
// a fleet that completes every command after a fixed virtual delay with one log line. Prints wall
// time and commands/s. Run: npx tsx bench/engine.bench.ts [targets] [steps]
import { ManualClock, RealClock } from '../harness/core/clock.js';
import { argv, memoryUsage, writeOut } from '../harness/core/env.js';
import { Engine } from '../mock-server/engine/index.js';
import type { Fleet, PlannedStep, PlannedTarget, TaskPlan } from '../mock-server/engine/types.js';

const targetCount = Number(argv()[2] ?? 10_000);
const stepCount = Number(argv()[3] ?? 20);

const clock = new ManualClock(0);
let commands = 0;
const fleet: Fleet = {
  execute(command, callbacks) {
    commands++;
    const timer = clock.setTimer(1000, () => {
      callbacks.log('Info', 'done');
      callbacks.done({ status: 'success' });
    });
    return { cancel: () => timer.cancel() };
  },
};

const targets: PlannedTarget[] = Array.from({ length: targetCount }, (_, i) => ({ id: `Machines-${i + 1}`, name: `Target-${i + 1}` }));
const steps: PlannedStep[] = Array.from({ length: stepCount }, (_, i) => ({
  id: `Step-${i + 1}`, name: `Step ${i + 1}`, startTrigger: 'StartAfterPrevious', condition: 'Success',
  packageRequirement: 'LetOctopusDecide', targetRoles: ['web'], runOnServer: false, targets,
  actions: [{ id: `Action-${i + 1}`, name: `Action ${i + 1}`, actionType: 'Octopus.Script', isDisabled: false, packages: [], properties: {} }],
}));
const plan: TaskPlan = { taskId: 'ServerTasks-1', kind: 'Deploy', description: 'bench', steps, variables: {}, skipActionIds: [] };

const wall = new RealClock();
const t0 = wall.monotonic();
const engine = new Engine({ clock, fleet });
const task = engine.submit(plan);
const timers = clock.runUntilIdle(100_000_000);
const ms = wall.monotonic() - t0;
writeOut(`${targetCount} targets × ${stepCount} steps: state ${task.state}, virtual ${(task.completedTime ?? 0) - (task.startTime ?? 0)} ms`);
writeOut(`commands ${commands}, timers ${timers}, wall ${ms.toFixed(0)} ms, ${Math.round(commands / (ms / 1000)).toLocaleString('en')} commands/s`);
writeOut(`heap used ${(memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
