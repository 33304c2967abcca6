// `octobench fleet`: runs live polling agents against a server with the polling endpoint
// (`octobench serve --fleet live`, or any server speaking mock-server/tentacle/protocol.ts).
// Prints `octobench fleet: N agents registered with URL in T ms (…)`, then runs until SIGINT/SIGTERM
// or --duration-s, and prints the agents' counters as one JSON line when it stops.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { RealClock } from '../../core/clock.js';
import { OctobenchError } from '../../core/errors.js';
import { FlagProblems } from '../flags.js';
import type { CommandIo } from '../io.js';
import { LiveFleet, type LiveFleetOptions } from '../../fleet/live/live-fleet.js';
import { DEFAULT_AGENT_TIMING } from '../../fleet/live/fleet-shard.js';
import type { Endpoint } from '../../fleet/live/agent-env.js';

export interface FleetFlags {
  server?: string; apiKey?: string; targets?: string; environment?: string; role?: string; shard?: string; workers?: string;
  seed?: string; space?: string; feed?: string; cacheDir?: string; actionMs?: string; logLines?: string; pollWaitMs?: string;
  busyPollMs?: string; connectBatch?: string; rttMs?: string; downlinkMbps?: string; stepFailure?: string; disconnect?: string; durationS?: string; namePrefix?: string;
}

export interface FleetCommandOptions {
  fleet: LiveFleetOptions;
  serverUrl: string;
  durationMs: number | undefined;
}

function endpoint(p: FlagProblems, flag: string, raw: string | undefined): Endpoint | undefined {
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:') throw new Error('only http:// is supported');
    return { host: url.hostname, port: Number(url.port || 80) };
  } catch (e) {
    p.add(flag, `must be an http:// URL, got '${raw}' (${(e as Error).message})`);
    return undefined;
  }
}

export function parseFleetFlags(flags: FleetFlags): FleetCommandOptions {
  const p = new FlagProblems();
  if (flags.server === undefined) p.add('--server', 'is required');
  if (flags.apiKey === undefined) p.add('--api-key', 'is required');
  if (flags.targets === undefined) p.add('--targets', 'is required');
  const server = endpoint(p, '--server', flags.server);
  const feed = endpoint(p, '--feed', flags.feed);
  const targets = p.integer('--targets', flags.targets, 1, 100_000) ?? 1;
  let shard = { index: 1, count: 1 };
  if (flags.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(flags.shard.trim());
    if (m === null || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) p.add('--shard', `must be i/n with 1 ≤ i ≤ n, got '${flags.shard}'`);
    else shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  const rttMs = p.number('--rtt-ms', flags.rttMs, 0, 60_000);
  const downlinkMbps = p.number('--downlink-mbps', flags.downlinkMbps, 0.001, 1_000_000);
  const stepFailure = p.number('--step-failure', flags.stepFailure, 0, 1);
  const disconnect = p.number('--disconnect', flags.disconnect, 0, 1);
  const durationS = p.number('--duration-s', flags.durationS, 0.1, 7 * 24 * 3600);
  const options: FleetCommandOptions = {
    serverUrl: flags.server ?? '',
    durationMs: durationS === undefined ? undefined : durationS * 1000,
    fleet: {
      targets, shard, server: server ?? { host: '127.0.0.1', port: 0 }, apiKey: flags.apiKey ?? '',
      ...(feed === undefined ? {} : { feed }),
      workers: p.integer('--workers', flags.workers, 0, 64) ?? (targets >= 2_000 ? 2 : 0),
      seed: p.integer('--seed', flags.seed, 0, 0xffffffff) ?? 1,
      spaceId: p.nonEmpty('--space', flags.space, /^Spaces-\d+$/, "must be a space id such as 'Spaces-1'") ?? 'Spaces-1',
      environments: [p.nonEmpty('--environment', flags.environment) ?? 'Development'],
      roles: [p.nonEmpty('--role', flags.role) ?? 'web'],
      namePrefix: p.nonEmpty('--name-prefix', flags.namePrefix, /^[A-Za-z0-9._-]{1,40}$/, 'must be 1–40 letters, digits, dots, dashes or underscores') ?? 'live-',
      cacheRoot: p.nonEmpty('--cache-dir', flags.cacheDir) ?? join(tmpdir(), 'octobench-agents'),
      actionMs: p.number('--action-ms', flags.actionMs, 0, 3_600_000) ?? DEFAULT_AGENT_TIMING.actionMs,
      logLinesPerAction: p.integer('--log-lines', flags.logLines, 1, 10_000) ?? DEFAULT_AGENT_TIMING.logLinesPerAction,
      pollWaitMs: p.integer('--poll-wait-ms', flags.pollWaitMs, 10, 30_000) ?? DEFAULT_AGENT_TIMING.pollWaitMs,
      busyPollMs: p.integer('--busy-poll-ms', flags.busyPollMs, 10, 30_000) ?? DEFAULT_AGENT_TIMING.busyPollMs,
      batchSize: p.integer('--connect-batch', flags.connectBatch, 1, 100_000) ?? 500,
      spec: {
        ...(rttMs === undefined ? {} : { rttMs }),
        ...(downlinkMbps === undefined ? {} : { downlinkMbps }),
        failures: { disconnectProbability: disconnect ?? 0, stepFailureProbability: stepFailure ?? 0, stragglerProbability: 0, stragglerFactor: 1 },
      },
    },
  };
  p.throwIfAny('fleet');
  return options;
}

export async function runFleetCommand(options: FleetCommandOptions, io: CommandIo): Promise<void> {
  const clock = new RealClock();
  const fleet = new LiveFleet(options.fleet, clock);
  try {
    const r = await fleet.connect();
    const { index, count } = options.fleet.shard ?? { index: 1, count: 1 };
    io.out(`octobench fleet: ${r.registered} agents registered with ${options.serverUrl} in ${Math.round(r.connectMs)} ms (shard ${index}/${count}, ${options.fleet.workers ?? 0} workers, ${(r.rssPerAgentBytes / 1024).toFixed(1)} KB RSS and ${(r.heapPerAgentBytes / 1024).toFixed(1)} KB heap per agent)`);
    if (r.registered < r.agents) {
      const stats = await fleet.stats();
      throw new OctobenchError('OCTOBENCH_ERR_FLEET_CONNECT', `only ${r.registered} of ${r.agents} agents registered with ${options.serverUrl}: ${stats.lastError}`);
    }
    await (options.durationMs === undefined ? io.untilShutdown() : Promise.race([io.untilShutdown(), clock.sleep(options.durationMs)]));
    io.out(JSON.stringify(await fleet.stats()));
  } finally {
    await fleet.stop();
  }
}

export function registerFleet(program: Command, io: CommandIo): void {
  program
    .command('fleet')
    .description('run live polling agents (Tentacle-like) against a server with the polling endpoint')
    .option('--server <url>', 'server URL, e.g. http://127.0.0.1:8065')
    .option('--api-key <key>', 'API key used to register the agents')
    .option('--targets <n>', 'agents in the whole fleet')
    .option('--environment <name>', 'environment the agents register in', 'Development')
    .option('--role <role>', 'role the agents register with', 'web')
    .option('--shard <i/n>', 'run only the i-th of n equal parts of the fleet (one process per part)')
    .option('--workers <n>', 'worker threads for the agents (default 2 from 2,000 agents, else 0)')
    .option('--seed <n>', 'seed of the target models and agent draws', '1')
    .option('--space <id>', 'space the agents register in', 'Spaces-1')
    .option('--feed <url>', 'feed server for pull acquisitions (octobench feed-server)')
    .option('--cache-dir <dir>', 'root of the agents’ package caches')
    .option('--name-prefix <prefix>', 'agent names are <prefix>00001…', 'live-')
    .option('--action-ms <ms>', 'reference duration of one action')
    .option('--log-lines <n>', 'log lines per action')
    .option('--poll-wait-ms <ms>', 'longest hold of an idle long poll (Halibut: 30000)')
    .option('--busy-poll-ms <ms>', 'longest hold while commands run')
    .option('--connect-batch <n>', 'agents started every 50 ms (toolchain.md §6: 500 works; divide by the processes connecting at once)')
    .option('--rtt-ms <ms>', 'round-trip time emulated per request')
    .option('--downlink-mbps <n>', 'download bandwidth per agent')
    .option('--step-failure <p>', 'probability that a script fails')
    .option('--disconnect <p>', 'probability that a command’s connection drops')
    .option('--duration-s <s>', 'stop after this many seconds (default: run until SIGINT/SIGTERM)')
    .action(async (flags: FleetFlags) => runFleetCommand(parseFleetFlags(flags), io));
}
