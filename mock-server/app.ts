// buildServer(options): the reference Octopus-compatible server as a Fastify instance. It never
// listens (tests use inject(); `octobench serve` calls listen). Composition root: builds the store from
// a fixture, the engine over a clock and a fleet, and registers the route plugins with that context.
import Fastify, { type FastifyInstance } from 'fastify';
import { RealClock, type Clock } from '../harness/core/clock.js';
import { SeededRandom } from '../harness/core/random.js';
import { buildStore, DEFAULT_FIXTURE, type FixtureSpec } from './store/index.js';
import { Engine } from './engine/index.js';
import { createEmbeddedFleet, type EmbeddedFleetProfile } from './engine/embedded-fleet.js';
import type { Fleet } from './engine/types.js';
import type { ServerContext } from './context.js';
import { authPlugin } from './api/auth.js';
import { errorHandlerPlugin, frameworkErrors } from './api/error-handler.js';
import { legacyApi } from './api/legacy/index.js';
import { executionsApi } from './api/executions/index.js';
import { tasksApi } from './api/tasks.js';
import { attachTentacle, createTentacleHub, type TentacleOptions } from './tentacle/index.js';
import { serverStatsPlugin } from './api/server-stats.js';

export interface ServerOptions {
  /** Required API key; buildServer never invents one (the CLI does, and prints it). */
  apiKey: string;
  fixture?: FixtureSpec;
  seed?: number;
  clock?: Clock;
  /** The targets' side of the engine; default: the embedded fleet with modelled, short action times. */
  fleet?: Fleet;
  embeddedFleet?: Partial<EmbeddedFleetProfile>;
  taskCap?: number;
  /** Largest accepted request body in bytes (default 1 MiB); larger bodies get 413. */
  bodyLimit?: number;
  /** Live polling agents (mock-server/tentacle): a target with a registered agent runs there; others on `fleet`. */
  tentacle?: TentacleOptions;
  /** Extra root-level hooks installed before the routes (e.g. the server cost model). */
  configure?: (app: FastifyInstance, ctx: ServerContext) => void | Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface OctobenchServer extends FastifyInstance {
  octobench: ServerContext;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance & { octobench: ServerContext }> {
  const seed = options.seed ?? 1;
  const clock = options.clock ?? new RealClock();
  const random = new SeededRandom(seed);
  const store = buildStore(options.fixture ?? DEFAULT_FIXTURE, seed);
  const baseFleet = options.fleet ?? createEmbeddedFleet({ clock, random, ...options.embeddedFleet });
  const hub = options.tentacle === undefined ? undefined : createTentacleHub(clock, baseFleet, options.tentacle);
  const fleet = hub ?? baseFleet;
  const engine = new Engine({ clock, fleet, ...(options.taskCap === undefined ? {} : { taskCap: options.taskCap }) });
  const ctx: ServerContext = { store, engine, clock, apiKey: options.apiKey };

  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    return503OnClosing: true,
    forceCloseConnections: true,
    // Errors raised before routing (bad percent-encoding, over-long segment) get Octopus bodies too.
    frameworkErrors,
  });
  // Octopus serves indented JSON; byte counts in the benchmarks depend on it.
  app.setReplySerializer((payload) => JSON.stringify(payload, null, 2));
  app.decorate('octobench', ctx);

  // Error handling and auth apply to every route, so they are installed on the root instance itself
  // (not as encapsulated child plugins).
  await errorHandlerPlugin(app, { ctx });
  await authPlugin(app, { ctx });
  await serverStatsPlugin(app, { ctx });
  if (options.configure) await options.configure(app, ctx);
  await app.register(legacyApi, { ctx });
  await app.register(executionsApi, { ctx });
  await app.register(tasksApi, { ctx });
  if (hub !== undefined) await attachTentacle(app, ctx, hub, options.tentacle ?? {});
  return app as unknown as FastifyInstance & { octobench: ServerContext };
}
