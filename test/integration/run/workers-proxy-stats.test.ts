// Pieces of the api-flows runner over real loopback sockets: the open model fanned out over two worker
// threads (every scheduled start accounted for, histograms merged in the parent), the delay proxy (one
// CONNECT per connection, every request pays the RTT), and the server's own per-route view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { buildServer } from '../../../mock-server/app.js';
import { serverStatsOf } from '../../../mock-server/api/server-stats.js';
import { RealClock } from '../../../harness/core/clock.js';
import { createRelease } from '../../../harness/flows/legacy/index.js';
import { createUndiciTransport } from '../../../harness/flows/undici-transport.js';
import { startDelayProxy } from '../../../harness/load/delay-proxy.js';
import { buildProxiedDispatcher } from '../../../harness/load/proxied-dispatcher.js';
import { mergeShares } from '../../../harness/run/api-flows/metrics.js';
import { runShares } from '../../../harness/run/api-flows/workers.js';

const KEY = 'API-TESTTESTTESTTESTTEST';
let app: Awaited<ReturnType<typeof buildServer>>;
let url: string;
beforeAll(async () => {
  app = await buildServer({ apiKey: KEY });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => app.close());

describe('api-flows runner parts', () => {
  it('spreads an open-model load over two worker threads and merges what they measured', async () => {
    const clock = new RealClock();
    const shares = await runShares(clock, {
      baseUrl: url, apiKey: KEY, space: { id: 'Spaces-1', name: 'Default' }, operation: 'run-runbook', api: 'executions',
      input: { projectName: 'OctoPetShop', environmentName: 'Development', runbookName: 'Restart' }, link: { kind: 'none' },
      load: { model: 'open', vus: 1, rate: 80, durationMs: 500, maxInFlight: 40, maxStartDelayMs: 1_000 },
    }, 2);
    expect(shares).toHaveLength(2);
    // Each worker schedules 40/s for 0.5 s = 20 starts.
    expect(shares.map((s) => s.open?.scheduled)).toEqual([20, 20]);
    const merged = mergeShares(shares);
    expect([merged.operations + merged.errors, merged.operation.count, merged.open?.scheduled, merged.open?.droppedStarts]).toEqual([40, merged.operations, 40, 0]);
    expect(merged.errors).toBe(0);
    expect(merged.bytes.requests).toBe(40);
  }, 20_000);

  it('the delay proxy opens one tunnel per connection and delays every round trip by the RTT', async () => {
    const clock = new RealClock();
    const proxy = await startDelayProxy({ clock, rttMs: 40 });
    const built = buildProxiedDispatcher({ clock, proxyUrl: proxy.url, connections: 1 });
    try {
      const t0 = clock.now();
      for (let i = 0; i < 3; i++) {
        const res = await request(`${url}/api`, { dispatcher: built.dispatcher });
        expect(res.statusCode).toBe(200);
        await res.body.text();
      }
      // CONNECT (one RTT) + 3 sequential requests (one RTT each).
      expect(clock.now() - t0).toBeGreaterThanOrEqual(4 * 40 - 1);
      expect(proxy.connects()).toBe(1);
    } finally {
      await built.close();
      await proxy.close();
    }
  });

  it('the server counts requests and handler time per route, and resets', async () => {
    const stats = serverStatsOf(app)!;
    stats.reset();
    await createRelease(createUndiciTransport({ baseUrl: url, apiKey: KEY }), { projectName: 'OctoPetShop' });
    const snap = stats.snapshot();
    expect(Object.fromEntries(Object.entries(snap.routes).map(([k, v]) => [k, v.count]))).toEqual({
      'GET /api': 4, 'GET /api/:spaceId': 1, 'GET /api/:spaceId/deploymentprocesses/:id': 1, 'GET /api/:spaceId/projects': 1,
      'GET /api/:spaceId/projects/:projectId/channels': 1, 'GET /api/:spaceId/projects/:projectId/deploymentprocesses/template': 1,
      'GET /api/:spaceId/projects/:projectId/deploymentsettings': 1, 'GET /api/:spaceId/releases/:id': 1, 'GET /api/spaces': 1,
      'GET /api/users/:id/spaces': 1, 'GET /api/users/me': 2, 'POST /api/:spaceId/releases': 1,
    });
    expect(snap.cpuUserMs + snap.cpuSystemMs).toBeGreaterThan(0);
    const remote = await request(`${url}/octobench/server-stats`);
    expect(((await remote.body.json()) as { routes: Record<string, unknown> }).routes).toHaveProperty(['GET /api']);
    stats.reset();
    expect(stats.snapshot().routes).toEqual({});
  });
});
