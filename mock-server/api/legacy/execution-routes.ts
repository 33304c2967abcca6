// Legacy execution routes: `POST /api/{sid}/deployments` (201, a DeploymentResource body) and the
// deployments list/get; runbooks, `POST /api/{sid}/runbooks/{id}/run` (201, an array of RunbookRun:
// one per environment × tenant), runbook runs, snapshots and runbook processes.
import type { FastifyInstance } from 'fastify';
import { collection, parsePaging } from '../collection.js';
import type { ServerContext } from '../../context.js';
import { createDeployment, createRunbookRun, EXECUTION_DEBUG_MODES, EXECUTION_PRIORITIES, type ExecutionOptions, type RunbookRun } from '../../store/index.js';
import { BodyReader } from './body.js';
import { inSpace, presentFilters, requireSpaceById, splitIds, type Req, type SpaceIdParams, type SpaceParams } from './common.js';
import { renderDeployment, renderProcess, renderRunbook, renderRunbookRun, renderRunbookSnapshot } from './render.js';

/** The options both DeploymentResource and RunbookRunParameters carry. */
function readExecutionOptions(body: BodyReader): ExecutionOptions {
  const out: ExecutionOptions = {};
  const skip = body.stringArray('SkipActions');
  const specific = body.stringArray('SpecificMachineIds');
  const excluded = body.stringArray('ExcludedMachineIds');
  const force = body.boolean('ForcePackageDownload');
  const guided = body.boolean('UseGuidedFailure');
  const form = body.stringMap('FormValues');
  const queueTime = body.string('QueueTime');
  const queueTimeExpiry = body.string('QueueTimeExpiry');
  const comments = body.string('Comments');
  const priority = body.oneOf('Priority', EXECUTION_PRIORITIES);
  const debugMode = body.oneOf('DebugMode', EXECUTION_DEBUG_MODES);
  if (skip !== undefined) out.skipActionIds = skip;
  if (specific !== undefined) out.specificMachineIds = specific;
  if (excluded !== undefined) out.excludedMachineIds = excluded;
  if (force !== undefined) out.forcePackageDownload = force;
  if (guided !== undefined) out.useGuidedFailure = guided;
  if (form !== undefined) out.formValues = form;
  if (queueTime !== undefined) out.queueTime = queueTime;
  if (queueTimeExpiry !== undefined) out.queueTimeExpiry = queueTimeExpiry;
  if (comments !== undefined) out.comments = comments;
  if (priority !== undefined) out.priority = priority;
  if (debugMode !== undefined) out.debugMode = debugMode;
  return out;
}

export function registerExecutionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;
  const deps = { store, engine: ctx.engine, clock: ctx.clock };

  app.post<Req<SpaceParams>>('/api/:spaceId/deployments', async (req, reply) => {
    const sid = requireSpaceById(store, req.params.spaceId).Id;
    const body = new BodyReader(req.body);
    const releaseId = body.string('ReleaseId', true);
    const environmentId = body.string('EnvironmentId', true);
    const tenantId = body.string('TenantId');
    const forceRedeploy = body.boolean('ForcePackageRedeployment');
    const options = readExecutionOptions(body);
    body.throwIfProblems();
    const { deployment } = createDeployment(deps, {
      ...options, spaceId: sid, releaseId: releaseId!, environmentId: environmentId!,
      ...(tenantId === undefined ? {} : { tenantId }), ...(forceRedeploy === undefined ? {} : { forcePackageRedeployment: forceRedeploy }),
    });
    return reply.code(201).send(renderDeployment(deployment));
  });

  app.get<Req<SpaceIdParams>>('/api/:spaceId/deployments/:id', async (req) =>
    renderDeployment(inSpace(store.getDeployment(req.params.id), requireSpaceById(store, req.params.spaceId).Id, 'Deployment', req.params.id)));

  app.get<Req<SpaceParams>>('/api/:spaceId/deployments', async (req) => {
    const sid = requireSpaceById(store, req.params.spaceId).Id;
    const projects = splitIds(req.query['projects']);
    const environments = splitIds(req.query['environments']);
    const all = store.listDeployments(sid).filter((d) =>
      (projects === undefined || projects.includes(d.ProjectId)) && (environments === undefined || environments.includes(d.EnvironmentId))).reverse();
    return collection(all, {
      itemType: 'Deployment', path: `/api/${sid}/deployments`, paging: parsePaging(req.query),
      template: `/api/${sid}/deployments{?skip,take,ids,projects,environments,tenants,channels,taskState,partialName}`,
      filters: presentFilters(req.query, ['projects', 'environments']),
    }, renderDeployment);
  });

  const runbookIn = (spaceId: string, id: string) => inSpace(store.getRunbook(id), requireSpaceById(store, spaceId).Id, 'Runbook', id);
  app.get<Req<SpaceIdParams>>('/api/:spaceId/runbooks/:id', async (req) => renderRunbook(runbookIn(req.params.spaceId, req.params.id)));

  app.post<Req<SpaceIdParams>>('/api/:spaceId/runbooks/:id/run', async (req, reply) => {
    const runbook = runbookIn(req.params.spaceId, req.params.id);
    const body = new BodyReader(req.body);
    const environmentId = body.string('EnvironmentId');
    const environmentIds = body.stringArray('EnvironmentIds') ?? [];
    const tenantId = body.string('TenantId');
    const tenantIds = body.stringArray('TenantIds') ?? [];
    const snapshot = body.string('RunbookSnapshotNameOrId');
    const useDefault = body.boolean('UseDefaultSnapshot');
    const options = readExecutionOptions(body);
    const envs = [...new Set([...(environmentId === undefined ? [] : [environmentId]), ...environmentIds])];
    const tenants = [...new Set([...(tenantId === undefined ? [] : [tenantId]), ...tenantIds])];
    body.throwIfProblems(envs.length === 0 ? ['EnvironmentId or EnvironmentIds is required.'] : []);
    const runs: RunbookRun[] = [];
    for (const env of envs) {
      for (const tenant of tenants.length === 0 ? [null] : tenants) {
        const { runbookRun } = createRunbookRun(deps, {
          ...options, spaceId: runbook.SpaceId, runbookId: runbook.Id, environmentId: env, tenantId: tenant,
          ...(snapshot === undefined || useDefault === true ? {} : { snapshotId: snapshot }),
        });
        runs.push(runbookRun);
      }
    }
    return reply.code(201).send(runs.map((r) => renderRunbookRun(r, runbook.Name)));
  });

  app.get<Req<SpaceIdParams>>('/api/:spaceId/runbookRuns/:id', async (req) => {
    const run = inSpace(store.getRunbookRun(req.params.id), requireSpaceById(store, req.params.spaceId).Id, 'RunbookRun', req.params.id);
    return renderRunbookRun(run, store.getRunbook(run.RunbookId)?.Name ?? '');
  });

  app.get<Req<SpaceIdParams>>('/api/:spaceId/runbookSnapshots/:id', async (req) =>
    renderRunbookSnapshot(inSpace(store.getRunbookSnapshot(req.params.id), requireSpaceById(store, req.params.spaceId).Id, 'RunbookSnapshot', req.params.id)));

  app.get<Req<SpaceIdParams>>('/api/:spaceId/runbookProcesses/:id', async (req) => {
    const sid = requireSpaceById(store, req.params.spaceId).Id;
    const id = req.params.id;
    return renderProcess(inSpace(store.getDeploymentProcess(id) ?? store.getProcessSnapshot(id), sid, 'RunbookProcess', id));
  });
}
