// The engine code that runs in the server is the code the simulator runs: one class, imported by both.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../mock-server/engine/index.js';
import { buildServer } from '../../../mock-server/app.js';
import { simulate } from '../../../harness/simulate/simulate.js';
import { defaultSimSpec } from '../../../harness/simulate/spec.js';

describe('one engine, two clocks', () => {
  it('the same Engine class runs in the server and in the simulator (no fork, no copy)', async () => {
    const run = simulate(defaultSimSpec(2, 1));
    expect(run.engine).toBeInstanceOf(Engine);
    expect(Object.getPrototypeOf(run.engine)).toBe(Engine.prototype);
    const app = await buildServer({ apiKey: 'API-TEST' });
    expect(Object.getPrototypeOf(app.octobench.engine)).toBe(Engine.prototype);
    await app.close();
  });
});
