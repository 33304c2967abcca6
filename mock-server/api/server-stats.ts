// The server's own view of a benchmark: per-route request counts and handler time (onRequest → onResponse,
// serialization included), process CPU and event-loop delay since the last reset. Installed on the root
// instance so every route is seen. Read in-process with serverStatsOf(app), or over HTTP for a server in
// another process: GET /octobench/server-stats (snapshot) and POST /octobench/server-stats/reset.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cpuUsage } from '../../harness/core/env.js';
import type { ServerContext } from '../context.js';

export const SERVER_STATS_PATH = '/octobench/server-stats';

export interface RouteStats {
  count: number;
  handlerMs: number;
}

export interface ServerStatsSnapshot {
  /** Wall time covered, ms. */
  elapsedMs: number;
  /** Key: `METHOD /route/template` as registered (e.g. `GET /api/:spaceId/projects`). */
  routes: Record<string, RouteStats>;
  cpuUserMs: number;
  cpuSystemMs: number;
  eventLoopDelayMs: { mean: number; p50: number; p99: number; max: number };
}

export class ServerStats {
  private routes = new Map<string, RouteStats>();
  private startedAt: number;
  private cpuAtStart: NodeJS.CpuUsage;
  private readonly loop: IntervalHistogram;
  private readonly started = new WeakMap<FastifyRequest, number>();

  constructor(private readonly ctx: Pick<ServerContext, 'clock'>) {
    this.loop = monitorEventLoopDelay({ resolution: 5 });
    this.loop.enable();
    this.startedAt = ctx.clock.now();
    this.cpuAtStart = cpuUsage();
  }

  onRequest(request: FastifyRequest): void {
    this.started.set(request, this.ctx.clock.now());
  }

  onResponse(request: FastifyRequest): void {
    const begin = this.started.get(request);
    const key = `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
    const entry = this.routes.get(key) ?? { count: 0, handlerMs: 0 };
    entry.count++;
    if (begin !== undefined) entry.handlerMs += this.ctx.clock.now() - begin;
    this.routes.set(key, entry);
  }

  reset(): void {
    this.routes = new Map();
    this.startedAt = this.ctx.clock.now();
    this.cpuAtStart = cpuUsage();
    this.loop.reset();
  }

  snapshot(): ServerStatsSnapshot {
    const now = cpuUsage();
    const cpu = { user: now.user - this.cpuAtStart.user, system: now.system - this.cpuAtStart.system };
    const ns = (v: number) => (Number.isFinite(v) ? v / 1e6 : 0);
    return {
      elapsedMs: this.ctx.clock.now() - this.startedAt,
      routes: Object.fromEntries([...this.routes].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { ...v }])),
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      eventLoopDelayMs: { mean: ns(this.loop.mean), p50: ns(this.loop.percentile(50)), p99: ns(this.loop.percentile(99)), max: ns(this.loop.max) },
    };
  }

  close(): void {
    this.loop.disable();
  }
}

const STATS = Symbol('octobench.serverStats');

/** Installs the hooks and the two routes on the root instance. */
export async function serverStatsPlugin(app: FastifyInstance, opts: { ctx: ServerContext }): Promise<void> {
  const stats = new ServerStats(opts.ctx);
  (app as unknown as Record<symbol, ServerStats>)[STATS] = stats;
  app.addHook('onRequest', async (request) => stats.onRequest(request));
  app.addHook('onResponse', async (request) => stats.onResponse(request));
  app.addHook('onClose', async () => stats.close());
  app.get(SERVER_STATS_PATH, async () => stats.snapshot());
  app.post(`${SERVER_STATS_PATH}/reset`, async () => {
    stats.reset();
    return { reset: true };
  });
}

/** The stats of a server built by buildServer (undefined for an instance without the plugin). */
export function serverStatsOf(app: FastifyInstance): ServerStats | undefined {
  return (app as unknown as Record<symbol, ServerStats | undefined>)[STATS];
}
