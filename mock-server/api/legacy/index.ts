// The legacy REST API plugin: every route the old `octo` CLI flows call (octopus-api.md §3.1–3.4) and a
// GET for every `Links.Self` the server emits. Auth and error rendering are installed globally by
// app.ts; routes just throw ApiError. Responses are plain objects (app.ts serializes them indented).
import type { FastifyInstance } from 'fastify';
import type { PluginOptions } from '../../context.js';
import { registerRootRoutes } from './root-routes.js';
import { registerProjectRoutes } from './project-routes.js';
import { registerReleaseRoutes } from './release-routes.js';
import { registerExecutionRoutes } from './execution-routes.js';
import { registerInfrastructureRoutes } from './infrastructure-routes.js';

export { SERVER_VERSION, API_VERSION } from './root-routes.js';

export async function legacyApi(app: FastifyInstance, opts: PluginOptions): Promise<void> {
  registerRootRoutes(app, opts.ctx);
  registerProjectRoutes(app, opts.ctx);
  registerReleaseRoutes(app, opts.ctx);
  registerExecutionRoutes(app, opts.ctx);
  registerInfrastructureRoutes(app, opts.ctx);
}
