// The mode registry: scenario `mode` → the ModeRunner that runs its points. The run command looks a mode
// up here and nowhere else. A mode whose runner is not built yet fails with a coded error before any load.
import { OctobenchError } from '../core/errors.js';
import type { Scenario } from '../scenario/schema.js';
import type { ModeRunner } from './mode-runner.js';
import { apiFlowsRunner } from './api-flows/runner.js';
import { simRunner } from './sim-runner.js';
import { liveRunner } from './live-runner.js';

function notAvailable(mode: Scenario['mode']): ModeRunner {
  return {
    mode,
    prepare: () => Promise.reject(new OctobenchError('OCTOBENCH_ERR_MODE_UNAVAILABLE', `mode '${mode}' is not available yet in this build`)),
  };
}

export const MODE_RUNNERS: Record<Scenario['mode'], ModeRunner> = {
  'api-flows': apiFlowsRunner,
  sim: simRunner,
  live: liveRunner,
};

export function runnerFor(mode: Scenario['mode']): ModeRunner {
  return MODE_RUNNERS[mode];
}
