// Renders a task's activity tree the way Octopus serves it: the ActivityElement JSON of
// GET /tasks/{id}/details (PascalCase, `verbose` and `tail` options) and the plain-text raw log of
// GET /tasks/{id}/raw (octopus-api.md §5.6). Pure functions over engine data; no I/O.
import type { ActivityLogElement, ActivityNode, ActivityStatus, TaskRuntime } from './types.js';

/** Octopus' date format: ISO-8601 with milliseconds and an explicit offset, e.g. 2024-08-21T16:17:46.750+00:00. */
export function formatOctopusDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

export interface ActivityLogElementJson {
  Category: string;
  OccurredAt: string;
  MessageText: string;
  Detail: string | null;
}

export interface ActivityElementJson {
  Id: string;
  Name: string;
  Started: string | null;
  Ended: string | null;
  Status: ActivityStatus;
  Children: ActivityElementJson[];
  ShowAtSummaryLevel: boolean;
  LogElements: ActivityLogElementJson[];
  ProgressPercentage: number;
  ProgressMessage: string | null;
}

export interface RenderActivityOptions {
  /** Include Verbose and Trace lines (default false, as Octopus' details endpoint). */
  verbose?: boolean;
  /** Keep only the last N log elements of each node (after the verbose filter). */
  tail?: number;
}

const VERBOSE_ONLY = new Set(['Verbose', 'Trace']);
const DONE: ReadonlySet<ActivityStatus> = new Set(['Success', 'Failed', 'Skipped', 'SuccessWithWarning', 'Canceled']);

function progress(node: ActivityNode): number {
  if (DONE.has(node.status)) return 100;
  if (node.status === 'Pending' || node.children.length === 0) return 0;
  let done = 0;
  for (const child of node.children) if (DONE.has(child.status)) done++;
  return Math.floor((100 * done) / node.children.length);
}

function renderElement(e: ActivityLogElement): ActivityLogElementJson {
  return { Category: e.category, OccurredAt: formatOctopusDate(e.occurredAt), MessageText: e.message, Detail: null };
}

export function renderActivityLogs(node: ActivityNode, options: RenderActivityOptions = {}): ActivityElementJson {
  const verbose = options.verbose ?? false;
  let elements = verbose ? node.logElements : node.logElements.filter((e) => !VERBOSE_ONLY.has(e.category));
  if (options.tail !== undefined && options.tail >= 0 && elements.length > options.tail) {
    elements = elements.slice(elements.length - options.tail);
  }
  return {
    Id: node.id,
    Name: node.name,
    Started: node.started === undefined ? null : formatOctopusDate(node.started),
    Ended: node.ended === undefined ? null : formatOctopusDate(node.ended),
    Status: node.status,
    Children: node.children.map((child) => renderActivityLogs(child, options)),
    ShowAtSummaryLevel: node.showAtSummaryLevel,
    LogElements: elements.map(renderElement),
    ProgressPercentage: progress(node),
    ProgressMessage: null,
  };
}

/** Header fields of the raw log besides what the TaskRuntime knows. */
export interface RawLogHeader {
  taskId: string;
  description: string;
  relatedIds?: string[];
  serverVersion?: string;
  serverNode?: string;
}

const TIME_COLUMN = ' '.repeat(20);

function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

function duration(task: TaskRuntime): string {
  if (task.startTime === undefined || task.completedTime === undefined) return '';
  const seconds = Math.round((task.completedTime - task.startTime) / 1000);
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

function rawHeader(task: TaskRuntime, header: RawLogHeader): string[] {
  const rows: [string, string | undefined][] = [
    ['Task ID', header.taskId],
    ['Description', header.description],
    ['Related IDs', header.relatedIds?.join(', ')],
    ['Task status', task.state],
    ['Task queued', formatOctopusDate(task.queueTime)],
    ['Task started', task.startTime === undefined ? undefined : formatOctopusDate(task.startTime)],
    ['Task completed', task.completedTime === undefined ? undefined : formatOctopusDate(task.completedTime)],
    ['Task duration', duration(task) || undefined],
    ['Server version', header.serverVersion],
    ['Server node', header.serverNode],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined).map(([k, v]) => `${`${k}:`.padEnd(16)}${v}`);
}

function rawNode(node: ActivityNode, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  out.push(`${TIME_COLUMN}| ${indent}== ${node.status}: ${node.name} ==`);
  for (const e of node.logElements) {
    out.push(`${clockTime(e.occurredAt)}   ${e.category.padEnd(8)} | ${indent}  ${e.message}`);
  }
  for (const child of node.children) {
    out.push(`${TIME_COLUMN}|`);
    rawNode(child, depth + 1, out);
  }
}

/** The plain-text raw log: header block, blank line, then the tree with every log line (verbose included). */
export function renderRawLog(task: TaskRuntime, header: RawLogHeader): string {
  const out = rawHeader(task, header);
  out.push('');
  rawNode(task.activity, 0, out);
  return `${out.join('\n')}\n`;
}
