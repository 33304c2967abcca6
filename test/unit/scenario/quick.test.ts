// quickScenario: first and last value of each matrix key, targets/deployments/steps capped (also inside
// the matrix), one api-flows iteration; the input is not modified.
import { describe, expect, it } from 'vitest';
import { quickScenario } from '../../../harness/run/quick.js';
import type { Scenario } from '../../../harness/scenario/schema.js';

describe('quickScenario', () => {
  it('scales a sim scenario down', () => {
    const s: Scenario = {
      version: 1, name: 'x', mode: 'sim', repeat: 5,
      deployment: { targets: 1000, deployments: 40, steps: 10, windowSize: 100 },
      matrix: { 'deployment.targets': [10, 100, 1000, 5000], 'fleet.polling': [true, false] },
    };
    expect(quickScenario(s)).toEqual({
      version: 1, name: 'x', mode: 'sim', repeat: 2,
      deployment: { targets: 20, deployments: 3, steps: 3, windowSize: 20 },
      matrix: { 'deployment.targets': [10, 20], 'fleet.polling': [true, false] },
    });
    expect(s.deployment!.targets).toBe(1000);
  });

  it('runs one iteration per api-flows point', () => {
    const s: Scenario = {
      version: 1, name: 'y', mode: 'api-flows', server: { kind: 'embedded' },
      workload: { operations: ['deploy-release'], apis: ['legacy'], vus: 4, iterations: 10 },
      matrix: { 'network.rttMs': [0, 10, 30] },
    };
    expect(quickScenario(s).workload).toEqual({ operations: ['deploy-release'], apis: ['legacy'], vus: 2, iterations: 1 });
    expect(quickScenario(s).matrix).toEqual({ 'network.rttMs': [0, 30] });
  });
});
