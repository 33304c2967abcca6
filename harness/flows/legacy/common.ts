// What the three legacy flows share: the client set-up with the old CLI's headers, the flow result
// shape, and the by-name lookups that use `?name=` where the link template offers it.
import type { Clock } from '../../core/clock.js';
import { FlowError, isFlowError } from '../errors.js';
import { RecordingClient, type CallRecord } from '../recording-client.js';
import type { HttpTransport } from '../transport.js';
import { link, pickByName, type CollectionResource, type Linked, type Named, type ProjectResource } from './resources.js';

/** Headers Octopus.Client sends (octopus-api.md §3.1); the API key is the transport's job. */
export const LEGACY_CLIENT_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  accept: 'application/json',
  'user-agent': 'OctopusClient-dotnet/14.3.1221 (Linux; x64) NoneOrUnknown octo',
});

export interface FlowOptions {
  /** Times each call when given. */
  clock?: Clock;
  /** Replaces LEGACY_CLIENT_HEADERS. */
  headers?: Record<string, string>;
  /** The CLI's `--space`; omitted → the default space (the blog's capture). */
  spaceName?: string;
}

export interface FlowResult<R> {
  calls: CallRecord[];
  result: R;
}

export function legacyClient(t: HttpTransport, options: FlowOptions): RecordingClient {
  return new RecordingClient(t, { headers: { ...(options.headers ?? LEGACY_CLIENT_HEADERS) }, ...(options.clock ? { clock: options.clock } : {}) });
}

/** `GET {link}?name=…` and an exact (case-insensitive) match among the items. */
export async function findByNameQuery<T extends Named>(client: RecordingClient, from: Linked, linkName: string, route: string, name: string, what: string): Promise<T> {
  const page = await client.get<CollectionResource<T>>(route, link(client, from, linkName, { name }));
  return pickByName(client, page.Items ?? [], name, what);
}

export const findProject = (client: RecordingClient, spaceRoot: Linked, name: string): Promise<ProjectResource> =>
  findByNameQuery<ProjectResource>(client, spaceRoot, 'Projects', '/api/{spaceId}/projects?name={name}', name, 'Project');

export const findEnvironment = (client: RecordingClient, spaceRoot: Linked, name: string): Promise<Named> =>
  findByNameQuery<Named>(client, spaceRoot, 'Environments', '/api/{spaceId}/environments?name={name}', name, 'Environment');

/** Runs `get`, turning a 404 into a lookup error that names what was missing. */
export async function lookup<T>(client: RecordingClient, what: string, get: () => Promise<T>): Promise<T> {
  try {
    return await get();
  } catch (e) {
    if (isFlowError(e) && e.status === 404) throw new FlowError('OCTOBENCH_ERR_FLOW_LOOKUP', `${what} was not found`, [...client.calls], 404);
    throw e;
  }
}
