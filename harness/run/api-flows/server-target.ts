// The server a scenario names, made ready BEFORE any load: embedded (the reference server, in this
// process or as a child process running `octobench serve`) or any Octopus-compatible server by URL with
// the API key from an environment variable. Then a probe: GET /api must answer (else exit 4,
// OCTOBENCH_ERR_SERVER_UNREACHABLE) and the space must resolve with the key (else OCTOBENCH_ERR_SERVER_REJECTED).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { buildServer } from '../../../mock-server/app.js';
import { SERVER_STATS_PATH, serverStatsOf, type ServerStatsSnapshot } from '../../../mock-server/api/server-stats.js';
import { DEFAULT_FIXTURE, parseFixture } from '../../../mock-server/store/index.js';
import type { Clock } from '../../core/clock.js';
import { envVar, nodeCommand } from '../../core/env.js';
import { OctobenchError } from '../../core/errors.js';
import type { SpaceRef } from '../../flows/executions/index.js';
import type { Scenario } from '../../scenario/schema.js';

export const EMBEDDED_API_KEY = 'API-OCTOBENCHEMBEDDEDSERVER0';
const PROBE_TIMEOUT_MS = 5_000;
const CHILD_START_TIMEOUT_MS = 15_000;

export interface ServerTarget {
  kind: 'embedded-in-process' | 'embedded-child' | 'url';
  url: string;
  apiKey: string;
  space: SpaceRef;
  /** Server-side view since the last reset, when the server offers it. */
  stats(): Promise<ServerStatsSnapshot | undefined>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

interface Started { url: string; apiKey: string; kind: ServerTarget['kind']; close(): Promise<void>; local?: Awaited<ReturnType<typeof buildServer>> }

async function startInProcess(fixture: unknown, seed: number, clock: Clock): Promise<Started> {
  const app = await buildServer({ apiKey: EMBEDDED_API_KEY, fixture: fixture === undefined ? DEFAULT_FIXTURE : parseFixture(fixture), seed, clock });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, apiKey: EMBEDDED_API_KEY, kind: 'embedded-in-process', close: () => app.close(), local: app };
}

/** `octobench serve` in a child process (the compiled CLI next to this module, or the .ts one under a TS loader). */
async function startChild(fixture: unknown, seed: number, clock: Clock): Promise<Started> {
  if (fixture !== undefined) parseFixture(fixture); // invalid fixtures fail here, as input errors
  const self = fileURLToPath(import.meta.url);
  const cli = fileURLToPath(new URL(`../../cli/main${self.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));
  const node = nodeCommand();
  const args = [...node.execArgv, cli, 'serve', '--port', '0', '--api-key', EMBEDDED_API_KEY, '--seed', String(seed)];
  let fixtureDir: string | undefined;
  if (fixture !== undefined) {
    fixtureDir = await mkdtemp(join(tmpdir(), 'octobench-fixture-'));
    await writeFile(join(fixtureDir, 'fixture.json'), JSON.stringify(fixture));
    args.push('--fixture', join(fixtureDir, 'fixture.json'));
  }
  const removeFixture = () => (fixtureDir === undefined ? Promise.resolve() : rm(fixtureDir, { recursive: true, force: true }));
  const child = spawn(node.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = clock.setTimer(CHILD_START_TIMEOUT_MS, () => reject(new Error('no "listening on" line in time')));
    child.stdout.on('data', (c) => {
      out += String(c);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { timer.cancel(); resolve(m[1]!); }
    });
    child.stderr.on('data', (c) => (err += String(c)));
    child.once('exit', (code) => { timer.cancel(); reject(new Error(`exited with ${code}: ${err.trim().slice(0, 300)}`)); });
    child.once('error', (e) => { timer.cancel(); reject(e); });
  }).catch((cause: Error) => {
    child.kill('SIGKILL');
    void removeFixture();
    throw new OctobenchError('OCTOBENCH_ERR_SERVER_UNREACHABLE', `the embedded server process did not start: ${cause.message}`, { cause });
  });
  const close = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  }).then(removeFixture);
  return { url, apiKey: EMBEDDED_API_KEY, kind: 'embedded-child', close };
}

async function getJson(url: string, apiKey: string | undefined, signalMs: number, clock: Clock): Promise<{ status: number; body: unknown }> {
  const controller = new AbortController();
  const timer = clock.setTimer(signalMs, () => controller.abort(new Error(`no answer within ${signalMs} ms`)));
  try {
    const res = await request(url, { headers: apiKey ? { 'x-octopus-apikey': apiKey } : {}, signal: controller.signal });
    const text = await res.body.text();
    let body: unknown;
    try { body = JSON.parse(text); } catch { body = undefined; }
    return { status: res.statusCode, body };
  } finally {
    timer.cancel();
  }
}

/** GET /api answers with an Octopus root document, and the space resolves by exact name with the key. */
export async function probeServer(url: string, apiKey: string, spaceName: string, clock: Clock): Promise<SpaceRef> {
  let root: { status: number; body: unknown };
  try {
    root = await getJson(`${url}/api`, undefined, PROBE_TIMEOUT_MS, clock);
  } catch (cause) {
    const reason = (cause as { code?: string }).code ?? (cause as Error).message;
    throw new OctobenchError('OCTOBENCH_ERR_SERVER_UNREACHABLE', `${url}/api did not answer (${reason}); nothing was run`, { cause });
  }
  const version = (root.body as { Version?: unknown } | undefined)?.Version;
  if (root.status !== 200 || typeof version !== 'string') {
    throw new OctobenchError('OCTOBENCH_ERR_SERVER_REJECTED', `${url}/api answered ${root.status} without an Octopus root document`);
  }
  const spaces = await getJson(`${url}/api/spaces?partialName=${encodeURIComponent(spaceName)}&skip=0&take=2147483647`, apiKey, PROBE_TIMEOUT_MS, clock);
  if (spaces.status === 401 || spaces.status === 403) throw new OctobenchError('OCTOBENCH_ERR_SERVER_REJECTED', `${url} refused the API key (${spaces.status})`);
  const items = (spaces.body as { Items?: Array<{ Id: string; Name: string }> } | undefined)?.Items ?? [];
  const hit = items.find((s) => s.Name === spaceName);
  if (!hit) throw new OctobenchError('OCTOBENCH_ERR_SERVER_REJECTED', `${url} has no space named '${spaceName}'`);
  return { id: hit.Id, name: hit.Name };
}

export async function openServerTarget(scenario: Scenario, options: { seed: number; clock: Clock }): Promise<ServerTarget> {
  const server = scenario.server!;
  let started: Started;
  if (server.kind === 'url') {
    const apiKey = envVar(server.apiKeyEnv ?? '');
    if (!apiKey) throw new OctobenchError('OCTOBENCH_ERR_API_KEY_MISSING', `environment variable ${server.apiKeyEnv ?? '(none)'} (server.apiKeyEnv) is not set`);
    started = { url: server.url!.replace(/\/+$/, '').replace(/\/api$/, ''), apiKey, kind: 'url', close: async () => {} };
  } else if (server.process === 'child') {
    started = await startChild(server.fixture, options.seed, options.clock);
  } else {
    started = await startInProcess(server.fixture, options.seed, options.clock);
  }
  let space: SpaceRef;
  try {
    space = await probeServer(started.url, started.apiKey, server.space ?? 'Default', options.clock);
  } catch (e) {
    await started.close();
    throw e;
  }
  const local = started.local === undefined ? undefined : serverStatsOf(started.local);
  const remote = async (path: string, method: 'GET' | 'POST') => {
    const res = await request(`${started.url}${path}`, { method }).catch(() => undefined);
    if (!res) return undefined;
    const text = await res.body.text();
    return res.statusCode === 200 ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    kind: started.kind, url: started.url, apiKey: started.apiKey, space,
    stats: async () => local?.snapshot() ?? ((await remote(SERVER_STATS_PATH, 'GET')) as ServerStatsSnapshot | undefined),
    resetStats: async () => void (local ? local.reset() : await remote(`${SERVER_STATS_PATH}/reset`, 'POST')),
    close: () => started.close(),
  };
}
