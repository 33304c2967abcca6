// Query parameters of the task routes, checked up front: every problem is reported at once (400).
// List filters follow Octopus' `/api/tasks{?skip,active,environment,project,name,node,running,states,
// taskState,ids,partialName,spaces,take}`; repeated parameters and comma lists both work (`ids=A,B`).
import { ApiError, validationFailed } from '../errors.js';
import { parsePaging, type Paging } from '../collection.js';
import type { TaskState } from '../../engine/types.js';

export interface TaskListQuery {
  paging: Paging;
  ids: string[];
  states: TaskState[];
  projectIds: string[];
  environmentIds: string[];
  names: string[];
  partialName?: string;
  /** true: only Queued/Executing/Cancelling tasks. */
  active?: boolean;
}

export interface TaskDetailsQuery {
  verbose: boolean;
  /** Last N log lines per activity node; undefined = all. */
  tail?: number;
}

const TASK_STATES: readonly TaskState[] = ['Queued', 'Executing', 'Failed', 'Canceled', 'TimedOut', 'Success', 'Cancelling'];

type RawQuery = Record<string, string | string[] | undefined>;

/** Query keys compared case-insensitively, as ASP.NET binds them. */
function lookup(query: RawQuery, name: string): string[] | undefined {
  const values: string[] = [];
  let found = false;
  for (const [key, value] of Object.entries(query)) {
    if (key.toLowerCase() !== name.toLowerCase() || value === undefined) continue;
    found = true;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  return found ? values : undefined;
}

function list(query: RawQuery, name: string): string[] {
  return (lookup(query, name) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function single(query: RawQuery, name: string, problems: string[]): string | undefined {
  const values = lookup(query, name);
  if (values === undefined) return undefined;
  if (values.length > 1) problems.push(`${name} must be given at most once`);
  return values[0];
}

/** skip/take through the shared collection helper, its problems joined with ours (reported together). */
function paging(query: RawQuery, problems: string[]): Paging {
  try {
    return parsePaging(query);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    problems.push(...e.errors);
    return { skip: 0, take: 0 };
  }
}

function flag(query: RawQuery, name: string, problems: string[]): boolean | undefined {
  const text = single(query, name, problems);
  if (text === undefined || text === '') return undefined;
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  problems.push(`${name} must be true or false`);
  return undefined;
}

export function parseTaskListQuery(raw: unknown): TaskListQuery {
  const query = (raw ?? {}) as RawQuery;
  const problems: string[] = [];
  const states: TaskState[] = [];
  for (const s of [...list(query, 'states'), ...list(query, 'taskState')]) {
    const state = TASK_STATES.find((t) => t.toLowerCase() === s.toLowerCase());
    if (state) states.push(state);
    else problems.push(`'${s.slice(0, 100)}' is not a task state (${TASK_STATES.join(', ')})`);
  }
  const partialName = single(query, 'partialName', problems);
  const active = flag(query, 'active', problems);
  const result: TaskListQuery = {
    paging: paging(query, problems),
    ids: list(query, 'ids'),
    states,
    projectIds: list(query, 'project'),
    environmentIds: list(query, 'environment'),
    names: list(query, 'name'),
    ...(partialName ? { partialName } : {}),
    ...(active === undefined ? {} : { active }),
  };
  if (problems.length > 0) throw validationFailed(problems);
  return result;
}

export function parseTaskDetailsQuery(raw: unknown): TaskDetailsQuery {
  const query = (raw ?? {}) as RawQuery;
  const problems: string[] = [];
  const verbose = flag(query, 'verbose', problems) ?? false;
  const tailText = single(query, 'tail', problems);
  let tail: number | undefined;
  if (tailText !== undefined && tailText !== '') {
    if (/^\d{1,9}$/.test(tailText)) tail = Number(tailText);
    else problems.push('tail must be a non-negative integer');
  }
  if (problems.length > 0) throw validationFailed(problems);
  return tail === undefined ? { verbose } : { verbose, tail };
}
