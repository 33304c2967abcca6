// Which space an Executions command runs in. The URL's `{spaceId}` must be a space *ID* that exists
// (404 naming it otherwise); the un-prefixed routes take the space from the body's SpaceId. The body's
// SpaceId must agree with the URL, and SpaceIdOrName must name the same space by id or name (the TS
// client sends the space name there, the Go client the id).
import type { Store } from '../../store/index.js';
import type { Space } from '../../store/model.js';
import { notFound, validationFailed } from '../errors.js';
import type { SpaceScoped } from './commands.js';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A space by id only, compared case-insensitively (Octopus ids are not case-sensitive). */
export function findSpaceById(store: Store, id: string): Space | undefined {
  return store.getSpace(id) ?? store.listSpaces().find((s) => same(s.Id, id));
}

/** Checks the URL space before the body is looked at, so an unknown space is a 404 even for bad bodies. */
export function requireUrlSpace(store: Store, urlSpaceId: string): Space {
  const space = findSpaceById(store, urlSpaceId);
  if (!space) throw notFound('Space', urlSpaceId);
  return space;
}

/** The space the command runs in; `urlSpace` is undefined on the un-prefixed routes. */
export function resolveCommandSpace(store: Store, urlSpace: Space | undefined, command: SpaceScoped): Space {
  if (urlSpace && !same(command.spaceId, urlSpace.Id)) {
    throw validationFailed([`spaceId '${command.spaceId}' does not match the space in the URL ('${urlSpace.Id}')`]);
  }
  const space = urlSpace ?? findSpaceById(store, command.spaceId);
  if (!space) throw notFound('Space', command.spaceId);
  if (!same(command.spaceIdOrName, space.Id) && !same(command.spaceIdOrName, space.Name)) {
    throw validationFailed([`spaceIdOrName '${command.spaceIdOrName}' names neither ${space.Id} nor '${space.Name}'`]);
  }
  return space;
}
