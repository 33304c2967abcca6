// `octobench serve`: boots the reference server with its embedded fleet and listens until SIGINT/SIGTERM.
// Prints exactly one line `octobench server listening on http://HOST:PORT` (and the API key when it
// generated one). Closing drops every connection, so the process ends within the 2 s promised.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { buildServer } from '../../../mock-server/app.js';
import { withCostModel, type CostModel } from '../../../mock-server/api/cost-model.js';
import { DEFAULT_FIXTURE, type FixtureSpec } from '../../../mock-server/store/index.js';
import { RealClock } from '../../core/clock.js';
import { OctobenchError } from '../../core/errors.js';
import { FlagProblems } from '../flags.js';
import { readFixtureFile } from '../fixture-file.js';
import type { CommandIo } from '../io.js';
import { fleetFixture, parseServeFleet, startFleetChild, tentacleOptions, type ServeFleet, type ServeFleetFlags } from './serve-fleet.js';

export interface ServeFlags extends ServeFleetFlags {
  host?: string;
  port?: string;
  apiKey?: string;
  fixture?: string;
  targets?: string;
  seed?: string;
  taskCap?: string;
  actionMs?: string;
  requestLatencyMs?: string;
  queryLatencyMs?: string;
  requestWork?: string;
}

export interface ServeOptions {
  host: string;
  port: number;
  apiKey: string | undefined;
  fixturePath: string | undefined;
  targets: number | undefined;
  seed: number;
  taskCap: number | undefined;
  actionMs: number | undefined;
  cost: CostModel;
  fleet: ServeFleet;
}

const SHUTDOWN_GRACE_MS = 1500;
const API_KEY_PATTERN = /^API-[A-Z0-9]{16,64}$/i;

export function parseServeFlags(flags: ServeFlags): ServeOptions {
  const p = new FlagProblems();
  const options: ServeOptions = {
    host: p.nonEmpty('--host', flags.host) ?? '127.0.0.1',
    port: p.integer('--port', flags.port, 0, 65535) ?? 8065,
    apiKey: p.nonEmpty('--api-key', flags.apiKey, API_KEY_PATTERN, "must look like an Octopus API key: 'API-' then 16 to 64 letters or digits"),
    fixturePath: p.nonEmpty('--fixture', flags.fixture),
    targets: p.integer('--targets', flags.targets, 1, 1_000_000),
    seed: p.integer('--seed', flags.seed, 0, 0xffffffff) ?? 1,
    taskCap: p.integer('--task-cap', flags.taskCap, 1, 10_000),
    actionMs: p.number('--action-ms', flags.actionMs, 0, 3_600_000),
    fleet: parseServeFleet(p, flags),
    cost: {
      requestLatencyMs: p.number('--request-latency-ms', flags.requestLatencyMs, 0, 60_000) ?? 0,
      queryLatencyMs: p.number('--query-latency-ms', flags.queryLatencyMs, 0, 60_000) ?? 0,
      requestWork: p.integer('--request-work', flags.requestWork, 0, 100_000_000) ?? 0,
    },
  };
  p.throwIfAny('serve');
  return options;
}

/** A fixture with `targets` deployment targets spread round-robin over its environments. */
export function withTargetCount(fixture: FixtureSpec, targets: number | undefined): FixtureSpec {
  if (targets === undefined) return fixture;
  return { ...fixture, totalTargets: targets };
}

export function generateApiKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return `API-${Array.from(randomBytes(26), (b) => alphabet[b % alphabet.length]).join('')}`;
}

export interface RunningServer {
  url: string;
  apiKey: string;
  close(): Promise<void>;
}

export async function startServe(options: ServeOptions, io: CommandIo): Promise<RunningServer> {
  const base = withTargetCount(options.fixturePath ? await readFixtureFile(options.fixturePath) : DEFAULT_FIXTURE, options.targets);
  const fixture = fleetFixture(options.fleet, base, options.fixturePath !== undefined || options.targets !== undefined);
  const apiKey = options.apiKey ?? generateApiKey();
  const app = await buildServer({
    apiKey,
    fixture,
    seed: options.seed,
    ...(options.taskCap === undefined ? {} : { taskCap: options.taskCap }),
    ...(options.actionMs === undefined ? {} : { embeddedFleet: { actionMs: options.actionMs } }),
    configure: (instance, ctx) => withCostModel(instance, options.cost, ctx),
    ...tentacleOptions(options.fleet),
  });
  let address: string;
  try {
    // A live fleet connects thousands of agents in batches; a deep accept queue avoids SYN drops (toolchain.md §6).
    address = await app.listen({ host: options.host, port: options.port, ...(options.fleet.kind === 'live' ? { backlog: 4096 } : {}) });
  } catch (cause) {
    await app.close();
    throw new OctobenchError('OCTOBENCH_ERR_SERVER_LISTEN', `cannot listen on ${options.host}:${options.port}: ${(cause as Error).message}`, { cause });
  }
  const url = address;
  if (!options.apiKey) io.out(`API key: ${apiKey}`);
  io.out(`octobench server listening on ${url}`);
  const agents = await startFleetChild(options.fleet, url, apiKey, io);
  return { url, apiKey, close: async () => { await agents.stop(); await app.close(); } };
}

export function registerServe(program: Command, io: CommandIo): void {
  program
    .command('serve')
    .description('run the reference Octopus-compatible server (legacy REST + Executions API) with its embedded fleet')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8065')
    .option('--api-key <key>', 'API key clients must send (default: a new one, printed at start)')
    .option('--fixture <file>', 'fixture description (YAML or JSON) sizing spaces, projects, targets, steps…')
    .option('--targets <n>', 'number of deployment targets, spread over the environments')
    .option('--seed <n>', 'seed for the fixture and the embedded fleet', '1')
    .option('--task-cap <n>', 'concurrent executing tasks (Octopus default 5)')
    .option('--action-ms <ms>', 'modelled duration of one action on an embedded target')
    .option('--request-latency-ms <ms>', 'server cost model: added latency per request', '0')
    .option('--query-latency-ms <ms>', 'server cost model: added latency per store query', '0')
    .option('--request-work <units>', 'server cost model: CPU work units burnt per request', '0')
    .option('--fleet <kind>', "targets: 'embedded' (modelled), 'live' (polling endpoint for `octobench fleet`) or 'live:N' (and N agents)", 'embedded')
    .option('--collect-timeout-ms <ms>', 'live: a command not collected (or an agent silent) this long fails (Halibut: 120000)')
    .option('--poll-wait-ms <ms>', 'live: longest hold of an idle long poll (Halibut: 30000)')
    .option('--uplink-mbps <n>', 'live: server uplink shared by pushed packages')
    .action(async (flags: ServeFlags) => {
      const options = parseServeFlags(flags);
      // Subscribe before booting: a signal that arrives while the server starts still shuts it down cleanly.
      const shutdown = io.untilShutdown();
      const server = await startServe(options, io);
      await shutdown;
      // close() drops keep-alive sockets; the race bounds shutdown even if something lingers.
      await Promise.race([server.close(), new RealClock().sleep(SHUTDOWN_GRACE_MS)]);
    });
}
