// `--quick`: a small variant of a scenario for smoke tests and CI — the same keys and the same swept
// parameters, scaled down: at most 2 values per matrix key (first and last), at most 20 targets,
// 3 deployments and 3 steps; api-flows runs one iteration per point. Pure: returns a new scenario.
import type { Scenario } from '../scenario/schema.js';

export const QUICK_LIMITS = { matrixValues: 2, targets: 20, deployments: 3, steps: 3, iterations: 1 } as const;

const CAPPED: Record<string, number> = {
  'deployment.targets': QUICK_LIMITS.targets,
  'deployment.deployments': QUICK_LIMITS.deployments,
  'deployment.steps': QUICK_LIMITS.steps,
};

function capValue(key: string, v: number | string | boolean): number | string | boolean {
  const cap = CAPPED[key];
  return cap !== undefined && typeof v === 'number' ? Math.min(v, cap) : v;
}

function quickMatrix(matrix: NonNullable<Scenario['matrix']>): NonNullable<Scenario['matrix']> {
  const out: NonNullable<Scenario['matrix']> = {};
  for (const [key, values] of Object.entries(matrix)) {
    const picked = values.length <= QUICK_LIMITS.matrixValues ? values : [values[0]!, values[values.length - 1]!];
    out[key] = [...new Set(picked.map((v) => capValue(key, v)))];
  }
  return out;
}

export function quickScenario(s: Scenario): Scenario {
  const q: Scenario = structuredClone(s);
  if (q.matrix) q.matrix = quickMatrix(q.matrix);
  if (q.repeat !== undefined) q.repeat = Math.min(q.repeat, 2);
  if (q.deployment) {
    q.deployment.targets = Math.min(q.deployment.targets, QUICK_LIMITS.targets);
    if (q.deployment.deployments !== undefined) q.deployment.deployments = Math.min(q.deployment.deployments, QUICK_LIMITS.deployments);
    q.deployment.steps = Math.min(q.deployment.steps ?? QUICK_LIMITS.steps, QUICK_LIMITS.steps);
    if (q.deployment.windowSize !== undefined) q.deployment.windowSize = Math.min(q.deployment.windowSize, QUICK_LIMITS.targets);
  }
  if (q.workload) {
    q.workload.iterations = QUICK_LIMITS.iterations;
    if (q.workload.vus !== undefined) q.workload.vus = Math.min(q.workload.vus, 2);
  }
  return q;
}
