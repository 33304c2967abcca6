// The mode registry: scenario `mode` → the ModeRunner that runs its points and prints its table. The run
// command looks a mode up here and nowhere else.
import type { Scenario } from '../scenario/schema.js';
import type { ModeRunner } from './mode-runner.js';
import { apiFlowsRunner } from './api-flows/runner.js';
import { simRunner } from './sim-runner.js';
import { liveRunner } from './live-runner.js';

export const MODE_RUNNERS: Record<Scenario['mode'], ModeRunner> = {
  'api-flows': apiFlowsRunner,
  sim: simRunner,
  live: liveRunner,
};

export function runnerFor(mode: Scenario['mode']): ModeRunner {
  return MODE_RUNNERS[mode];
}
