// Cancelling a simulated deployment midway: queued CPU work, transfers in flight and script timers are
// withdrawn, the task ends Canceled at the cancel instant, and no command is left in flight.
import { describe, expect, it } from 'vitest';
import { finishSimulation, startSimulation } from '../../../harness/simulate/simulate.js';
import { defaultSimSpec } from '../../../harness/simulate/spec.js';

describe('cancel in the simulator', () => {
  it('during acquisition: flows are cancelled, the task is Canceled when its commands report', () => {
    const spec = defaultSimSpec(20, 1);
    spec.deployment = { ...spec.deployment, steps: 2, acquireParallelism: 5 };
    const run = startSimulation(spec);
    const cancelAt = run.startMs + 3000; // 100 MB at 1 Gbit/s shared by 5: ~4 s per transfer
    run.kernel.run({ until: cancelAt });
    expect(run.resources.inFlight).toBe(5);
    expect(run.engine.cancel('ServerTasks-1')).toBe(true);
    finishSimulation(run);
    const task = run.tasks[0]!;
    expect(task.state).toBe('Canceled');
    expect(run.resources.inFlight).toBe(0);
    expect(run.network.getStats()).toMatchObject({ flowsCancelled: 5, activeFlows: 0 });
    expect(run.fleet.commands).toBe(5);
    // Only the cancel-time completion CPU (half an action per command) separates cancel from the end.
    expect(task.completedTime! - cancelAt).toBeLessThan(10);
  });
});
