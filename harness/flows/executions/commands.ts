// The three operations as Executions API v1 commands (octopus-api.md §1, §1.7): route per operation, and
// the request body in the two wire forms a benchmark meets — the new Go CLI's camelCase body and the
// official TS client's mixed form (camelCase space keys, then the PascalCase command with `spaceName`).
export type ExecutionsOperation = 'create-release' | 'deploy-release' | 'run-runbook';

/** What every API variant needs to know about one operation (names, never ids: the server resolves them). */
export interface OperationInput {
  projectName: string;
  /** create-release: omitted → the server's next version; deploy-release: the release to deploy. */
  releaseVersion?: string;
  environmentName: string;
  runbookName: string;
  channelName?: string;
}

export interface SpaceRef {
  id: string;
  name: string;
}

export const EXECUTIONS_ROUTES: Readonly<Record<ExecutionsOperation, { route: string; path: (spaceId: string) => string; status: number }>> = {
  'create-release': { route: 'POST /api/{spaceId}/releases/create/v1', path: (s) => `/api/${s}/releases/create/v1`, status: 201 },
  'deploy-release': { route: 'POST /api/{spaceId}/deployments/create/untenanted/v1', path: (s) => `/api/${s}/deployments/create/untenanted/v1`, status: 200 },
  'run-runbook': { route: 'POST /api/{spaceId}/runbook-runs/create/v1', path: (s) => `/api/${s}/runbook-runs/create/v1`, status: 200 },
};

/** The Go CLI / go-octopusdeploy body: camelCase, `spaceIdOrName` first, booleans always present. */
export function cliCommandBody(op: ExecutionsOperation, input: OperationInput, space: SpaceRef): Record<string, unknown> {
  const head = { spaceIdOrName: space.id };
  switch (op) {
    case 'create-release':
      return {
        ...head, projectName: input.projectName, ...(input.releaseVersion === undefined ? {} : { releaseVersion: input.releaseVersion }),
        ...(input.channelName === undefined ? {} : { channelName: input.channelName }), ignoreIfAlreadyExists: false, ignoreChannelRules: false, spaceId: space.id,
      };
    case 'deploy-release':
      return {
        ...head, releaseVersion: input.releaseVersion ?? '', environmentNames: [input.environmentName], forcePackageRedeployment: false,
        updateVariableSnapshot: false, spaceId: space.id, projectName: input.projectName, forcePackageDownload: false, useGuidedFailure: null,
      };
    case 'run-runbook':
      return {
        ...head, projectName: input.projectName, runbookName: input.runbookName, environmentNames: [input.environmentName],
        forcePackageDownload: false, useGuidedFailure: null, spaceId: space.id,
      };
  }
}

/** The official TS client 3.x body (§1.7): `spaceId`, `spaceIdOrName`, then the PascalCase command incl. `spaceName`. */
export function clientCommandBody(op: ExecutionsOperation, input: OperationInput, space: SpaceRef): Record<string, unknown> {
  const head = { spaceId: space.id, spaceIdOrName: space.name, spaceName: space.name, ProjectName: input.projectName };
  switch (op) {
    case 'create-release':
      return { ...head, ...(input.releaseVersion === undefined ? {} : { ReleaseVersion: input.releaseVersion }), ChannelName: input.channelName ?? 'Default' };
    case 'deploy-release':
      return { ...head, ReleaseVersion: input.releaseVersion ?? '', EnvironmentNames: [input.environmentName] };
    case 'run-runbook':
      return { ...head, RunbookName: input.runbookName, EnvironmentNames: [input.environmentName] };
  }
}

/** Server task ids in an Executions response (PascalCase top level; inner keys in either casing). */
export function serverTaskIds(op: ExecutionsOperation, response: unknown): string[] {
  if (op === 'create-release' || response === null || typeof response !== 'object') return [];
  const list = (response as Record<string, unknown>)[op === 'deploy-release' ? 'DeploymentServerTasks' : 'RunbookRunServerTasks'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((t: Record<string, unknown>) => {
    const id = t['ServerTaskId'] ?? t['serverTaskId'];
    return typeof id === 'string' ? [id] : [];
  });
}
