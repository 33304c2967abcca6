// The polling endpoint live agents talk to: the hub (the engine's Fleet seam over polling agents),
// its routes, the wire protocol and the package files. buildServer wires it in when given
// `tentacle` options; tentacleHubOf(app) gives tests and the CLI the hub of a built server.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../harness/core/clock.js';
import type { ServerContext } from '../context.js';
import type { Fleet } from '../engine/types.js';
import { TentacleHub, type TentacleHubOptions } from './hub.js';
import { tentacleApi, type PacingBucket } from './routes.js';

export { TentacleHub, type TentacleHubOptions } from './hub.js';
export type { PacingBucket } from './routes.js';
export * from './protocol.js';
export { ensurePackageFile, packageBlock, packageSpecOf, seriesQuery, parseSeries, packageFileName, DEFAULT_PACKAGE_CACHE_DIR, type PackageFile, type PackageSpec } from './package-files.js';
export { notCollectedMessage } from './live-command.js';

/** What buildServer accepts: hub timeouts and package directory, plus the server's uplink bucket. */
export type TentacleOptions = Omit<TentacleHubOptions, 'clock' | 'fallback'> & { uplink?: PacingBucket };

const hubs = new WeakMap<object, TentacleHub>();

export function createTentacleHub(clock: Clock, fallback: Fleet, options: TentacleOptions): TentacleHub {
  const { uplink: _uplink, ...hubOptions } = options;
  return new TentacleHub({ ...hubOptions, clock, fallback });
}

/** Registers the routes and ties the hub's lifetime to the server's. */
export async function attachTentacle(app: FastifyInstance, ctx: ServerContext, hub: TentacleHub, options: TentacleOptions): Promise<void> {
  hubs.set(app, hub);
  app.addHook('onClose', async () => hub.close());
  await app.register(tentacleApi, { ctx, hub, ...(options.uplink === undefined ? {} : { uplink: options.uplink }) });
}

export function tentacleHubOf(app: FastifyInstance): TentacleHub | undefined {
  return hubs.get(app);
}
