// Raw endpoint capacity with autocannon (issue 3 §4): one endpoint at maximum rate (closed, N connections)
// or at a fixed overall rate, for a bounded duration, against 127.0.0.1. autocannon reports latency in
// whole milliseconds and only as percentiles, so its figures are kept as values, not merged histograms.
import autocannon from 'autocannon';
import { OctobenchError } from '../core/errors.js';

export interface EndpointLoad {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationMs: number;
  /** Overall requests/s; omitted → as fast as the connections allow. */
  rate?: number;
  /** A route mix: each connection cycles through these requests in order (overrides method/body). */
  sequence?: Array<{ method: 'GET' | 'POST'; path: string; body?: string }>;
}

export interface EndpointCapacity {
  tool: 'autocannon';
  requests: number;
  requestsPerSec: number;
  bytesPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  non2xx: number;
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    throw new OctobenchError('OCTOBENCH_ERR_INVALID_ARGUMENT', `load goes to loopback only, not ${host}`);
  }
}

export async function runAutocannon(load: EndpointLoad): Promise<EndpointCapacity> {
  assertLoopback(load.url);
  const seconds = Math.max(1, Math.round(load.durationMs / 1000));
  const result = await autocannon({
    url: load.url, method: load.method ?? 'GET', connections: load.connections, duration: seconds,
    ...(load.headers ? { headers: load.headers } : {}), ...(load.body === undefined ? {} : { body: load.body }),
    ...(load.rate === undefined ? {} : { overallRate: load.rate }),
    ...(load.sequence === undefined ? {} : { requests: load.sequence.map((r) => ({ method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: r.body }) })) }),
  });
  return {
    tool: 'autocannon', requests: result.requests.total, requestsPerSec: result.requests.total / seconds, bytesPerSec: result.throughput.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors, non2xx: result.non2xx,
  };
}
