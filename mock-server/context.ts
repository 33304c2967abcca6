// What every route plugin of the reference server gets: the store, the engine, the clock and options.
// Passed explicitly as plugin options (no ambient globals).
import type { Clock } from '../harness/core/clock.js';
import type { Store } from './store/index.js';
import type { Engine } from './engine/index.js';

export interface ServerContext {
  store: Store;
  engine: Engine;
  clock: Clock;
  /** The API key every /api route except GET /api requires. */
  apiKey: string;
}

export interface PluginOptions {
  ctx: ServerContext;
}
