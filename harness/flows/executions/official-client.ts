// The Executions API as the official TS client (@octopusdeploy/api-client 3.x) issues it (octopus-api.md
// §2.2–2.3): `Client.create` loads the root document once per Client and gates on its Version; the
// space is looked up by name once per PROCESS (a module-level cache, here a SpaceCache the caller shares);
// then the single command call. A session is one Client; its first operation pays the root document.
import type { Clock } from '../../core/clock.js';
import { FlowError } from '../errors.js';
import { RecordingClient } from '../recording-client.js';
import type { HttpTransport } from '../transport.js';
import { clientCommandBody, EXECUTIONS_ROUTES, serverTaskIds, type ExecutionsOperation, type OperationInput } from './commands.js';
import type { ExecutionsFlowResult } from './single-call.js';

export const OFFICIAL_CLIENT_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  accept: 'application/json, text/plain, */*',
  'accept-encoding': 'gzip,deflate,compress',
  'user-agent': 'ts-octopusdeploy octobench',
});

/** The lowest server version the client accepts for Executions calls. */
export const MIN_EXECUTIONS_VERSION = '2022.3.5512';
export const ROOT_ROUTE = 'GET /api';
export const SPACE_LOOKUP_ROUTE = 'GET /api/spaces?partialName={name}&skip=0&take=2147483647';

/** The client's module-level space map: name → id, shared by every Client of a process. */
export type SpaceCache = Map<string, string>;

function versionAtLeast(version: string, min: string): boolean {
  const a = version.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const b = min.split('.').map(Number);
  for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i]!;
  return true;
}

export class OfficialClientSession {
  private rootLoaded = false;

  constructor(
    private readonly transport: HttpTransport,
    private readonly spaces: SpaceCache,
    private readonly options: { clock?: Clock; headers?: Record<string, string> } = {},
  ) {}

  async run(op: ExecutionsOperation, input: OperationInput, spaceName: string): Promise<ExecutionsFlowResult> {
    const client = new RecordingClient(this.transport, { headers: { ...(this.options.headers ?? OFFICIAL_CLIENT_HEADERS) }, ...(this.options.clock ? { clock: this.options.clock } : {}) });
    if (!this.rootLoaded) {
      const root = await client.get<{ Version?: unknown }>('/api', '/api');
      if (typeof root.Version !== 'string' || !versionAtLeast(root.Version, MIN_EXECUTIONS_VERSION)) {
        throw new FlowError('OCTOBENCH_ERR_FLOW_PROTOCOL', `server version '${String(root.Version)}' is older than ${MIN_EXECUTIONS_VERSION}`, [...client.calls]);
      }
      this.rootLoaded = true;
    }
    let spaceId = this.spaces.get(spaceName);
    if (spaceId === undefined) {
      const path = `/api/spaces?partialName=${encodeURIComponent(spaceName)}&skip=0&take=2147483647`;
      const page = await client.get<{ Items?: Array<{ Id: string; Name: string }> }>(SPACE_LOOKUP_ROUTE.slice(4), path);
      const hit = (page.Items ?? []).find((s) => s.Name === spaceName);
      if (!hit) throw new FlowError('OCTOBENCH_ERR_FLOW_LOOKUP', `space '${spaceName}' was not found`, [...client.calls]);
      spaceId = hit.Id;
      this.spaces.set(spaceName, spaceId);
    }
    const command = EXECUTIONS_ROUTES[op];
    const response = await client.post<unknown>(command.route.slice('POST '.length), command.path(spaceId), clientCommandBody(op, input, { id: spaceId, name: spaceName }), [command.status]);
    const taskIds = serverTaskIds(op, response);
    if (op !== 'create-release' && taskIds.length === 0) {
      throw new FlowError('OCTOBENCH_ERR_FLOW_PROTOCOL', `${command.route} answered no server task (the client throws on an empty list)`, [...client.calls]);
    }
    return { calls: client.calls, result: { response, taskIds } };
  }
}
