// Optional server cost model (off by default). Makes the reference server's own cost realistic:
// a fixed latency per request, a latency per store query the request made (the legacy flows make many
// small requests and queries; the Executions API moves that work "closer to the data"), and
// deterministic CPU work per request. Latency waits on the injected clock, so it does not block the
// event loop; work burns CPU on the event loop, as a real handler would.
//
// Query attribution: the store counts queries; a request's share is the count's growth while its route
// handler runs synchronously (every route handler is wrapped through the onRoute hook). Our handlers
// touch the store before their first await, so concurrent requests cannot leak queries into each
// other (hook-level snapshots could: two requests pass their preHandler before either handler runs).
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { ServerContext } from '../context.js';

export interface CostModel {
  /** Added latency per request, ms. */
  requestLatencyMs: number;
  /** Added latency per store query made while handling the request, ms. */
  queryLatencyMs: number;
  /** Units of CPU work per request (one unit ≈ 1,000 rounds of a 32-bit integer hash). */
  requestWork: number;
}

export const NO_COST: CostModel = { requestLatencyMs: 0, queryLatencyMs: 0, requestWork: 0 };

export function isCostModelActive(cost: CostModel): boolean {
  return cost.requestLatencyMs > 0 || cost.queryLatencyMs > 0 || cost.requestWork > 0;
}

/** Deterministic CPU work: `units` × 1,000 rounds of an integer hash. Returns the hash (so it is not optimised away). */
export function burnWork(units: number): number {
  let h = 0x811c9dc5;
  const rounds = units * 1000;
  for (let i = 0; i < rounds; i++) h = Math.imul(h ^ i, 0x01000193) >>> 0;
  return h;
}

const queriesByRequest = new WeakMap<FastifyRequest, number>();
let sink = 0;

/**
 * Installs the cost model's hooks on the root instance (no-op when every cost is 0). Must run before
 * the routes are registered (buildServer's `configure` option does that).
 */
export function withCostModel(app: FastifyInstance, cost: CostModel, ctx?: ServerContext): void {
  if (!isCostModelActive(cost)) return;
  const context = ctx ?? (app as FastifyInstance & { octobench: ServerContext }).octobench;
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function countingHandler(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      const before = context.store.queryCount;
      try {
        return handler.call(this, request, reply);
      } finally {
        queriesByRequest.set(request, context.store.queryCount - before);
      }
    } as RouteHandlerMethod;
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const queries = queriesByRequest.get(request) ?? 0;
    if (cost.requestWork > 0) sink ^= burnWork(cost.requestWork);
    const delay = cost.requestLatencyMs + queries * cost.queryLatencyMs;
    if (delay > 0) await context.clock.sleep(delay);
    return payload;
  });
}

/** Exposed for tests: the XOR of all work results, proving the work ran. */
export function workSink(): number {
  return sink;
}
