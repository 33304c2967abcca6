// A point's metrics from its shares: histograms merged (never percentiles averaged), bytes summed, and
// per-operation figures divided by the successful operations. Names are the results contract:
// requestsPerOperation, requestBytesPerOperation, responseBytesPerOperation, operationDuration, …
import type { ServerStatsSnapshot } from '../../../mock-server/api/server-stats.js';
import { LatencyHistogram } from '../../metrics/histogram.js';
import { distributionMetric, valueMetric, type Metric } from '../../metrics/metric.js';
import { emptyBytes, type ByteTotals, type ShareResult } from './share.js';

export interface MergedShares {
  operations: number;
  errors: number;
  errorMessages: string[];
  bytes: ByteTotals;
  waitBytes: ByteTotals;
  waits: number;
  waitTimeouts: number;
  operation: LatencyHistogram;
  wait: LatencyHistogram;
  open?: { scheduled: number; started: number; lateStarts: number; droppedStarts: number; lateness: LatencyHistogram };
  elapsedMs: number;
}

function addBytes(a: ByteTotals, b: ByteTotals): ByteTotals {
  return {
    requests: a.requests + b.requests, requestHeaderBytes: a.requestHeaderBytes + b.requestHeaderBytes, requestBodyBytes: a.requestBodyBytes + b.requestBodyBytes,
    responseHeaderBytes: a.responseHeaderBytes + b.responseHeaderBytes, responseBodyBytes: a.responseBodyBytes + b.responseBodyBytes,
  };
}

export function mergeShares(shares: readonly ShareResult[]): MergedShares {
  const open = shares.filter((s) => s.open !== undefined).map((s) => s.open!);
  return {
    operations: shares.reduce((n, s) => n + s.operations, 0),
    errors: shares.reduce((n, s) => n + s.errors, 0),
    errorMessages: [...new Set(shares.flatMap((s) => s.errorMessages))].slice(0, 5),
    bytes: shares.reduce((b, s) => addBytes(b, s.bytes), emptyBytes()),
    waitBytes: shares.reduce((b, s) => addBytes(b, s.waitBytes), emptyBytes()),
    waits: shares.reduce((n, s) => n + s.waits, 0),
    waitTimeouts: shares.reduce((n, s) => n + s.waitTimeouts, 0),
    operation: LatencyHistogram.mergeAll(shares.map((s) => LatencyHistogram.decode(s.operationHistogram))),
    wait: LatencyHistogram.mergeAll(shares.map((s) => LatencyHistogram.decode(s.waitHistogram))),
    ...(open.length === 0 ? {} : {
      open: {
        scheduled: open.reduce((n, o) => n + o.scheduled, 0), started: open.reduce((n, o) => n + o.started, 0),
        lateStarts: open.reduce((n, o) => n + o.lateStarts, 0), droppedStarts: open.reduce((n, o) => n + o.droppedStarts, 0),
        lateness: LatencyHistogram.mergeAll(open.map((o) => LatencyHistogram.decode(o.lateness))),
      },
    }),
    elapsedMs: Math.max(0, ...shares.map((s) => s.endedAt)) - Math.min(...shares.map((s) => s.startedAt)),
  };
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The point's metrics; `connects` = CONNECT requests the proxy served for the point (or undefined). */
export function pointMetrics(m: MergedShares, connects: number | undefined, server: ServerStatsSnapshot | undefined): Record<string, Metric> {
  const per = (v: number) => (m.operations === 0 ? 0 : round(v / m.operations));
  const b = m.bytes;
  const metrics: Record<string, Metric> = {
    operations: valueMetric(m.operations, 'operations'),
    errors: valueMetric(m.errors, 'operations'),
    operationsPerSecond: valueMetric(m.elapsedMs > 0 ? round((m.operations * 1000) / m.elapsedMs) : 0, 'operations/s'),
    requestsPerOperation: valueMetric(per(b.requests + (connects ?? 0)), 'requests'),
    apiRequestsPerOperation: valueMetric(per(b.requests), 'requests'),
    requestBytesPerOperation: valueMetric(per(b.requestHeaderBytes + b.requestBodyBytes), 'bytes'),
    requestHeaderBytesPerOperation: valueMetric(per(b.requestHeaderBytes), 'bytes'),
    requestBodyBytesPerOperation: valueMetric(per(b.requestBodyBytes), 'bytes'),
    responseBytesPerOperation: valueMetric(per(b.responseHeaderBytes + b.responseBodyBytes), 'bytes'),
    responseHeaderBytesPerOperation: valueMetric(per(b.responseHeaderBytes), 'bytes'),
    responseBodyBytesPerOperation: valueMetric(per(b.responseBodyBytes), 'bytes'),
    operationDuration: distributionMetric(m.operation),
  };
  if (connects !== undefined) metrics['connectRequestsPerOperation'] = valueMetric(per(connects), 'requests');
  if (m.waits > 0) {
    metrics['waitForTaskDuration'] = distributionMetric(m.wait);
    metrics['waitRequestsPerOperation'] = valueMetric(round(m.waitBytes.requests / m.waits), 'requests');
    metrics['waitResponseBytesPerOperation'] = valueMetric(round((m.waitBytes.responseHeaderBytes + m.waitBytes.responseBodyBytes) / m.waits), 'bytes');
    metrics['waitTimeouts'] = valueMetric(m.waitTimeouts, 'operations');
  }
  if (m.open) {
    metrics['scheduledStarts'] = valueMetric(m.open.scheduled, 'operations');
    metrics['lateStarts'] = valueMetric(m.open.lateStarts, 'operations');
    metrics['droppedStarts'] = valueMetric(m.open.droppedStarts, 'operations');
    metrics['startLateness'] = distributionMetric(m.open.lateness);
  }
  if (server) {
    const requests = Object.values(server.routes).reduce((n, r) => n + r.count, 0);
    const handlerMs = Object.values(server.routes).reduce((n, r) => n + r.handlerMs, 0);
    metrics['serverRequests'] = valueMetric(requests, 'requests');
    metrics['serverHandlerMsPerOperation'] = valueMetric(per(handlerMs), 'ms');
    metrics['serverCpuMsPerOperation'] = valueMetric(per(server.cpuUserMs + server.cpuSystemMs), 'ms');
    metrics['serverEventLoopDelayP99'] = valueMetric(round(server.eventLoopDelayMs.p99), 'ms');
    metrics['serverEventLoopDelayMax'] = valueMetric(round(server.eventLoopDelayMs.max), 'ms');
  }
  return metrics;
}

/** Per-route server counters, `server.requests GET /api/:spaceId/projects` → count. */
export function serverCounters(server: ServerStatsSnapshot | undefined): Record<string, number> {
  if (!server) return {};
  return Object.fromEntries(Object.entries(server.routes).flatMap(([route, r]) => [[`server.requests ${route}`, r.count], [`server.handlerMs ${route}`, round(r.handlerMs)]]));
}
