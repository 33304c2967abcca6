// The shipped scenario and the published JSON Schema: legacy-vs-executions.yaml validates and plans the
// RTT sweep × 3 operations × 3 APIs; scenarios/scenario-v1.schema.json is exactly what `octobench schema`
// generates from the typebox source (regenerate: `npx tsx harness/cli/main.ts schema > scenarios/scenario-v1.schema.json`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, loadValidScenario } from '../../../harness/cli/commands/run.js';
import { runPoints } from '../../../harness/run/points.js';

const file = (p: string) => new URL(`../../../${p}`, import.meta.url);

describe('shipped scenario files', () => {
  it('legacy-vs-executions plans the RTT sweep 0/10/30/60/120 ms for 3 operations × 3 APIs', async () => {
    const scenario = await loadValidScenario(file('scenarios/legacy-vs-executions.yaml').pathname);
    const points = runPoints(scenario);
    expect(points).toHaveLength(45);
    expect([...new Set(points.map((p) => p.params['network.rttMs']))]).toEqual([0, 10, 30, 60, 120]);
    expect(points.slice(0, 3).map((p) => [p.params['operation'], p.params['api']])).toEqual([
      ['create-release', 'legacy'], ['create-release', 'executions'], ['create-release', 'executions-client'],
    ]);
  });

  it('the committed JSON Schema is the one generated from the typebox source', () => {
    expect(JSON.parse(readFileSync(file('scenarios/scenario-v1.schema.json'), 'utf8'))).toEqual(JSON.parse(scenarioJsonSchema()));
  });
});
