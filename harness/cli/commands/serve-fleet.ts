// The live-fleet part of `octobench serve`: `--fleet embedded` (default: modelled in-process targets),
// `--fleet live` (the polling endpoint; agents come from `octobench fleet` elsewhere) or
// `--fleet live:N` (the endpoint plus N agents in a child `octobench fleet` process, stopped with the
// server). Timeouts default to Halibut's and can be shortened; --uplink-mbps paces pushed packages
// through one shared bucket (the server's uplink).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { RealClock } from '../../core/clock.js';
import { argv, nodeExecArgv, nodeExecPath } from '../../core/env.js';
import { TokenBucket } from '../../load/interceptors/token-bucket.js';
import type { TentacleOptions } from '../../../mock-server/tentacle/index.js';
import type { FixtureSpec } from '../../../mock-server/store/index.js';
import type { FlagProblems } from '../flags.js';
import type { CommandIo } from '../io.js';

export interface ServeFleetFlags {
  fleet?: string;
  collectTimeoutMs?: string;
  pollWaitMs?: string;
  uplinkMbps?: string;
}

export interface ServeFleet {
  kind: 'embedded' | 'live';
  /** Agents to start in a child process (live:N). */
  agents: number;
  collectTimeoutMs: number | undefined;
  pollWaitMs: number | undefined;
  uplinkMbps: number | undefined;
}

export function parseServeFleet(p: FlagProblems, flags: ServeFleetFlags): ServeFleet {
  const raw = (flags.fleet ?? 'embedded').trim();
  const m = /^live(?::(\d+))?$/.exec(raw);
  if (raw !== 'embedded' && m === null) p.add('--fleet', `must be 'embedded', 'live' or 'live:N', got '${raw}'`);
  const agents = m?.[1] === undefined ? 0 : Number(m[1]);
  if (agents > 100_000) p.add('--fleet', `at most 100000 agents, got ${agents}`);
  return {
    kind: m === null ? 'embedded' : 'live',
    agents,
    collectTimeoutMs: p.integer('--collect-timeout-ms', flags.collectTimeoutMs, 100, 3_600_000),
    pollWaitMs: p.integer('--poll-wait-ms', flags.pollWaitMs, 10, 30_000),
    uplinkMbps: p.number('--uplink-mbps', flags.uplinkMbps, 0.001, 1_000_000),
  };
}

/** With live agents and no explicit fixture or target count, the fixture has no modelled targets. */
export function fleetFixture(fleet: ServeFleet, fixture: FixtureSpec, explicit: boolean): FixtureSpec {
  return fleet.kind === 'live' && !explicit ? { ...fixture, totalTargets: 0 } : fixture;
}

export function tentacleOptions(fleet: ServeFleet): { tentacle?: TentacleOptions } {
  if (fleet.kind !== 'live') return {};
  const tentacle: TentacleOptions = {};
  if (fleet.collectTimeoutMs !== undefined) tentacle.collectTimeoutMs = fleet.collectTimeoutMs;
  if (fleet.pollWaitMs !== undefined) tentacle.pollWaitMs = fleet.pollWaitMs;
  if (fleet.uplinkMbps !== undefined) tentacle.uplink = new TokenBucket(new RealClock(), fleet.uplinkMbps * 125_000);
  return { tentacle };
}

/** Starts `octobench fleet` for live:N; its output lines are passed on; stop() ends it (SIGTERM, then SIGKILL). */
export async function startFleetChild(fleet: ServeFleet, url: string, apiKey: string, io: CommandIo): Promise<{ stop(): Promise<void> }> {
  if (fleet.kind !== 'live' || fleet.agents === 0) return { stop: async () => undefined };
  const args = [...nodeExecArgv(), argv()[1]!, 'fleet', '--server', url, '--api-key', apiKey, '--targets', String(fleet.agents)];
  if (fleet.pollWaitMs !== undefined) args.push('--poll-wait-ms', String(fleet.pollWaitMs));
  const child: ChildProcess = spawn(nodeExecPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  io.out(`octobench fleet: starting ${fleet.agents} agents (fleet pid ${child.pid})`);
  child.stdout?.on('data', (d: Buffer) => { for (const line of String(d).split('\n')) if (line) io.out(line); });
  child.stderr?.on('data', (d: Buffer) => { for (const line of String(d).split('\n')) if (line) io.err(line); });
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const exited = once(child, 'exit');
      const timer = new RealClock().setTimer(3_000, () => child.kill('SIGKILL'));
      await exited;
      timer.cancel();
    },
  };
}
