// Legacy routes for the space's named resources: environments, machines (deployment targets), tenants,
// feeds, lifecycles and project groups — each a paged, filterable list plus a GET by id (every
// `Links.Self` the server emits resolves).
import type { FastifyInstance } from 'fastify';
import { collection, parsePaging } from '../collection.js';
import type { ServerContext } from '../../context.js';
import type { Store } from '../../store/index.js';
import { filterNamed, inSpace, presentFilters, requireSpaceById, splitIds, type Query, type Req, type SpaceIdParams, type SpaceParams } from './common.js';
import { renderEnvironment, renderFeed, renderLifecycle, renderMachine, renderProjectGroup, renderTenant } from './render.js';

interface Kind<T> {
  path: string;
  itemType: string;
  template: string;
  filters: readonly string[];
  list(store: Store, spaceId: string, query: Query): readonly T[];
  /** The store's name index, when the list is not filtered by anything else. */
  findByName?(store: Store, spaceId: string, name: string): T | undefined;
  get(store: Store, id: string): T | undefined;
  render(row: T): unknown;
}

function register<T extends { Id: string; Name: string; SpaceId: string }>(app: FastifyInstance, store: Store, k: Kind<T>): void {
  app.get<Req<SpaceParams>>(`/api/:spaceId/${k.path}`, async (req) => {
    const sid = requireSpaceById(store, req.params.spaceId).Id;
    const byName = k.findByName;
    const items = filterNamed(() => k.list(store, sid, req.query), req.query, byName && ((name) => byName(store, sid, name)));
    return collection(items, {
      itemType: k.itemType, path: `/api/${sid}/${k.path}`, template: `/api/${sid}/${k.path}${k.template}`,
      paging: parsePaging(req.query), filters: presentFilters(req.query, k.filters),
    }, k.render);
  });
  app.get<Req<SpaceIdParams>>(`/api/:spaceId/${k.path}/:id`, async (req) =>
    k.render(inSpace(k.get(store, req.params.id), requireSpaceById(store, req.params.spaceId).Id, k.itemType, req.params.id)));
}

export function registerInfrastructureRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;
  register(app, store, {
    path: 'environments', itemType: 'Environment', template: '{/id}{?name,skip,ids,take,partialName}', filters: ['name', 'ids', 'partialName'],
    list: (s, sid) => s.listEnvironments(sid), findByName: (s, sid, n) => s.findEnvironmentByName(sid, n), get: (s, id) => s.getEnvironment(id), render: renderEnvironment,
  });
  register(app, store, {
    path: 'machines', itemType: 'DeploymentTarget',
    template: '{/id}{?skip,take,name,ids,partialName,roles,isDisabled,healthStatuses,commStyles,tenantIds,tenantTags,environmentIds,thumbprint,deploymentId,shellNames}',
    filters: ['name', 'ids', 'partialName', 'roles', 'environmentIds'],
    list: (s, sid, q) => {
      const envs = splitIds(q['environmentIds']);
      const roles = splitIds(q['roles']);
      const base = envs === undefined ? s.listMachines(sid) : envs.flatMap((e) => s.machinesInEnvironment(e)).filter((m) => m.SpaceId === sid);
      return roles === undefined ? base : base.filter((m) => m.Roles.some((r) => roles.includes(r)));
    },
    get: (s, id) => s.getMachine(id), render: renderMachine,
  });
  register(app, store, {
    path: 'tenants', itemType: 'Tenant', template: '{/id}{?skip,projectId,name,tags,take,ids,clone,partialName,clonedFromTenantId}',
    filters: ['projectId', 'name', 'ids', 'partialName'],
    list: (s, sid, q) => {
      const projectId = q['projectId'];
      const all = s.listTenants(sid);
      return projectId ? all.filter((t) => t.ProjectEnvironments[projectId] !== undefined) : all;
    },
    get: (s, id) => s.getTenant(id), render: renderTenant,
  });
  register(app, store, {
    path: 'feeds', itemType: 'Feed', template: '{/id}{?skip,take,ids,partialName,feedType,name}', filters: ['name', 'ids', 'partialName'],
    list: (s, sid) => s.listFeeds(sid), findByName: (s, sid, n) => s.findFeedByName(sid, n), get: (s, id) => s.getFeed(id), render: renderFeed,
  });
  register(app, store, {
    path: 'lifecycles', itemType: 'Lifecycle', template: '{/id}{?skip,take,ids,partialName}', filters: ['ids', 'partialName'],
    list: (s, sid) => s.listLifecycles(sid), get: (s, id) => s.getLifecycle(id), render: renderLifecycle,
  });
  register(app, store, {
    path: 'projectgroups', itemType: 'ProjectGroup', template: '{/id}{?skip,take,ids,partialName}', filters: ['ids', 'partialName'],
    list: (s, sid) => s.listProjectGroups(sid), get: (s, id) => s.getProjectGroup(id), render: renderProjectGroup,
  });
}
