// `octo run-runbook --project P --runbook R --environment E` as the old CLI does it (octopus-api.md
// §3.4): prelude, project, the project's runbooks (matched client-side, paging on), environment, and
// the POST to the runbook's CreateRunbookRun link (201, an array; no re-GET) — 13 API requests.
import { FlowError } from '../errors.js';
import type { HttpTransport } from '../transport.js';
import { legacyPrelude } from './prelude.js';
import { findEnvironment, findProject, legacyClient, type FlowOptions, type FlowResult } from './common.js';
import { findInPages, link, type RunbookResource, type RunbookRunResource } from './resources.js';

export interface RunRunbookFlowInput {
  projectName: string;
  runbookName: string;
  environmentName: string;
}

export interface RunRunbookFlowResult {
  runbookId: string;
  runbookRunId: string;
  taskId: string;
}

export const RUN_RUNBOOK_ROUTES = [
  'GET /api/{spaceId}/projects?name={name}',
  'GET /api/{spaceId}/projects/{projectId}/runbooks',
  'GET /api/{spaceId}/environments?name={name}',
  'POST /api/{spaceId}/runbooks/{id}/run',
] as const;

export async function runRunbook(t: HttpTransport, input: RunRunbookFlowInput, options: FlowOptions = {}): Promise<FlowResult<RunRunbookFlowResult>> {
  const client = legacyClient(t, options);
  const { spaceRoot } = await legacyPrelude(client, options.spaceName);
  const project = await findProject(client, spaceRoot, input.projectName);
  const wanted = input.runbookName.toLowerCase();
  const runbook = await findInPages<RunbookResource>(client, '/api/{spaceId}/projects/{projectId}/runbooks', link(client, project, 'Runbooks'), (r) => r.Name.toLowerCase() === wanted);
  if (!runbook) throw new FlowError('OCTOBENCH_ERR_FLOW_LOOKUP', `runbook '${input.runbookName}' of project '${project.Name}' was not found`, [...client.calls]);
  const environment = await findEnvironment(client, spaceRoot, input.environmentName);
  const runs = await client.post<RunbookRunResource[]>('/api/{spaceId}/runbooks/{id}/run', link(client, runbook, 'CreateRunbookRun'), {
    UseDefaultSnapshot: true, RunbookId: runbook.Id, ProjectId: project.Id, RunbookSnapshotNameOrId: null, EnvironmentId: environment.Id,
    EnvironmentIds: [environment.Id], ForcePackageDownload: false, UseGuidedFailure: null, SpecificMachineIds: [], ExcludedMachineIds: [],
    TenantId: null, TenantIds: [], TenantTagNames: [], SkipActions: [], QueueTime: null, QueueTimeExpiry: null, FormValues: {},
  });
  const run = Array.isArray(runs) ? runs[0] : undefined;
  if (!run) throw new FlowError('OCTOBENCH_ERR_FLOW_PROTOCOL', 'the run request returned no runbook run', [...client.calls]);
  return { calls: client.calls, result: { runbookId: runbook.Id, runbookRunId: run.Id, taskId: run.TaskId } };
}
