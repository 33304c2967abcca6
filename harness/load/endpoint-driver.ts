// Our own raw endpoint driver (the one bench:driver compares with autocannon and wrk): N virtual users
// (closed model) each sending one request at a time over the client stack (undici Agent with N
// keep-alive connections and the accounting interceptor), latency into an HDR histogram.
import type { Dispatcher } from 'undici';
import type { Clock } from '../core/clock.js';
import { LatencyHistogram } from '../metrics/histogram.js';
import { assertLoopback } from './autocannon-adapter.js';
import { runClosed } from './closed-model.js';
import { buildDispatcher } from './interceptors/compose.js';

export interface DriverLoad {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationMs: number;
  /** Count request and response bytes with the accounting interceptor (default true). */
  accounting?: boolean;
}

export interface DriverResult {
  requests: number;
  errors: number;
  requestsPerSec: number;
  responseBytes: number;
  latency: LatencyHistogram;
}

/**
 * One request through dispatch() with a minimal handler: no body stream and no per-request buffers
 * (undici's request() wraps every response in a Readable, which costs more than the request itself).
 */
function send(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let status = 0;
    dispatcher.dispatch(options, {
      onRequestStart: () => {},
      onResponseStart: (_c, statusCode) => void (status = statusCode),
      onResponseData: () => {},
      onResponseEnd: () => (status >= 400 ? reject(new Error(`status ${status}`)) : resolve()),
      onResponseError: (_c, error) => reject(error),
    });
  });
}

export async function runEndpointDriver(clock: Clock, load: DriverLoad): Promise<DriverResult> {
  assertLoopback(load.url);
  let responseBytes = 0;
  const built = buildDispatcher({
    clock, connections: load.connections,
    ...(load.accounting === false ? {} : { onRecord: (r) => void (responseBytes += r.responseHeaderBytes + r.responseBodyBytes) }),
  });
  const url = new URL(load.url);
  const options: Dispatcher.DispatchOptions = {
    origin: url.origin, path: `${url.pathname}${url.search}`, method: load.method ?? 'GET',
    ...(load.headers ? { headers: load.headers } : {}), ...(load.body === undefined ? {} : { body: load.body }),
  };
  try {
    const result = await runClosed({
      clock, vus: load.connections, durationMs: load.durationMs,
      iteration: () => send(built.dispatcher, options),
    });
    const seconds = (result.endedAt - result.startedAt) / 1000;
    return { requests: result.iterations, errors: result.errors, requestsPerSec: result.iterations / seconds, responseBytes, latency: result.histogram };
  } finally {
    await built.close();
  }
}
