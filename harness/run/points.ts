// The run's points as pure data: the scenario matrix expanded, and for api-flows each matrix point
// further split into one point per (operation, api) of the workload, so that every point in results.json
// carries `operation` and `api` in its params and runs exactly one flow. Printed by `octobench plan`.
import { expandMatrix, type ScenarioPoint } from '../scenario/matrix.js';
import type { Scenario } from '../scenario/schema.js';

export function runPoints(scenario: Scenario): ScenarioPoint[] {
  const matrixPoints = expandMatrix(scenario);
  const w = scenario.workload;
  if (scenario.mode !== 'api-flows' || !w) return matrixPoints;
  const out: ScenarioPoint[] = [];
  for (const point of matrixPoints) {
    const pw = point.scenario.workload ?? w;
    for (const operation of pw.operations) {
      for (const api of pw.apis) {
        out.push({
          index: out.length,
          params: { ...point.params, operation, api },
          scenario: { ...point.scenario, workload: { ...pw, operations: [operation], apis: [api] } },
        });
      }
    }
  }
  return out;
}
