// `octo create-release --project P [--version V] [--channel C]` as the old CLI does it (octopus-api.md
// §3.2): the 9-call prelude, then project, channels, deployment process, release template, deployment
// settings, POST release (201) and the re-GET of its Self link — 16 API requests.
import { FlowError } from '../errors.js';
import type { HttpTransport } from '../transport.js';
import { legacyPrelude } from './prelude.js';
import { findProject, legacyClient, type FlowOptions, type FlowResult } from './common.js';
import {
  link, pickByName, type ChannelResource, type CollectionResource, type DeploymentSettings, type Linked, type ReleaseResource, type ReleaseTemplate,
} from './resources.js';

export interface CreateReleaseFlowInput {
  projectName: string;
  /** Omitted → the template's NextVersionIncrement. */
  version?: string;
  /** Omitted → the project's default channel. */
  channelName?: string;
  /**
   * One version for every package (like `--packageVersion`). Omitted → each package's
   * VersionSelectedLastRelease, or the server's choice (latest) when there is none; the CLI's feed
   * searches are not issued (they would add one request per package).
   */
  packageVersion?: string;
  releaseNotes?: string;
}

export interface CreateReleaseFlowResult {
  releaseId: string;
  version: string;
}

export const CREATE_RELEASE_ROUTES = [
  'GET /api/{spaceId}/projects?name={name}',
  'GET /api/{spaceId}/projects/{projectId}/channels',
  'GET /api/{spaceId}/deploymentprocesses/{id}',
  'GET /api/{spaceId}/projects/{projectId}/deploymentprocesses/template?channel={channelId}',
  'GET /api/{spaceId}/projects/{projectId}/deploymentsettings',
  'POST /api/{spaceId}/releases?ignoreChannelRules={bool}',
  'GET /api/{spaceId}/releases/{id}',
] as const;

export async function createRelease(t: HttpTransport, input: CreateReleaseFlowInput, options: FlowOptions = {}): Promise<FlowResult<CreateReleaseFlowResult>> {
  const client = legacyClient(t, options);
  const { space, spaceRoot } = await legacyPrelude(client, options.spaceName);
  const project = await findProject(client, spaceRoot, input.projectName);
  const channels = await client.get<CollectionResource<ChannelResource>>('/api/{spaceId}/projects/{projectId}/channels', link(client, project, 'Channels'));
  const channel = input.channelName === undefined ? channels.Items.find((c) => c.IsDefault) : pickByName(client, channels.Items, input.channelName, 'Channel');
  if (!channel) throw new FlowError('OCTOBENCH_ERR_FLOW_LOOKUP', `project '${project.Name}' has no default channel`, [...client.calls]);
  const process = await client.get<Linked>('/api/{spaceId}/deploymentprocesses/{id}', link(client, project, 'DeploymentProcess'));
  const template = await client.get<ReleaseTemplate>(
    '/api/{spaceId}/projects/{projectId}/deploymentprocesses/template?channel={channelId}', link(client, process, 'Template', { channel: channel.Id }));
  const settings = await client.get<DeploymentSettings>('/api/{spaceId}/projects/{projectId}/deploymentsettings', link(client, project, 'DeploymentSettings'));
  const version = input.version ?? template.NextVersionIncrement;
  const selectedPackages = (template.Packages ?? []).flatMap((p) => {
    const v = input.packageVersion ?? p.VersionSelectedLastRelease;
    return v === null || v === undefined ? [] : [{ ActionName: p.ActionName, PackageReferenceName: p.PackageReferenceName, Version: v }];
  });
  const created = await client.post<ReleaseResource>('/api/{spaceId}/releases?ignoreChannelRules={bool}', link(client, spaceRoot, 'Releases', { ignoreChannelRules: 'false' }), {
    Id: null, Assembled: null, ReleaseNotes: input.releaseNotes ?? settings.ReleaseNotesTemplate ?? null, ProjectId: project.Id, ChannelId: channel.Id,
    ProjectVariableSetSnapshotId: null, LibraryVariableSetSnapshotIds: [], ProjectDeploymentProcessSnapshotId: null, IgnoreChannelRules: false,
    BuildInformation: [], SelectedPackages: selectedPackages, VersionControlReference: null, Version: version, SpaceId: space.Id,
    LastModifiedOn: null, LastModifiedBy: null, Links: {},
  });
  const release = await client.get<ReleaseResource>('/api/{spaceId}/releases/{id}', link(client, created, 'Self'));
  return { calls: client.calls, result: { releaseId: release.Id, version: release.Version } };
}
