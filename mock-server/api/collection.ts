// Octopus collections and paging (octopus-api.md §0 #8, §4.1): `{ItemType, TotalResults, ItemsPerPage,
// NumberOfPages, LastPageNumber, Items, Links{Self, Template, Page.All, Page.Current, Page.Last,
// Page.Next only when another page exists}}`, default take 30. Filters given in the query are kept in
// the page links so a client following `Page.Next` keeps its filter. Used by every API layer.
import { validationFailed } from './errors.js';

export const DEFAULT_TAKE = 30;
export const TAKE_ALL = 2147483647;

export interface Paging {
  skip: number;
  take: number;
}

function nonNegativeInt(value: unknown, name: string, problems: string[]): number | undefined {
  if (value === undefined || value === '') return undefined;
  const text = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
  if (!/^\d+$/.test(text)) {
    problems.push(`The query parameter '${name}' must be a non-negative whole number, got '${text}'.`);
    return undefined;
  }
  return Math.min(Number(text), TAKE_ALL);
}

/** skip/take from a query; a bad value is a 400 naming the parameter (both reported at once). */
export function parsePaging(query: Record<string, unknown>, defaultTake = DEFAULT_TAKE): Paging {
  const problems: string[] = [];
  const skip = nonNegativeInt(query['skip'], 'skip', problems);
  const take = nonNegativeInt(query['take'], 'take', problems);
  if (problems.length > 0) throw validationFailed(problems);
  return { skip: skip ?? 0, take: take ?? defaultTake };
}

export interface CollectionOptions {
  itemType: string;
  /** Path without query, e.g. `/api/Spaces-1/projects`. */
  path: string;
  /** The RFC 6570 template advertised as `Links.Template`. */
  template: string;
  paging: Paging;
  /** Filters to carry in the page links (in this order, before skip/take); undefined values are left out. */
  filters?: Record<string, string | undefined>;
}

export interface Collection<T> {
  ItemType: string;
  TotalResults: number;
  ItemsPerPage: number;
  NumberOfPages: number;
  LastPageNumber: number;
  Items: T[];
  Links: Record<string, string>;
}

function pageLink(o: CollectionOptions, skip: number, take: number): string {
  const params: string[] = [];
  for (const [k, v] of Object.entries(o.filters ?? {})) if (v !== undefined) params.push(`${k}=${encodeURIComponent(v)}`);
  params.push(`skip=${skip}`, `take=${take}`);
  return `${o.path}?${params.join('&')}`;
}

/** One page of `all` as an Octopus collection; `render` maps only the items on the page. */
export function collection<S, T>(all: readonly S[], o: CollectionOptions, render: (item: S) => T): Collection<T> {
  const { skip, take } = o.paging;
  const total = all.length;
  const pages = take === 0 ? 0 : Math.ceil(total / take);
  const lastPage = pages - 1;
  const links: Record<string, string> = {
    Self: pageLink(o, skip, take),
    Template: o.template,
    'Page.All': pageLink(o, 0, TAKE_ALL),
    'Page.Current': pageLink(o, skip, take),
    'Page.Last': pageLink(o, Math.max(0, lastPage) * take, take),
  };
  if (take > 0 && skip + take < total) links['Page.Next'] = pageLink(o, skip + take, take);
  return {
    ItemType: o.itemType,
    TotalResults: total,
    ItemsPerPage: take,
    NumberOfPages: pages,
    LastPageNumber: lastPage,
    Items: all.slice(skip, skip + take).map(render),
    Links: links,
  };
}
