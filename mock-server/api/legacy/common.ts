// Shared pieces of the legacy routes: the request typing, the space check every space-scoped route
// starts with, id-in-space lookups (404 naming the missing resource) and the standard list filters
// (`name` exact, `partialName` contains, `ids` comma list — all case-insensitive).
import { notFound } from '../errors.js';
import type { Space, Store } from '../../store/index.js';

export type Query = Record<string, string | undefined>;
export interface SpaceParams { spaceId: string }
export interface SpaceIdParams { spaceId: string; id: string }
export interface Req<P> { Params: P; Querystring: Query; Body: unknown }

export function requireSpaceById(store: Store, spaceId: string): Space {
  const space = store.getSpace(spaceId);
  if (!space) throw notFound('Space', spaceId);
  return space;
}

/** A row by id that must belong to the space; 404 names the resource kind and id otherwise. */
export function inSpace<T extends { SpaceId: string }>(row: T | undefined, spaceId: string, what: string, id: string): T {
  if (!row || row.SpaceId !== spaceId) throw notFound(what, id);
  return row;
}

export function splitIds(value: string | undefined): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Applies `ids`, `name` and `partialName` from the query, keeping the input order. With `findByName`
 * (the store's O(1) index), a `name` query does not scan the whole list.
 */
export function filterNamed<T extends { Id: string; Name: string }>(
  all: readonly T[] | (() => readonly T[]), query: Query, findByName?: (name: string) => T | undefined,
): readonly T[] {
  const exact = query['name'];
  let items: readonly T[];
  if (exact && findByName) {
    const hit = findByName(exact);
    items = hit === undefined ? [] : [hit];
  } else {
    items = typeof all === 'function' ? all() : all;
  }
  const ids = splitIds(query['ids']);
  const name = query['name']?.toLowerCase();
  const partial = query['partialName']?.toLowerCase();
  if (ids === undefined && !name && !partial) return items;
  const idSet = ids === undefined ? undefined : new Set(ids);
  return items.filter((it) =>
    (idSet === undefined || idSet.has(it.Id)) && (!name || it.Name.toLowerCase() === name) && (!partial || it.Name.toLowerCase().includes(partial)));
}

/** The filters present in the query, in a fixed order, for the collection's page links. */
export function presentFilters(query: Query, names: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const n of names) if (query[n] !== undefined && query[n] !== '') out[n] = query[n];
  return out;
}
