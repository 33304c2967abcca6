// Per-deployment metrics of a finished simulation, in the results schema's shapes: durations and phases
// (s), per-target completion distribution (exact nearest-rank percentiles over every target: the
// values can exceed the HDR histograms' one-hour range, so no histogram is attached), bytes per link,
// server CPU utilisation and concurrent transfers as bucketed series, queue wait, failed and retried
// targets, task log size. Everything derives from virtual time: identical for identical specs.
import type { DistributionMetric, Metric } from '../metrics/metric.js';
import { valueMetric } from '../metrics/metric.js';
import type { TimeSeries } from '../metrics/results.js';
import type { LevelSample } from '../sim/utilisation.js';
import type { SimRun } from './simulate.js';
import { taskPhaseMetrics } from './task-phases.js';

export interface SimMetrics {
  metrics: Record<string, Metric>;
  counters: Record<string, number>;
  series: Record<string, TimeSeries>;
}

/** Exact nearest-rank summary of values (seconds); empty → all zeros. */
export function exactDistribution(values: number[], unit: string): DistributionMetric {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const at = (p: number): number => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!);
  let sum = 0;
  for (const v of sorted) sum += v;
  return { unit, count: n, mean: n === 0 ? 0 : sum / n, p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: n === 0 ? 0 : sorted[n - 1]! };
}

/**
 * A step function (level holds from each sample's time) over [start, end] as `buckets` points
 * [ms from start, value]: the time-weighted mean per bucket, or its max.
 */
export function bucketSeries(samples: readonly LevelSample[], start: number, end: number, buckets: number, how: 'mean' | 'max', scale = 1): [number, number][] {
  const span = Math.max(end - start, 1e-9);
  const width = span / buckets;
  const out: [number, number][] = [];
  let j = 0;
  for (let b = 0; b < buckets; b++) {
    const lo = start + b * width;
    const hi = b === buckets - 1 ? end : lo + width;
    while (j + 1 < samples.length && samples[j + 1]!.time <= lo) j++;
    let acc = 0;
    let max = 0;
    for (let k = j; k < samples.length && samples[k]!.time < hi; k++) {
      const from = Math.max(samples[k]!.time, lo);
      const to = Math.min(samples[k + 1]?.time ?? hi, hi);
      const level = samples[k]!.level;
      if (to > from) acc += level * (to - from);
      if (level > max && (to > from || samples[k]!.time >= lo)) max = level;
    }
    out.push([Math.round(lo - start), (how === 'mean' ? acc / Math.max(hi - lo, 1e-9) : max) * scale]);
  }
  return out;
}

function peakLevel(samples: readonly LevelSample[]): number {
  let peak = 0;
  for (const x of samples) if (x.level > peak) peak = x.level;
  return peak;
}

const s = (ms: number): number => ms / 1000;

export function collectMetrics(run: SimRun): SimMetrics {
  const { tasks, startMs, endMs, fleet, topology, cpu, resources, spec } = run;
  const phases = taskPhaseMetrics(tasks, startMs, endMs);
  let logLines = 0;
  let logBytes = 0;
  for (const task of tasks) {
    const log = resources.logs.get(task.taskId);
    logLines += log?.lines ?? 0;
    logBytes += log?.bytes ?? 0;
  }
  const completion: number[] = [];
  for (const end of fleet.lastRunEnd) if (!Number.isNaN(end)) completion.push(s(end - startMs));

  const metrics: Record<string, Metric> = {
    ...phases.metrics,
    'target.completion': exactDistribution(completion, 's'),
    'run.makespan': valueMetric(s(endMs - startMs), 's'),
    'network.serverUplink.bytes': valueMetric(topology.serverUplink.bytesThrough, 'bytes'),
    'network.feedUplink.bytes': valueMetric(topology.defaultFeed.bytesThrough, 'bytes'),
    'network.downlinks.bytes': valueMetric(topology.downlinkBytes(), 'bytes'),
    'server.cpu.meanUtilisation': valueMetric(cpu.busy.meanUtilisation(), 'ratio'),
    'server.peakInFlightCommands': valueMetric(resources.peakInFlight, 'commands'),
    'transfers.peakConcurrent': valueMetric(peakLevel(fleet.transfers.samples()), 'transfers'),
    'taskLog.lines': valueMetric(logLines, 'lines'),
    'taskLog.bytes': valueMetric(logBytes, 'bytes'),
  };
  for (const [region, link] of topology.regionFeeds) metrics[`network.feed.${region}.bytes`] = valueMetric(link.bytesThrough, 'bytes');
  for (const [region, link] of topology.wans) metrics[`network.wan.${region}.bytes`] = valueMetric(link.bytesThrough, 'bytes');

  const counters: Record<string, number> = {
    targets: run.targets.length,
    ...phases.counters,
    retriedTargets: run.retriedTargets.size,
    retries: run.retries,
    fleetCommands: fleet.commands,
    kernelEvents: run.kernel.eventsProcessed,
  };
  const buckets = spec.seriesBuckets;
  const series: Record<string, TimeSeries> = {
    'server.cpuUtilisation': { unit: 'ratio', points: bucketSeries(cpu.busy.samples(), startMs, endMs, buckets, 'mean', 1 / cpu.cores) },
    'transfers.concurrent': { unit: 'transfers', points: bucketSeries(fleet.transfers.samples(), startMs, endMs, buckets, 'max') },
  };
  return { metrics, counters, series };
}
