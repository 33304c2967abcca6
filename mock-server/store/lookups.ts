// Lookups that must succeed: by id or by name within a space or project, throwing the API's
// notFound(...) (404, naming what was missing) instead of returning undefined. Used by both APIs.
import { notFound } from '../api/errors.js';
import type { Store } from './store.js';
import type { Channel, Deployment, Environment, Machine, Project, Release, Runbook, RunbookRun, RunbookSnapshot, Space, Tenant } from './model.js';

function must<T>(value: T | undefined, what: string, key: string): T {
  if (value === undefined) throw notFound(what, key);
  return value;
}

/** A space by id (`Spaces-1`) or, failing that, by name. */
export const requireSpace = (store: Store, idOrName: string): Space =>
  must(store.getSpace(idOrName) ?? store.findSpaceByName(idOrName), 'Space', idOrName);

export const requireProject = (store: Store, spaceId: string, idOrName: string): Project => {
  const byId = store.getProject(idOrName);
  if (byId && byId.SpaceId === spaceId) return byId;
  return must(store.findProjectByName(spaceId, idOrName), 'Project', idOrName);
};

/** A project by id in the space (for legacy routes that take ids only). */
export const requireProjectById = (store: Store, spaceId: string, id: string): Project => {
  const p = store.getProject(id);
  return must(p && p.SpaceId === spaceId ? p : undefined, 'Project', id);
};

export const requireChannel = (store: Store, projectId: string, idOrName: string): Channel => {
  const byId = store.getChannel(idOrName);
  if (byId && byId.ProjectId === projectId) return byId;
  return must(store.findChannelByName(projectId, idOrName), 'Channel', idOrName);
};

export const requireEnvironment = (store: Store, spaceId: string, idOrName: string): Environment => {
  const byId = store.getEnvironment(idOrName);
  if (byId && byId.SpaceId === spaceId) return byId;
  return must(store.findEnvironmentByName(spaceId, idOrName), 'Environment', idOrName);
};

export const requireTenant = (store: Store, spaceId: string, idOrName: string): Tenant => {
  const byId = store.getTenant(idOrName);
  if (byId && byId.SpaceId === spaceId) return byId;
  return must(store.findTenantByName(spaceId, idOrName), 'Tenant', idOrName);
};

export const requireMachine = (store: Store, spaceId: string, idOrName: string): Machine => {
  const byId = store.getMachine(idOrName);
  if (byId && byId.SpaceId === spaceId) return byId;
  return must(store.findMachineByName(spaceId, idOrName), 'Machine', idOrName);
};

export const requireRunbook = (store: Store, projectId: string, idOrName: string): Runbook => {
  const byId = store.getRunbook(idOrName);
  if (byId && byId.ProjectId === projectId) return byId;
  return must(store.findRunbookByName(projectId, idOrName), 'Runbook', idOrName);
};

/** A snapshot of the runbook by name or id; omitted → the published snapshot. */
export const requireRunbookSnapshot = (store: Store, runbook: Runbook, idOrName?: string): RunbookSnapshot => {
  if (idOrName === undefined) {
    const published = runbook.PublishedRunbookSnapshotId === null ? undefined : store.getRunbookSnapshot(runbook.PublishedRunbookSnapshotId);
    return must(published, 'Published runbook snapshot', runbook.Name);
  }
  const byId = store.getRunbookSnapshot(idOrName);
  if (byId && byId.RunbookId === runbook.Id) return byId;
  return must(store.findRunbookSnapshotByName(runbook.Id, idOrName), 'Runbook snapshot', idOrName);
};

export const requireReleaseByVersion = (store: Store, projectId: string, version: string): Release =>
  must(store.findReleaseByVersion(projectId, version), 'Release', version);

export const requireRelease = (store: Store, spaceId: string, id: string): Release => {
  const r = store.getRelease(id);
  return must(r && r.SpaceId === spaceId ? r : undefined, 'Release', id);
};

export const requireDeployment = (store: Store, spaceId: string, id: string): Deployment => {
  const d = store.getDeployment(id);
  return must(d && d.SpaceId === spaceId ? d : undefined, 'Deployment', id);
};

export const requireRunbookRun = (store: Store, spaceId: string, id: string): RunbookRun => {
  const r = store.getRunbookRun(id);
  return must(r && r.SpaceId === spaceId ? r : undefined, 'RunbookRun', id);
};

/** Tenants connected to the project in the environment (what `Tenants: ["*"]` expands to), in id order. */
export function tenantsConnectedTo(store: Store, spaceId: string, projectId: string, environmentId: string): Tenant[] {
  return store.listTenants(spaceId).filter((t) => t.ProjectEnvironments[projectId]?.includes(environmentId) ?? false);
}
