// A shard of the live fleet: the agents with the given indices, all in this thread, started in
// batches (500 every 50 ms by default; a burst of thousands overflows the server's SYN backlog,
// toolchain.md §6). Agent i's target model is drawTarget(spec, i, seed) (the simulator's expansion,
// so live target i matches simulated target i), its name `<prefix><i+1>` zero-padded, its random
// stream random.fork('live-agent', i). stop() closes every connection at once.
import type { Clock } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import { DEFAULT_FLEET_SPEC, drawTarget, type FleetSpec } from '../model/index.js';
import { Agent } from './agent.js';
import { emptyStats, type AgentEnv, type Endpoint, type ShardStats } from './agent-env.js';

export interface FleetShardOptions {
  clock: Clock;
  server: Endpoint;
  feed?: Endpoint;
  apiKey: string;
  spaceId?: string;
  cacheRoot: string;
  /** Agent indices of this shard (0-based, over the whole fleet). */
  indices: readonly number[];
  /** Fleet size (for the target model's region shares). */
  fleetSize: number;
  namePrefix?: string;
  environments?: readonly string[];
  roles?: readonly string[];
  seed?: number;
  spec?: Partial<Omit<FleetSpec, 'count'>>;
  pollWaitMs?: number;
  busyPollMs?: number;
  actionMs?: number;
  actionJitter?: number;
  logLinesPerAction?: number;
  batchSize?: number;
  batchIntervalMs?: number;
}

export const DEFAULT_AGENT_TIMING = Object.freeze({ pollWaitMs: 30_000, busyPollMs: 1_000, actionMs: 500, actionJitter: 0.5, logLinesPerAction: 3 });

export function agentName(prefix: string, index: number): string {
  return `${prefix}${String(index + 1).padStart(5, '0')}`;
}

export class FleetShard {
  readonly agents: Agent[] = [];
  readonly stats: ShardStats = emptyStats();
  private stopped = false;

  constructor(private readonly o: FleetShardOptions) {}

  /** Creates and starts the agents batch by batch; resolves when every one has registered (or timeoutMs). */
  async start(timeoutMs = 120_000): Promise<{ connectMs: number; registered: number }> {
    const o = this.o;
    const clock = o.clock;
    const pollWaitMs = o.pollWaitMs ?? DEFAULT_AGENT_TIMING.pollWaitMs;
    const env: AgentEnv = {
      clock, server: o.server, feed: o.feed, apiKey: o.apiKey, spaceId: o.spaceId ?? 'Spaces-1', cacheRoot: o.cacheRoot,
      pollWaitMs, busyPollMs: o.busyPollMs ?? DEFAULT_AGENT_TIMING.busyPollMs, idleTimeoutMs: pollWaitMs + 60_000,
      actionMs: o.actionMs ?? DEFAULT_AGENT_TIMING.actionMs, actionJitter: o.actionJitter ?? DEFAULT_AGENT_TIMING.actionJitter,
      logLinesPerAction: o.logLinesPerAction ?? DEFAULT_AGENT_TIMING.logLinesPerAction, stats: this.stats,
    };
    const random = new SeededRandom(o.seed ?? 1);
    const spec: FleetSpec = { ...DEFAULT_FLEET_SPEC, ...o.spec, count: o.fleetSize };
    const prefix = o.namePrefix ?? 'live-';
    const environments = o.environments ?? ['Development'];
    const roles = o.roles ?? ['web'];
    const batch = o.batchSize ?? 500;
    const started = clock.now();
    for (let k = 0; k < o.indices.length && !this.stopped; k += batch) {
      if (k > 0) await clock.sleep(o.batchIntervalMs ?? 50);
      for (const i of o.indices.slice(k, k + batch)) {
        const model = { ...drawTarget(spec, i, random), name: agentName(prefix, i) };
        const agent = new Agent(env, model, environments, roles, random.fork('live-agent', i));
        this.agents.push(agent);
        agent.start();
      }
    }
    while (this.stats.registered < o.indices.length && clock.now() - started < timeoutMs && !this.stopped) await clock.sleep(20);
    return { connectMs: clock.now() - started, registered: this.stats.registered };
  }

  /** Closes every agent's connection; nothing of theirs runs afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const a of this.agents) a.stop();
  }
}
