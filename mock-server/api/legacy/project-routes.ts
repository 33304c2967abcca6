// Legacy project routes: projects (list with `?name=`/`partialName`, by id or slug), channels, the
// deployment process (live or frozen snapshot), the release template, deployment settings, the
// project's releases (list and by version), runbooks, and variable sets.
import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.js';
import { collection, parsePaging } from '../collection.js';
import type { ServerContext } from '../../context.js';
import { nextVersionFromTemplate, DEFAULT_RELEASE_TEMPLATE, type Project, type Store } from '../../store/index.js';
import { filterNamed, inSpace, presentFilters, requireSpaceById, type Req, type SpaceIdParams, type SpaceParams } from './common.js';
import { renderChannel, renderProcess, renderProject, renderRelease, renderRunbook, renderVariableSet } from './render.js';

type ProjectParams = { spaceId: string; projectId: string };

/** A project of the space by id or slug (what `/projects/{idOrSlug}` accepts). */
export function projectInSpace(store: Store, spaceId: string, idOrSlug: string): Project {
  requireSpaceById(store, spaceId);
  const byId = store.getProject(idOrSlug);
  if (byId && byId.SpaceId === spaceId) return byId;
  const bySlug = store.listProjects(spaceId).find((p) => p.Slug === idOrSlug.toLowerCase());
  if (!bySlug) throw notFound('Project', idOrSlug);
  return bySlug;
}

export function registerProjectRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;

  app.get<Req<SpaceParams>>('/api/:spaceId/projects', async (req) => {
    const sid = requireSpaceById(store, req.params.spaceId).Id;
    return collection(filterNamed(() => store.listProjects(sid), req.query, (n) => store.findProjectByName(sid, n)), {
      itemType: 'Project', path: `/api/${sid}/projects`, paging: parsePaging(req.query),
      template: `/api/${sid}/projects{?name,skip,ids,clone,take,partialName,clonedFromProjectId}`,
      filters: presentFilters(req.query, ['name', 'ids', 'partialName']),
    }, renderProject);
  });

  app.get<Req<ProjectParams>>('/api/:spaceId/projects/:projectId', async (req) => renderProject(projectInSpace(store, req.params.spaceId, req.params.projectId)));

  app.get<Req<ProjectParams>>('/api/:spaceId/projects/:projectId/channels', async (req) => {
    const p = projectInSpace(store, req.params.spaceId, req.params.projectId);
    return collection(filterNamed(store.listChannels(p.Id), req.query), {
      itemType: 'Channel', path: `/api/${p.SpaceId}/projects/${p.Id}/channels`, paging: parsePaging(req.query),
      template: `/api/${p.SpaceId}/projects/${p.Id}/channels{/id}{?skip,take,partialName}`, filters: presentFilters(req.query, ['partialName']),
    }, renderChannel);
  });

  const channelById = (spaceId: string, id: string) => inSpace(store.getChannel(id), requireSpaceById(store, spaceId).Id, 'Channel', id);
  app.get<Req<ProjectParams & { id: string }>>('/api/:spaceId/projects/:projectId/channels/:id', async (req) => renderChannel(channelById(req.params.spaceId, req.params.id)));
  app.get<Req<SpaceIdParams>>('/api/:spaceId/channels/:id', async (req) => renderChannel(channelById(req.params.spaceId, req.params.id)));

  app.get<Req<SpaceIdParams>>('/api/:spaceId/deploymentprocesses/:id', async (req) => {
    const sid = requireSpaceById(store, req.params.spaceId).Id;
    const id = req.params.id;
    return renderProcess(inSpace(store.getDeploymentProcess(id) ?? store.getProcessSnapshot(id), sid, 'DeploymentProcess', id));
  });

  app.get<Req<ProjectParams>>('/api/:spaceId/projects/:projectId/deploymentprocesses', async (req) => {
    const p = projectInSpace(store, req.params.spaceId, req.params.projectId);
    return renderProcess(inSpace(store.getDeploymentProcess(p.DeploymentProcessId), p.SpaceId, 'DeploymentProcess', p.DeploymentProcessId));
  });

  app.get<Req<ProjectParams>>('/api/:spaceId/projects/:projectId/deploymentprocesses/template', async (req) => {
    const p = projectInSpace(store, req.params.spaceId, req.params.projectId);
    const channelId = req.query['channel'];
    if (channelId !== undefined && channelId !== '') inSpace(store.getChannel(channelId), p.SpaceId, 'Channel', channelId);
    return releaseTemplate(store, p);
  });

  app.get<Req<ProjectParams>>('/api/:spaceId/projects/:projectId/deploymentsettings', async (req) => {
    const p = projectInSpace(store, req.params.spaceId, req.params.projectId);
    return {
      Id: `deploymentsettings-${p.Id}`, ProjectId: p.Id, SpaceId: p.SpaceId,
      ConnectivityPolicy: { SkipMachineBehavior: 'None', TargetRoles: [], AllowDeploymentsToNoTargets: false, ExcludeUnhealthyTargets: false },
      DefaultGuidedFailureMode: p.DefaultGuidedFailureMode, VersioningStrategy: structuredClone(p.VersioningStrategy),
      ReleaseNotesTemplate: p.ReleaseNotesTemplate, DefaultToSkipIfAlreadyInstalled: p.DefaultToSkipIfAlreadyInstalled,
      DeploymentChangesTemplate: null, ForcePackageDownload: p.ForcePackageDownload, FailTargetDiscovery: false,
      Links: { Self: `/api/${p.SpaceId}/projects/${p.Id}/deploymentsettings` },
    };
  });

  app.get<Req<ProjectParams>>('/api/:spaceId/projects/:projectId/releases', async (req) => {
    const p = projectInSpace(store, req.params.spaceId, req.params.projectId);
    const search = req.query['searchByVersion'];
    const all = store.listReleases(p.Id).filter((r) => !search || r.Version.includes(search));
    return collection(all, {
      itemType: 'Release', path: `/api/${p.SpaceId}/projects/${p.Id}/releases`, paging: parsePaging(req.query),
      template: `/api/${p.SpaceId}/projects/${p.Id}/releases{/version}{?skip,take,searchByVersion}`, filters: presentFilters(req.query, ['searchByVersion']),
    }, renderRelease);
  });

  app.get<Req<ProjectParams & { version: string }>>('/api/:spaceId/projects/:projectId/releases/:version', async (req) => {
    const p = projectInSpace(store, req.params.spaceId, req.params.projectId);
    const release = store.findReleaseByVersion(p.Id, req.params.version);
    if (!release) throw notFound('Release', req.params.version);
    return renderRelease(release);
  });

  app.get<Req<ProjectParams>>('/api/:spaceId/projects/:projectId/runbooks', async (req) => {
    const p = projectInSpace(store, req.params.spaceId, req.params.projectId);
    return collection(filterNamed(store.listRunbooks(p.Id), req.query), {
      itemType: 'Runbook', path: `/api/${p.SpaceId}/projects/${p.Id}/runbooks`, paging: parsePaging(req.query),
      template: `/api/${p.SpaceId}/projects/${p.Id}/runbooks{?skip,take,partialName}`, filters: presentFilters(req.query, ['partialName']),
    }, renderRunbook);
  });

  app.get<Req<SpaceIdParams>>('/api/:spaceId/variables/:id', async (req) => {
    const sid = requireSpaceById(store, req.params.spaceId).Id;
    const id = req.params.id;
    // Snapshots (`variableset-Projects-1-s-…`) render the live set: variables are not editable here.
    const liveId = id.includes('-s-') ? id.slice(0, id.indexOf('-s-')) : id;
    return renderVariableSet(inSpace(store.getVariableSet(liveId), sid, 'VariableSet', id), id);
  });
}

/** `GET …/deploymentprocesses/template`: what the CLI needs to build a release plan. */
function releaseTemplate(store: Store, p: Project) {
  const process = inSpace(store.getDeploymentProcess(p.DeploymentProcessId), p.SpaceId, 'DeploymentProcess', p.DeploymentProcessId);
  const last = store.listReleases(p.Id)[0];
  const packages = process.Steps.flatMap((st) => st.Actions.flatMap((a) => a.Packages.map((ref) => ({
    ActionName: a.Name, PackageId: ref.PackageId, PackageReferenceName: ref.Name, ProjectName: p.Name, FeedId: ref.FeedId,
    FeedName: store.getFeed(ref.FeedId)?.Name ?? ref.FeedId, StepName: st.Name,
    VersionSelectedLastRelease: last?.SelectedPackages.find((s) => s.ActionName === a.Name && s.PackageReferenceName === ref.Name)?.Version ?? null,
    IsResolvable: true, FixedVersion: null,
  }))));
  return {
    DeploymentProcessId: process.Id,
    LastReleaseVersion: last?.Version ?? null,
    NextVersionIncrement: nextVersionFromTemplate(p.VersioningStrategy.Template ?? DEFAULT_RELEASE_TEMPLATE, last?.Version),
    VersioningPackageStepName: null,
    VersioningPackageReferenceName: null,
    Packages: packages,
    GitResources: [],
    Links: {},
  };
}
