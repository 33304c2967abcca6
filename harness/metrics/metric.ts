// The shape of one metric in results: either a single value with its unit (a count, a rate, bytes)
// or a latency distribution summary that may carry its full HDR histogram (base64) for later merging.
import type { LatencyHistogram, LatencyUnit } from './histogram.js';

export interface ValueMetric {
  unit: string;
  value: number;
}

export interface DistributionMetric {
  unit: string;
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** Compressed base64 HDR histogram in microseconds (LatencyHistogram.encode()). */
  histogram?: string;
}

export type Metric = ValueMetric | DistributionMetric;

export function isDistributionMetric(metric: Metric): metric is DistributionMetric {
  return 'count' in metric && 'p50' in metric;
}

export function valueMetric(value: number, unit: string): ValueMetric {
  return { unit, value };
}

/** A distribution metric from a histogram; keeps the encoded histogram unless told not to. */
export function distributionMetric(
  histogram: LatencyHistogram,
  options: { unit?: LatencyUnit; includeHistogram?: boolean } = {},
): DistributionMetric {
  const { unit, count, mean, p50, p90, p95, p99, max } = histogram.summary(options.unit ?? 'ms');
  const metric: DistributionMetric = { unit, count, mean, p50, p90, p95, p99, max };
  if (options.includeHistogram ?? true) metric.histogram = histogram.encode();
  return metric;
}
