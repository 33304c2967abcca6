// Task routes: list (paged collection, filters `ids`, `states`/`taskState`, `project`, `environment`,
// `name`, `partialName`, `active`), get, details, raw log and cancel, at `/api/tasks/…` (every space)
// and `/api/{spaceId}/tasks/…` (that space; unknown space → 404). Cancel is also at
// `/api/spaces/{spaceId}/tasks/{id}/cancel`. A task is the store's record merged with the engine's
// runtime. The official ServerTaskWaiter polls `GET /api/{spaceId}/tasks?skip=0&take=300&ids=A,B`.
import type { FastifyInstance } from 'fastify';
import type { PluginOptions, ServerContext } from '../context.js';
import type { ServerTaskRecord, Space } from '../store/index.js';
import { collection } from './collection.js';
import { notFound } from './errors.js';
import { findSpaceById } from './executions/space.js';
import { rawLog, renderTaskDetails } from './tasks/details.js';
import { parseTaskDetailsQuery, parseTaskListQuery, type TaskListQuery } from './tasks/query.js';
import { renderServerTask } from './tasks/resource.js';

const TEMPLATE_QUERY = '{?skip,active,environment,project,name,node,running,states,taskState,ids,partialName,spaces,take}';
const ACTIVE = new Set(['Queued', 'Executing', 'Cancelling']);

interface TaskParams { spaceId?: string; id?: string }

function spaceOf(ctx: ServerContext, spaceId: string | undefined): Space | undefined {
  if (spaceId === undefined) return undefined;
  const space = findSpaceById(ctx.store, spaceId);
  if (!space) throw notFound('Space', spaceId);
  return space;
}

function requireTask(ctx: ServerContext, params: TaskParams): ServerTaskRecord {
  const space = spaceOf(ctx, params.spaceId);
  const id = params.id ?? '';
  const record = ctx.store.getServerTask(id);
  if (!record || (space && record.SpaceId !== space.Id)) throw notFound('ServerTask', id);
  return record;
}

function matches(ctx: ServerContext, record: ServerTaskRecord, q: TaskListQuery): boolean {
  const state = ctx.engine.get(record.Id)?.state ?? 'Queued';
  const has = (list: string[], value: string | null) => list.length === 0 || (value !== null && list.some((v) => v.toLowerCase() === value.toLowerCase()));
  return has(q.ids, record.Id) && has(q.states, state) && has(q.projectIds, record.ProjectId) && has(q.environmentIds, record.EnvironmentId)
    && has(q.names, record.Name)
    && (q.partialName === undefined || record.Description.toLowerCase().includes(q.partialName.toLowerCase()))
    && (q.active === undefined || ACTIVE.has(state) === q.active);
}

export async function tasksApi(app: FastifyInstance, opts: PluginOptions): Promise<void> {
  const ctx = opts.ctx;
  const render = (record: ServerTaskRecord) => renderServerTask(record, ctx.engine.get(record.Id), ctx.clock.now());

  for (const prefix of ['/api', '/api/:spaceId']) {
    app.get<{ Params: TaskParams }>(`${prefix}/tasks`, async (request) => {
      const space = spaceOf(ctx, request.params.spaceId);
      const q = parseTaskListQuery(request.query);
      // ids given: look them up directly rather than scanning every task (the waiter's hot path).
      const candidates = q.ids.length > 0
        ? [...new Set(q.ids)].map((id) => ctx.store.getServerTask(id)).filter((r): r is ServerTaskRecord => r !== undefined)
        : space ? ctx.store.listServerTasks(space.Id) : ctx.store.allServerTasks();
      const selected = candidates.filter((r) => (!space || r.SpaceId === space.Id) && matches(ctx, r, q));
      // Newest first, as Octopus lists tasks (ids are allocated in queue order).
      selected.sort((a, b) => taskNumber(b.Id) - taskNumber(a.Id));
      const path = space ? `/api/${space.Id}/tasks` : '/api/tasks';
      return collection(selected, {
        itemType: 'Task',
        path,
        template: `${path}{/id}${TEMPLATE_QUERY}`,
        paging: q.paging,
        filters: {
          ids: q.ids.length > 0 ? q.ids.join(',') : undefined,
          states: q.states.length > 0 ? q.states.join(',') : undefined,
          project: q.projectIds.length > 0 ? q.projectIds.join(',') : undefined,
          environment: q.environmentIds.length > 0 ? q.environmentIds.join(',') : undefined,
          name: q.names.length > 0 ? q.names.join(',') : undefined,
          partialName: q.partialName,
          active: q.active === undefined ? undefined : String(q.active),
        },
      }, render);
    });

    app.get<{ Params: TaskParams }>(`${prefix}/tasks/:id`, async (request) => render(requireTask(ctx, request.params)));

    app.get<{ Params: TaskParams }>(`${prefix}/tasks/:id/details`, async (request) => {
      const record = requireTask(ctx, request.params);
      const query = parseTaskDetailsQuery(request.query);
      return renderTaskDetails(record, ctx.engine.get(record.Id), ctx.clock.now(), query);
    });

    app.get<{ Params: TaskParams }>(`${prefix}/tasks/:id/raw`, async (request, reply) => {
      const record = requireTask(ctx, request.params);
      return reply.type('text/plain; charset=utf-8').send(rawLog(record, ctx.engine.get(record.Id)));
    });
  }

  for (const prefix of ['/api', '/api/:spaceId', '/api/spaces/:spaceId']) {
    // Cancelling a completed task changes nothing; the answer is the task as it now is.
    app.post<{ Params: TaskParams }>(`${prefix}/tasks/:id/cancel`, async (request) => {
      const record = requireTask(ctx, request.params);
      ctx.engine.cancel(record.Id);
      return render(record);
    });
  }
}

function taskNumber(id: string): number {
  const n = Number(id.slice(id.lastIndexOf('-') + 1));
  return Number.isFinite(n) ? n : 0;
}
