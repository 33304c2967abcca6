// The polling protocol between the reference server and live agents (octopus-api.md §5.5), as wire
// types, constants and one validator per agent message. Shared by the server (mock-server/tentacle)
// and the agents (harness/fleet/live), so both sides agree on shapes and limits.
//
//   POST /api/{spaceId}/tentacles/register   (API key)   → { MachineId, Thumbprint, SubscriptionId }
//   POST /tentacle/exchange                   (agent token) logs + completions in, commands out;
//        held up to `wait` ms (≤ 30 s, Halibut's PollingQueueWaitTimeout) while nothing is queued
//   GET  /tentacle/packages/{commandId}       (agent token) push: the package bytes, paced by the
//        server's uplink bucket; only for the agent's own collected acquire commands
//   POST /tentacle/packages/{commandId}/delta (agent token, body: rdiff signature of the basis)
//        → the rdiff delta of the new version, paced the same way
// Agents authenticate with `Authorization: Thumbprint <token>`; the token is issued at registration.
// Every agent message is validated; problems come back all at once as a 400 (never a crash).
import type { LogCategory, PackageContent } from '../engine/types.js';

export const AGENT_AUTH_SCHEME = 'Thumbprint';
/** Halibut PollingQueueWaitTimeout: a long poll returns empty after this and is re-issued. */
export const DEFAULT_POLL_WAIT_MS = 30_000;
/** Halibut PollingRequestQueueTimeout: a request not collected within this fails. */
export const DEFAULT_COLLECT_TIMEOUT_MS = 120_000;
export const MAX_LINES_PER_EXCHANGE = 10_000;
export const MAX_MESSAGE_CHARS = 16_384;

export const LOG_CATEGORIES: ReadonlySet<LogCategory> = new Set<LogCategory>([
  'Trace', 'Verbose', 'Info', 'Highlight', 'Wait', 'Gap', 'Alert', 'Warning', 'Error', 'Fatal', 'Planned', 'Updated', 'Finished', 'Abandoned',
]);

export interface RegisterRequest {
  Name: string;
  EnvironmentNames: string[];
  Roles: string[];
}

export interface RegisterResponse {
  MachineId: string;
  Name: string;
  Thumbprint: string;
  SubscriptionId: string;
}

/** A command as the agent sees it. */
export type WireCommand =
  | {
    id: string; kind: 'acquire'; packageId: string; version: string; feedId: string; sizeBytes: number; sha256: string;
    /** The engine's decision: cached (verify), pull (from the feed), push (GET the package) or delta
     *  (POST a signature of `basisVersion`, receive the delta). */
    transfer: 'cached' | 'pull' | 'push' | 'delta';
    basisVersion?: string;
    /** The version's place in its package's series (how the bytes are generated; a pull passes it to the feed). */
    content?: PackageContent;
  }
  | {
    id: string; kind: 'run'; stepName: string; actionName: string; actionType: string; script: string;
    /** The variables Calamari receives (real bytes on the wire, as Octopus sends them). */
    variables: Record<string, string>;
    /** Bytes of the action's packages, which the step extracts before its script runs. */
    packageBytes: number;
  };

/** Log lines of one command, numbered from `seq` (0-based, per command); resent lines are dropped. */
export interface WireLogBatch {
  id: string;
  seq: number;
  lines: [LogCategory, string][];
}

export type WireOutcome = { id: string; status: 'success' } | { id: string; status: 'failed'; error: string };

export interface ExchangeRequest {
  wait: number;
  /** Ids of the commands the agent holds (collected, not yet reported done). A collected command
   *  missing here was lost on the way (the response never arrived) and is queued again. */
  running: string[];
  logs: WireLogBatch[];
  done: WireOutcome[];
}

export interface ExchangeResponse {
  commands: WireCommand[];
  /** Ids the agent should abandon: cancelled by the task, timed out, or unknown to the server. */
  cancelled: string[];
}

type Problems = string[];
const EXCHANGE_KEYS = ['wait', 'running', 'logs', 'done'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;

function checkBatch(b: unknown, path: string, problems: Problems): void {
  if (!isObject(b)) return void problems.push(`${path}: must be an object`);
  if (!isId(b['id'])) problems.push(`${path}.id: must be a command id`);
  const seq = b['seq'];
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) problems.push(`${path}.seq: must be an integer ≥ 0`);
  const lines = b['lines'];
  if (!Array.isArray(lines)) return void problems.push(`${path}.lines: must be an array`);
  lines.forEach((l: unknown, i) => {
    if (!Array.isArray(l) || l.length !== 2 || !LOG_CATEGORIES.has(l[0] as LogCategory) || typeof l[1] !== 'string' || l[1].length > MAX_MESSAGE_CHARS) {
      problems.push(`${path}.lines[${i}]: must be [category, message ≤ ${MAX_MESSAGE_CHARS} chars] with a known category`);
    }
  });
}

function checkOutcome(o: unknown, path: string, problems: Problems): void {
  if (!isObject(o)) return void problems.push(`${path}: must be an object`);
  if (!isId(o['id'])) problems.push(`${path}.id: must be a command id`);
  if (o['status'] === 'failed') {
    if (typeof o['error'] !== 'string' || o['error'].length > MAX_MESSAGE_CHARS) problems.push(`${path}.error: must be a string ≤ ${MAX_MESSAGE_CHARS} chars`);
  } else if (o['status'] !== 'success') problems.push(`${path}.status: must be 'success' or 'failed'`);
}

/** Every problem of an exchange body, or the typed body when there are none. */
export function parseExchange(body: unknown, maxWaitMs: number): { ok: true; value: ExchangeRequest } | { ok: false; problems: Problems } {
  const problems: Problems = [];
  if (!isObject(body)) return { ok: false, problems: ['body: must be a JSON object'] };
  const wait = body['wait'] ?? 0;
  if (typeof wait !== 'number' || !Number.isFinite(wait) || wait < 0 || wait > maxWaitMs) problems.push(`wait: must be a number of ms in [0, ${maxWaitMs}]`);
  const logs = body['logs'] ?? [];
  const done = body['done'] ?? [];
  const running = body['running'] ?? [];
  if (!Array.isArray(running) || !running.every(isId)) problems.push('running: must be a list of command ids');
  if (!Array.isArray(logs)) problems.push('logs: must be an array');
  else {
    logs.forEach((b, i) => checkBatch(b, `logs[${i}]`, problems));
    const total = logs.reduce((n: number, b) => n + (isObject(b) && Array.isArray(b['lines']) ? b['lines'].length : 0), 0);
    if (total > MAX_LINES_PER_EXCHANGE) problems.push(`logs: at most ${MAX_LINES_PER_EXCHANGE} lines per exchange, got ${total}`);
  }
  if (!Array.isArray(done)) problems.push('done: must be an array');
  else done.forEach((o, i) => checkOutcome(o, `done[${i}]`, problems));
  for (const key of Object.keys(body)) if (!EXCHANGE_KEYS.includes(key)) problems.push(`${key}: unknown key (allowed: ${EXCHANGE_KEYS.join(', ')})`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { wait: wait as number, running: running as string[], logs: logs as WireLogBatch[], done: done as WireOutcome[] } };
}

/** Every problem of a registration body. */
export function parseRegister(body: unknown): { ok: true; value: RegisterRequest } | { ok: false; problems: Problems } {
  if (!isObject(body)) return { ok: false, problems: ['body: must be a JSON object'] };
  const problems: Problems = [];
  const name = body['Name'];
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,200}$/.test(name)) problems.push('Name: must be 1–200 letters, digits, dots, dashes or underscores');
  const strings = (key: string, min: number): string[] => {
    const v = body[key] ?? [];
    if (!Array.isArray(v) || v.length < min || v.length > 100 || !v.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 200)) {
      problems.push(`${key}: must be a list of ${min}–100 non-empty names`);
      return [];
    }
    return v as string[];
  };
  const environments = strings('EnvironmentNames', 1);
  const roles = strings('Roles', 0);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { Name: name as string, EnvironmentNames: environments, Roles: roles } };
}
