// The target model: what one deployment target is like (downlink, RTT, disk, CPU, the load its own
// applications put on it, its region, how it fails) and the pure cost functions derived from it.
// Clock-agnostic and I/O-free: the simulator turns these numbers into virtual time, live agents
// (harness/fleet/live) into real sleeps and token buckets. Units: ms, bytes, Mbit/s, MB/s (10^6).

/** A named place: servers, feeds and targets sit in regions; traffic between regions crosses a WAN link. */
export type RegionName = string;

/** How a target misbehaves; probabilities are per command, in [0, 1]. */
export interface FailureProfile {
  /** The connection drops while a command runs (Halibut: the server retries the command). */
  disconnectProbability: number;
  /** A script exits non-zero (a failed step; retried only when the step allows retries). */
  stepFailureProbability: number;
  /** The target is a straggler for the whole run: its work takes `stragglerFactor` times longer. */
  stragglerProbability: number;
  stragglerFactor: number;
}

export const NO_FAILURES: Readonly<FailureProfile> = Object.freeze({
  disconnectProbability: 0,
  stepFailureProbability: 0,
  stragglerProbability: 0,
  stragglerFactor: 1,
});

/** One target, fully drawn (every value fixed). */
export interface TargetModel {
  id: string;
  name: string;
  region: RegionName;
  downlinkMbps: number;
  /** Round-trip time to the server (a transfer waits RTT/2 one-way latency on the target's link). */
  rttMs: number;
  /** Sequential disk throughput for extracting packages, MB/s. */
  diskMBps: number;
  /** Relative CPU speed: 1 = the reference machine the step durations are given for. */
  cpuSpeed: number;
  /** Fraction of the CPU the target's own applications use during the deployment, in [0, 0.95]. */
  backgroundLoad: number;
  /** True when this target drew the straggler lot; its work is slowed by `slowdown`. */
  straggler: boolean;
  slowdown: number;
  failures: FailureProfile;
}

const MB = 1_000_000;

/** Bytes per ms of a link given in Mbit/s (1 Mbit/s = 125 bytes/ms). */
export function mbpsToBytesPerMs(mbps: number): number {
  return mbps * 125;
}

/** Time to write (extract) `bytes` to the target's disk, slowed by stragglers. */
export function extractMs(target: TargetModel, bytes: number): number {
  return ((bytes / MB / target.diskMBps) * 1000) * target.slowdown;
}

/**
 * Time a script takes on the target when it needs `referenceMs` on the reference machine: slower CPUs
 * and busy applications stretch it (processor sharing with the background load), stragglers more so.
 */
export function scriptMs(target: TargetModel, referenceMs: number): number {
  return (referenceMs / target.cpuSpeed / (1 - target.backgroundLoad)) * target.slowdown;
}

/** The pure transfer time of `bytes` over this target's downlink alone: one-way latency + bytes / bandwidth. */
export function soloTransferMs(target: TargetModel, bytes: number): number {
  return target.rttMs / 2 + bytes / mbpsToBytesPerMs(target.downlinkMbps);
}

/** Where a dropped connection breaks a transfer, as a fraction of its bytes (live agents and the simulator). */
export const DROP_AT_FRACTION = 0.5;

/** How long an agent waits before it downloads from a feed again after the download broke, ms. */
export const FEED_RETRY_DELAY_MS = 1_000;

/** What happens to one command on a target: it completes, its connection drops, or its script fails. */
export type CommandFate = 'ok' | 'disconnected' | 'failed';

/**
 * Draws a command's fate from two uniforms u1, u2 in [0, 1) (always two, so the caller's stream
 * advances by a fixed amount per command): u1 < disconnectProbability → disconnected; otherwise, for
 * scripts only, u2 < stepFailureProbability → failed.
 */
export function commandFate(failures: FailureProfile, isScript: boolean, u1: number, u2: number): CommandFate {
  if (u1 < failures.disconnectProbability) return 'disconnected';
  if (isScript && u2 < failures.stepFailureProbability) return 'failed';
  return 'ok';
}
