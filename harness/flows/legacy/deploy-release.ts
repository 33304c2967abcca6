// `octo deploy-release --project P --version V --deployTo E` as the old CLI does it (octopus-api.md
// §3.3): prelude, environment, project, release by version, deployment template, environment again,
// preview, POST deployment (201) and the re-GET of its Self link — 17 API requests.
import { FlowError } from '../errors.js';
import type { HttpTransport } from '../transport.js';
import { legacyPrelude } from './prelude.js';
import { findEnvironment, findProject, legacyClient, lookup, type FlowOptions, type FlowResult } from './common.js';
import { link, type DeploymentResource, type DeploymentTemplate, type ReleaseResource } from './resources.js';

export interface DeployReleaseFlowInput {
  projectName: string;
  version: string;
  environmentName: string;
}

export interface DeployReleaseFlowResult {
  releaseId: string;
  deploymentId: string;
  taskId: string;
}

export const DEPLOY_RELEASE_ROUTES = [
  'GET /api/{spaceId}/environments?name={name}',
  'GET /api/{spaceId}/projects?name={name}',
  'GET /api/{spaceId}/projects/{projectId}/releases/{version}',
  'GET /api/{spaceId}/releases/{id}/deployments/template',
  'GET /api/{spaceId}/environments?name={name}',
  'GET /api/{spaceId}/releases/{id}/deployments/preview/{environmentId}?includeDisabledSteps=true',
  'POST /api/{spaceId}/deployments',
  'GET /api/{spaceId}/deployments/{id}',
] as const;

export async function deployRelease(t: HttpTransport, input: DeployReleaseFlowInput, options: FlowOptions = {}): Promise<FlowResult<DeployReleaseFlowResult>> {
  const client = legacyClient(t, options);
  const { space, spaceRoot } = await legacyPrelude(client, options.spaceName);
  await findEnvironment(client, spaceRoot, input.environmentName); // ValidateParameters
  const project = await findProject(client, spaceRoot, input.projectName);
  const release = await lookup(client, `release '${input.version}' of project '${project.Name}'`, () =>
    client.get<ReleaseResource>('/api/{spaceId}/projects/{projectId}/releases/{version}', link(client, project, 'Releases', { version: input.version })));
  const template = await client.get<DeploymentTemplate>('/api/{spaceId}/releases/{id}/deployments/template', link(client, release, 'DeploymentTemplate'));
  const environment = await findEnvironment(client, spaceRoot, input.environmentName); // DeployToEnvironments
  const promotion = (template.PromoteTo ?? []).find((p) => p.Id === environment.Id);
  if (!promotion) {
    throw new FlowError('OCTOBENCH_ERR_FLOW_LOOKUP', `release '${release.Version}' cannot be deployed to '${environment.Name}' (not in PromoteTo)`, [...client.calls]);
  }
  await client.get('/api/{spaceId}/releases/{id}/deployments/preview/{environmentId}?includeDisabledSteps=true', link(client, promotion, 'Preview', { includeDisabledSteps: 'true' }));
  const created = await client.post<DeploymentResource>('/api/{spaceId}/deployments', link(client, spaceRoot, 'Deployments'), {
    Id: null, ReleaseId: release.Id, ChannelId: null, DeploymentProcessId: null, Changes: [], ChangesMarkdown: null, EnvironmentId: environment.Id,
    TenantId: null, ForcePackageDownload: false, ForcePackageRedeployment: false, SkipActions: [], SpecificMachineIds: [], ExcludedMachineIds: [],
    ManifestVariableSetId: null, TaskId: null, ProjectId: project.Id, UseGuidedFailure: false, Comments: null, FormValues: {}, QueueTime: null,
    QueueTimeExpiry: null, Name: null, Created: null, SpaceId: space.Id, LastModifiedOn: null, LastModifiedBy: null, Links: {},
  });
  const deployment = await client.get<DeploymentResource>('/api/{spaceId}/deployments/{id}', link(client, created, 'Self'));
  return { calls: client.calls, result: { releaseId: release.Id, deploymentId: deployment.Id, taskId: deployment.TaskId } };
}
