// The old `octo` CLI's connection prelude (octopus-api.md §3.1, lines 2–10 of the blog capture; the
// capture's CONNECT is the proxy tunnel, not an API call): 9 requests before the command's own work.
// Each GET /api is a fresh Octopus.Client repository loading its own root document.
import { FlowError } from '../errors.js';
import type { RecordingClient } from '../recording-client.js';
import { findInPages, link, type RootDocument, type SpaceResource, type UserResource, type Links } from './resources.js';

export interface PreludeResult {
  root: RootDocument;
  space: SpaceResource;
  spaceRoot: { Links: Links };
  user: UserResource;
}

/** `octo … --space=Name`: the user-spaces lookup disappears (octopus-api.md §3.1, inferred from the same code). */
export const NAMED_SPACE_PRELUDE_ROUTES = [
  'GET /api', 'GET /api', 'GET /api', 'GET /api/spaces', 'GET /api', 'GET /api/{spaceId}', 'GET /api/users/me',
] as const;

export const PRELUDE_ROUTES = [
  'GET /api', 'GET /api', 'GET /api', 'GET /api/spaces', 'GET /api', 'GET /api/users/me', 'GET /api/users/{id}/spaces', 'GET /api/{spaceId}', 'GET /api/users/me',
] as const;

function checkApiVersion(client: RecordingClient, root: RootDocument): void {
  if (typeof root.ApiVersion !== 'string' || !/^3\.0\.\d{1,2}$/.test(root.ApiVersion)) {
    throw new FlowError('OCTOBENCH_ERR_FLOW_PROTOCOL', `the server's ApiVersion '${String(root.ApiVersion)}' is outside 3.0.0–3.0.99`, [...client.calls]);
  }
}

/** The prelude; with `spaceName` (the CLI's `--space`) the space is found by name and 2 calls fewer are made. */
export async function legacyPrelude(client: RecordingClient, spaceName?: string): Promise<PreludeResult> {
  const root = await client.get<RootDocument>('/api', '/api'); // OctopusAsyncClient.Create
  checkApiVersion(client, root);
  await client.get<RootDocument>('/api', '/api'); // ForSystem().HasLink("Spaces")
  const systemRoot = await client.get<RootDocument>('/api', '/api'); // ForSystem().Spaces.FindOne(IsDefault | name)
  const wanted = spaceName?.toLowerCase();
  const found = await findInPages<SpaceResource>(client, '/api/spaces', link(client, systemRoot, 'Spaces'),
    (s) => (wanted === undefined ? s.IsDefault : s.Name.toLowerCase() === wanted));
  if (!found) throw new FlowError('OCTOBENCH_ERR_FLOW_LOOKUP', spaceName === undefined ? 'the server has no default space' : `space '${spaceName}' was not found`, [...client.calls]);
  const repoRoot = await client.get<RootDocument>('/api', '/api'); // CreateRepository → LoadRootDocument ("Handshaking")
  if (spaceName !== undefined) {
    const spaceRoot = await client.get<{ Links: Links }>('/api/{spaceId}', link(client, found, 'SpaceHome'));
    const user = await client.get<UserResource>('/api/users/me', link(client, repoRoot, 'CurrentUser'));
    return { root, space: found, spaceRoot, user };
  }
  const me = await client.get<UserResource>('/api/users/me', link(client, repoRoot, 'CurrentUser')); // TryGetDefaultSpace
  const userSpaces = await client.get<SpaceResource[]>('/api/users/{id}/spaces', link(client, me, 'Spaces'));
  const space = Array.isArray(userSpaces) ? userSpaces.find((s) => s.IsDefault) : undefined;
  if (!space) throw new FlowError('OCTOBENCH_ERR_FLOW_LOOKUP', `user ${me.Id} has no default space`, [...client.calls]);
  const spaceRoot = await client.get<{ Links: Links }>('/api/{spaceId}', link(client, space, 'SpaceHome'));
  const user = await client.get<UserResource>('/api/users/me', link(client, repoRoot, 'CurrentUser')); // Users.GetCurrent()
  return { root, space, spaceRoot, user };
}
