// Legacy release routes: create (`POST /api/{sid}/releases?ignoreChannelRules=`, 201), get by id, the
// release's deployments, the deployment template (PromoteTo, TenantPromotions) and the deployment
// preview per environment (and tenant) that `octo deploy-release` reads before it deploys.
import type { FastifyInstance } from 'fastify';
import { collection, parsePaging } from '../collection.js';
import type { ServerContext } from '../../context.js';
import {
  candidateMachines, createRelease, lifecycleAllows, requireEnvironment, stepRoles, stepRunsOnServer, targetsForStep, type Release, type SelectedPackageInput,
} from '../../store/index.js';
import { BodyReader, queryFlag } from './body.js';
import { inSpace, requireSpaceById, type Req, type SpaceIdParams, type SpaceParams } from './common.js';
import { renderDeployment, renderRelease } from './render.js';

export function registerReleaseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;
  const releaseIn = (spaceId: string, id: string): Release => inSpace(store.getRelease(id), requireSpaceById(store, spaceId).Id, 'Release', id);

  app.post<Req<SpaceParams>>('/api/:spaceId/releases', async (req, reply) => {
    const sid = requireSpaceById(store, req.params.spaceId).Id;
    const body = new BodyReader(req.body);
    const queryProblems: string[] = [];
    const ignoreChannelRules = queryFlag(req.query['ignoreChannelRules'], 'ignoreChannelRules', queryProblems);
    const projectId = body.string('ProjectId', true);
    const version = body.string('Version');
    const channelId = body.string('ChannelId');
    const releaseNotes = body.string('ReleaseNotes');
    const selectedPackages = body.objectArray<SelectedPackageInput>('SelectedPackages', (item) => {
      const actionName = item.string('ActionName', true);
      const packageVersion = item.string('Version', true);
      const referenceName = item.string('PackageReferenceName') ?? '';
      return actionName === undefined || packageVersion === undefined ? undefined : { ActionName: actionName, PackageReferenceName: referenceName, Version: packageVersion };
    });
    body.throwIfProblems(queryProblems);
    const project = inSpace(store.getProject(projectId!), sid, 'Project', projectId!);
    const { release } = createRelease({ store, engine: ctx.engine, clock: ctx.clock }, {
      spaceId: sid, projectId: project.Id,
      ...(channelId === undefined ? {} : { channelId }),
      ...(version === undefined ? {} : { version }),
      ...(selectedPackages === undefined ? {} : { selectedPackages }),
      ...(releaseNotes === undefined ? {} : { releaseNotes }),
      ...(ignoreChannelRules === undefined ? {} : { ignoreChannelRules }),
    });
    return reply.code(201).send(renderRelease(release));
  });

  app.get<Req<SpaceIdParams>>('/api/:spaceId/releases/:id', async (req) => renderRelease(releaseIn(req.params.spaceId, req.params.id)));

  app.get<Req<SpaceIdParams>>('/api/:spaceId/releases/:id/deployments', async (req) => {
    const release = releaseIn(req.params.spaceId, req.params.id);
    const all = store.listDeployments(release.SpaceId).filter((d) => d.ReleaseId === release.Id).reverse();
    return collection(all, {
      itemType: 'Deployment', path: `/api/${release.SpaceId}/releases/${release.Id}/deployments`, paging: parsePaging(req.query),
      template: `/api/${release.SpaceId}/releases/${release.Id}/deployments{?skip,take}`,
    }, renderDeployment);
  });

  app.get<Req<SpaceIdParams>>('/api/:spaceId/releases/:id/deployments/template', async (req) => {
    const release = releaseIn(req.params.spaceId, req.params.id);
    const project = store.getProject(release.ProjectId)!;
    const lifecycleId = store.getChannel(release.ChannelId)?.LifecycleId ?? project.LifecycleId;
    const envs = store.listEnvironments(release.SpaceId).filter((e) => lifecycleAllows(store, lifecycleId, e));
    const base = `/api/${release.SpaceId}/releases/${release.Id}/deployments/preview`;
    const promote = (envIds: readonly string[], tenantId?: string) => envs.filter((e) => envIds.includes(e.Id)).map((e) => ({
      Id: e.Id, Name: e.Name, Slug: e.Slug,
      Links: { Self: `/api/${e.SpaceId}/environments/${e.Id}`, Preview: `${base}/${e.Id}${tenantId ? `/${tenantId}` : ''}{?includeDisabledSteps}` },
    }));
    const tenants = project.TenantedDeploymentMode === 'Untenanted' ? [] : store.listTenants(release.SpaceId).filter((t) => t.ProjectEnvironments[project.Id] !== undefined);
    return {
      IsDeploymentProcessModified: false, DeploymentNotes: null, IsVariableSetModified: false, IsLibraryVariableSetModified: false, IsGitResourceModified: false,
      PromoteTo: project.TenantedDeploymentMode === 'Tenanted' ? [] : promote(envs.map((e) => e.Id)),
      TenantPromotions: tenants.map((t) => ({ Id: t.Id, Name: t.Name, PromoteTo: promote(t.ProjectEnvironments[project.Id] ?? [], t.Id) })),
    };
  });

  const preview = async (req: { params: SpaceIdParams & { environmentId: string; tenantId?: string }; query: Record<string, string | undefined> }) => {
    const release = releaseIn(req.params.spaceId, req.params.id);
    const environment = requireEnvironment(store, release.SpaceId, req.params.environmentId);
    const tenant = req.params.tenantId === undefined ? null : inSpace(store.getTenant(req.params.tenantId), release.SpaceId, 'Tenant', req.params.tenantId);
    const process = inSpace(store.getProcessSnapshot(release.ProjectDeploymentProcessSnapshotId), release.SpaceId, 'DeploymentProcess', release.ProjectDeploymentProcessSnapshotId);
    const includeDisabled = queryFlag(req.query['includeDisabledSteps'], 'includeDisabledSteps', []) ?? false;
    const candidates = candidateMachines(store, { environment, tenant, specificMachineIds: [], excludedMachineIds: [] });
    let actionNumber = 0;
    const steps = process.Steps.flatMap((step, stepIndex) => step.Actions.filter((a) => includeDisabled || !a.IsDisabled).map((a) => {
      actionNumber++;
      const machines = targetsForStep(step, candidates);
      return {
        ActionId: a.Id, ActionName: a.Name, ActionNumber: `${stepIndex + 1}${step.Actions.length > 1 ? `.${actionNumber}` : ''}`,
        Roles: stepRoles(step), Machines: machines.map((m) => ({ Id: m.id, Name: m.name })), MachineNames: machines.map((m) => m.name),
        ExcludedMachines: [], UnavailableMachines: [], CanBeSkipped: !a.IsRequired, IsDisabled: a.IsDisabled,
        HasNoApplicableMachines: !stepRunsOnServer(step) && machines.length === 0,
      };
    }));
    return {
      Changes: [], ChangesMarkdown: '', StepsToExecute: steps, Form: { Values: {}, Elements: [] },
      UseGuidedFailureModeByDefault: environment.UseGuidedFailure,
    };
  };
  app.get<Req<SpaceIdParams & { environmentId: string }>>('/api/:spaceId/releases/:id/deployments/preview/:environmentId', async (req) => preview(req));
  app.get<Req<SpaceIdParams & { environmentId: string; tenantId: string }>>('/api/:spaceId/releases/:id/deployments/preview/:environmentId/:tenantId', async (req) => preview(req));
}
