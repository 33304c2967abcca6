// Matrix expansion: a scenario's `matrix` becomes the list of points to run, as pure data (printed by
// `octobench plan`, tested as exact arrays). Cartesian product in declaration order, first key outermost.
import { setAt } from './paths.js';
import type { Scenario } from './schema.js';

export type ParamValue = number | string | boolean;

export interface ScenarioPoint {
  index: number;
  /** The swept values of this point, by parameter path. */
  params: Record<string, ParamValue>;
  /** The scenario with this point's values substituted (matrix removed). */
  scenario: Scenario;
}

export function expandMatrix(scenario: Scenario): ScenarioPoint[] {
  const entries = Object.entries(scenario.matrix ?? {});
  const base: Scenario = { ...scenario };
  delete base.matrix;
  let combos: Record<string, ParamValue>[] = [{}];
  for (const [path, values] of entries) {
    const next: Record<string, ParamValue>[] = [];
    for (const combo of combos) for (const value of values) next.push({ ...combo, [path]: value });
    combos = next;
  }
  return combos.map((params, index) => ({
    index,
    params,
    scenario: Object.entries(params).reduce<Scenario>((s, [path, value]) => setAt(s, path, value), base),
  }));
}
