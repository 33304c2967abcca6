// Executions API v1 routes (octopus-api.md §0 #1, §1): four commands plus the git runbook run (which
// the fixture's database projects always refuse), each at `/api/{spaceId}/…` and `/api/spaces/{spaceId}/…`;
// release and runbook-run creation also un-prefixed (`/api/releases/create/v1`, space from the body). Create release answers 201, the others 200; responses use PascalCase keys.
// The URL space is checked before the body, so an unknown space is a 404 whatever the body holds.
import type { FastifyInstance } from 'fastify';
import type { PluginOptions, ServerContext } from '../../context.js';
import type { Space } from '../../store/index.js';
import {
  handleCreateDeploymentTenanted, handleCreateDeploymentUntenanted, handleCreateGitRunbookRun, handleCreateRelease, handleCreateRunbookRun,
} from './handlers.js';
import { requireUrlSpace } from './space.js';

type Handler = (ctx: ServerContext, urlSpace: Space | undefined, body: unknown) => unknown;

interface Command {
  path: string;
  status: 200 | 201;
  handler: Handler;
  /** Also served without a space prefix (space taken from the body). */
  unprefixed: boolean;
}

export const EXECUTIONS_COMMANDS: readonly Command[] = [
  { path: '/releases/create/v1', status: 201, handler: handleCreateRelease, unprefixed: true },
  { path: '/deployments/create/untenanted/v1', status: 200, handler: handleCreateDeploymentUntenanted, unprefixed: false },
  { path: '/deployments/create/tenanted/v1', status: 200, handler: handleCreateDeploymentTenanted, unprefixed: false },
  { path: '/runbook-runs/create/v1', status: 200, handler: handleCreateRunbookRun, unprefixed: true },
  { path: '/runbook-runs/git/create/v1', status: 200, handler: handleCreateGitRunbookRun, unprefixed: false },
];

/** Every URL form of a command path, e.g. for tests: `/api/{spaceId}…`, `/api/spaces/{spaceId}…`, `/api…`. */
export function executionRoutes(command: Pick<Command, 'path' | 'unprefixed'>): string[] {
  const routes = [`/api/:spaceId${command.path}`, `/api/spaces/:spaceId${command.path}`];
  if (command.unprefixed) routes.push(`/api${command.path}`);
  return routes;
}

export async function executionsApi(app: FastifyInstance, opts: PluginOptions): Promise<void> {
  const ctx = opts.ctx;
  for (const command of EXECUTIONS_COMMANDS) {
    for (const url of executionRoutes(command)) {
      app.post<{ Params: { spaceId?: string } }>(url, async (request, reply) => {
        const spaceId = request.params.spaceId;
        const urlSpace = spaceId === undefined ? undefined : requireUrlSpace(ctx.store, spaceId);
        const result = command.handler(ctx, urlSpace, request.body);
        return reply.code(command.status).send(result);
      });
    }
  }
}
