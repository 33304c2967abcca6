// The parts of legacy Octopus resources the CLI flows read (octopus-api.md §4), plus link following:
// a flow only knows `/api`; every other path comes from a `Links` entry of a previous response.
import { FlowError } from '../errors.js';
import type { RecordingClient } from '../recording-client.js';
import { expandUriTemplate, type TemplateVariables } from '../uri-template.js';

export type Links = Record<string, string>;
export interface Linked { Links: Links }
export interface Named extends Linked { Id: string; Name: string }

export interface RootDocument extends Linked { Application: string; Version: string; ApiVersion: string; InstallationId: string }
export interface SpaceResource extends Named { IsDefault: boolean }
export interface UserResource extends Linked { Id: string; Username: string }
export interface ProjectResource extends Named { DeploymentProcessId: string; TenantedDeploymentMode: string }
export interface ChannelResource extends Named { IsDefault: boolean; ProjectId: string }
export interface CollectionResource<T> extends Linked { Items: T[]; TotalResults: number }
export interface ReleaseTemplatePackage { ActionName: string; PackageReferenceName: string; VersionSelectedLastRelease: string | null }
export interface ReleaseTemplate { NextVersionIncrement: string; Packages: ReleaseTemplatePackage[] }
export interface DeploymentSettings extends Linked { ReleaseNotesTemplate: string | null }
export interface ReleaseResource extends Linked { Id: string; Version: string; ProjectId: string; ChannelId: string }
export interface PromotionTarget extends Named {}
export interface DeploymentTemplate { PromoteTo: PromotionTarget[]; TenantPromotions: Array<{ Id: string; Name: string; PromoteTo: PromotionTarget[] }> }
export interface ExecutionResource extends Linked { Id: string; TaskId: string; EnvironmentId: string }
export interface DeploymentResource extends ExecutionResource { ReleaseId: string }
export interface RunbookRunResource extends ExecutionResource { RunbookId: string }
export interface RunbookResource extends Named { ProjectId: string }

/** The link's template expanded with `vars`; a missing link is a protocol error. */
export function link(client: RecordingClient, resource: Linked, name: string, vars: TemplateVariables = {}): string {
  const template = resource.Links?.[name];
  if (typeof template !== 'string') {
    throw new FlowError('OCTOBENCH_ERR_FLOW_PROTOCOL', `the response has no '${name}' link`, [...client.calls]);
  }
  return expandUriTemplate(template, vars);
}

/** Case-insensitive exact name match in a list, or a lookup error naming what was missing. */
export function pickByName<T extends { Name: string }>(client: RecordingClient, items: readonly T[], name: string, what: string): T {
  const found = items.find((i) => i.Name.toLowerCase() === name.toLowerCase());
  if (!found) throw new FlowError('OCTOBENCH_ERR_FLOW_LOOKUP', `${what} '${name}' was not found`, [...client.calls]);
  return found;
}

/**
 * Pages a collection (following `Page.Next`) until `match` finds an item, as Octopus.Client's
 * FindOne/FindByName do; each page is one recorded call with the given route template.
 */
export async function findInPages<T>(client: RecordingClient, route: string, firstPath: string, match: (item: T) => boolean): Promise<T | undefined> {
  let path: string | undefined = firstPath;
  while (path !== undefined) {
    const page: CollectionResource<T> = await client.get<CollectionResource<T>>(route, path);
    const hit = page.Items.find(match);
    if (hit !== undefined) return hit;
    path = page.Links?.['Page.Next'];
  }
  return undefined;
}
