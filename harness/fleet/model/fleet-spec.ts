// A modelled fleet as a specification (distributions per attribute, regions with weights, a failure
// profile) and its deterministic expansion into TargetModel values. Target i draws from its own
// stream random.fork('fleet/target', i) in a fixed order, so target i is the same whatever the fleet
// size, and adding a draw to one attribute never shifts another target.
import type { RandomStream, SeededRandom } from '../../core/random.js';
import { NO_FAILURES, type FailureProfile, type TargetModel } from './target-model.js';

/** A value: fixed, uniform in [min, max), log-normal with a median and a sigma of its logarithm, or
 *  `each`: target i takes each[i mod length] (a mixed fleet, no randomness). */
export type Distribution =
  | number
  | { each: number[] }
  | { uniform: [number, number] }
  | { logNormal: { median: number; sigma: number } };

export interface RegionShare {
  name: string;
  /** Relative weight (targets are assigned in proportion; need not sum to 1). */
  weight: number;
}

export interface FleetSpec {
  count: number;
  /** Target ids are `${idPrefix}${i + 1}` (default 'Machines-'). */
  idPrefix?: string;
  downlinkMbps: Distribution;
  rttMs: Distribution;
  diskMBps: Distribution;
  cpuSpeed: Distribution;
  backgroundLoad: Distribution;
  regions: RegionShare[];
  failures: FailureProfile;
}

/** A quiet datacentre fleet: 1 Gbit/s, 1 ms RTT, 200 MB/s disks, reference CPUs, no load, no failures. */
export const DEFAULT_FLEET_SPEC: Readonly<Omit<FleetSpec, 'count'>> = Object.freeze({
  downlinkMbps: 1000,
  rttMs: 1,
  diskMBps: 200,
  cpuSpeed: 1,
  backgroundLoad: 0,
  regions: [{ name: 'local', weight: 1 }],
  failures: NO_FAILURES,
});

export function draw(d: Distribution, stream: RandomStream, index = 0): number {
  if (typeof d === 'number') return d;
  if ('each' in d) return d.each[index % d.each.length] ?? NaN;
  if ('uniform' in d) return stream.uniform(d.uniform[0], d.uniform[1]);
  return stream.logNormal(d.logNormal.median, d.logNormal.sigma);
}

const GOLDEN = 0.6180339887498949;

/**
 * Region of target i of n: deterministic and interleaved (no randomness), so that targets of every region
 * are spread over the fleet's order: u_i = frac((i + 0.5)·φ) picks the region on the cumulative weights.
 * Counts are within a few targets of the exact shares (a low-discrepancy sequence).
 */
export function regionOf(regions: readonly RegionShare[], index: number, _count: number): string {
  const total = regions.reduce((s, r) => s + r.weight, 0);
  const u = (((index + 0.5) * GOLDEN) % 1) * total;
  let acc = 0;
  for (const r of regions) {
    acc += r.weight;
    if (u < acc) return r.name;
  }
  return regions[regions.length - 1]?.name ?? 'local';
}

/** Target i of the fleet. Draw order (fixed): downlink, rtt, disk, cpu, load, straggler. */
export function drawTarget(spec: FleetSpec, index: number, random: SeededRandom): TargetModel {
  const s = random.fork('fleet/target', index);
  const downlinkMbps = Math.max(0.001, draw(spec.downlinkMbps, s, index));
  const rttMs = Math.max(0, draw(spec.rttMs, s, index));
  const diskMBps = Math.max(0.001, draw(spec.diskMBps, s, index));
  const cpuSpeed = Math.max(0.001, draw(spec.cpuSpeed, s, index));
  const backgroundLoad = Math.min(0.95, Math.max(0, draw(spec.backgroundLoad, s, index)));
  const straggler = spec.failures.stragglerProbability > 0 && s.next() < spec.failures.stragglerProbability;
  const n = index + 1;
  return {
    id: `${spec.idPrefix ?? 'Machines-'}${n}`,
    name: `Target-${n}`,
    region: regionOf(spec.regions, index, spec.count),
    downlinkMbps,
    rttMs,
    diskMBps,
    cpuSpeed,
    backgroundLoad,
    straggler,
    slowdown: straggler ? spec.failures.stragglerFactor : 1,
    failures: spec.failures,
  };
}

export function drawFleet(spec: FleetSpec, random: SeededRandom): TargetModel[] {
  return Array.from({ length: spec.count }, (_, i) => drawTarget(spec, i, random));
}
