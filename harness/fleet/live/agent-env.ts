// What every agent of one shard shares (one object, so that an agent itself stays a few fields):
// where the server and the feed are, credentials, timeouts, the reference step duration and log
// volume, and the shard's counters. Agents read it; only the counters change.
import type { Clock } from '../../core/clock.js';

export interface Endpoint {
  host: string;
  port: number;
}

export interface AgentEnv {
  clock: Clock;
  server: Endpoint;
  /** The feed server pull acquisitions download from (none: pull falls back to the server). */
  feed: Endpoint | undefined;
  apiKey: string;
  spaceId: string;
  /** Root of the agents' package caches; agent X caches under `<cacheRoot>/<X>/`. */
  cacheRoot: string;
  /** Longest hold of an idle exchange (Halibut's 30 s). */
  pollWaitMs: number;
  /** Longest hold while commands run (log lines and completions wait at most this long). */
  busyPollMs: number;
  /** A request without a complete answer for this long is abandoned and its connection closed
   *  (longer than any hold, so only a hung server trips it). */
  idleTimeoutMs: number;
  /** Reference duration of one action (scaled by each target's CPU, load and slowdown). */
  actionMs: number;
  /** Relative spread of action durations: uniform in [1 − j, 1 + j]. */
  actionJitter: number;
  /** Log lines each action sends (≥ 1). */
  logLinesPerAction: number;
  stats: ShardStats;
}

/** Counters of one shard; plain numbers so they can be posted to a parent as they are. */
export interface ShardStats {
  /** Successful registrations (an agent's first request on its connection). */
  registered: number;
  /** Connections opened beyond each agent's first (reconnects). */
  reconnects: number;
  commandsCollected: number;
  commandsSucceeded: number;
  commandsFailed: number;
  /** Commands abandoned on the agent's side (cancelled, dropped connection). */
  commandsAbandoned: number;
  /** Log lines the server acknowledged (resent lines counted once); lines of an abandoned command
   *  that were never acknowledged are not counted (the server refused them). */
  linesSent: number;
  exchanges: number;
  bytesDownloaded: number;
  errors: number;
  lastError: string;
}

export function emptyStats(): ShardStats {
  return {
    registered: 0, reconnects: 0, commandsCollected: 0, commandsSucceeded: 0, commandsFailed: 0, commandsAbandoned: 0,
    linesSent: 0, exchanges: 0, bytesDownloaded: 0, errors: 0, lastError: '',
  };
}

/** Sums shard counters (lastError: the first non-empty). */
export function mergeStats(all: readonly ShardStats[]): ShardStats {
  const out = emptyStats();
  for (const s of all) {
    for (const key of Object.keys(out) as (keyof ShardStats)[]) {
      if (key === 'lastError') out.lastError ||= s.lastError;
      else out[key] += s[key];
    }
  }
  return out;
}
