// Legacy routes of the CLI prelude (octopus-api.md §3.1): the root document `GET /api`, spaces, the
// current user and the user's spaces (a plain array), and the space root `GET /api/{spaceId}`.
import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.js';
import { collection, parsePaging } from '../collection.js';
import type { ServerContext } from '../../context.js';
import { filterNamed, presentFilters, requireSpaceById, type Req, type SpaceParams } from './common.js';
import { renderSpace, renderUser } from './render.js';
import { rootLinks, spaceRootLinks } from './root-links.js';

/** The server version advertised by the root document (≥ 2022.3.5512, the Executions API gate). */
export const SERVER_VERSION = '2024.3.12899';
export const API_VERSION = '3.0.0';

export function registerRootRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;
  const installationId = store.random.stream('server.installation-id').uuid();

  app.get('/api', async () => ({
    Application: 'Octopus Deploy',
    Version: SERVER_VERSION,
    ApiVersion: API_VERSION,
    InstallationId: installationId,
    IsEarlyAccessProgram: false,
    HasLongTermSupport: true,
    Links: rootLinks(store.defaultSpace()?.Id),
  }));

  app.get<Req<object>>('/api/spaces', async (req) => {
    const paging = parsePaging(req.query);
    const items = filterNamed(store.listSpaces(), req.query);
    return collection(items, {
      itemType: 'Space', path: '/api/spaces', template: '/api/spaces{?skip,ids,take,partialName}', paging,
      filters: presentFilters(req.query, ['ids', 'name', 'partialName']),
    }, renderSpace);
  });

  app.get<Req<{ id: string }>>('/api/spaces/:id', async (req) => renderSpace(requireSpaceById(store, req.params.id)));

  app.get('/api/users/me', async () => renderUser(store.currentUser()));

  app.get<Req<{ id: string }>>('/api/users/:id', async (req) => {
    const user = store.getUser(req.params.id);
    if (!user) throw notFound('User', req.params.id);
    return renderUser(user);
  });

  app.get<Req<{ id: string }>>('/api/users/:id/spaces', async (req) => {
    if (!store.getUser(req.params.id)) throw notFound('User', req.params.id);
    return store.listSpaces().map(renderSpace);
  });

  app.get<Req<SpaceParams>>('/api/:spaceId', async (req) => {
    const space = requireSpaceById(store, req.params.spaceId);
    return { Links: spaceRootLinks(space.Id) };
  });
}
