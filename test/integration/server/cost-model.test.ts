// The optional server cost model in virtual time: a request is answered exactly
// requestLatencyMs + queries × queryLatencyMs after it reaches the handler; off by default.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { buildServer } from '../../../mock-server/app.js';
import { burnWork, withCostModel, workSink, type CostModel } from '../../../mock-server/api/cost-model.js';

const headers = { 'x-octopus-apikey': 'API-COSTMODEL' };
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function server(cost: CostModel) {
  const clock = new ManualClock(0);
  const app = await buildServer({ apiKey: 'API-COSTMODEL', clock, configure: (a, ctx) => withCostModel(a, cost, ctx) });
  return { app, clock };
}

describe('server cost model', () => {
  it('delays a response by the request latency plus the latency of each store query it made', async () => {
    const { app, clock } = await server({ requestLatencyMs: 5, queryLatencyMs: 10, requestWork: 0 });
    const before = app.octobench.store.queryCount;
    let answeredAt: number | undefined;
    const response = app.inject({ url: '/api/Spaces-1/projects?name=OctoPetShop', headers }).then((r) => {
      answeredAt = clock.now();
      return r;
    });
    await settle();
    const queries = app.octobench.store.queryCount - before;
    expect(queries).toBeGreaterThan(0);
    const expected = 5 + 10 * queries;
    clock.advanceTo(expected - 1);
    await settle();
    expect(answeredAt).toBeUndefined();
    clock.advanceTo(expected);
    expect((await response).statusCode).toBe(200);
    expect(answeredAt).toBe(expected);
    await app.close();
  });

  it('charges a query-heavy legacy lookup more than the root document, by exactly the extra queries', async () => {
    const queriesOf = async (url: string) => {
      const plain = await buildServer({ apiKey: 'API-COSTMODEL' });
      const before = plain.octobench.store.queryCount;
      await plain.inject({ url, headers });
      const n = plain.octobench.store.queryCount - before;
      await plain.close();
      return n;
    };
    const rootUrl = '/api';
    const templateUrl = '/api/Spaces-1/releases/Releases-1/deployments/template';
    const [rootQueries, templateQueries] = [await queriesOf(rootUrl), await queriesOf(templateUrl)];
    expect(templateQueries).toBeGreaterThan(rootQueries);

    const { app, clock } = await server({ requestLatencyMs: 0, queryLatencyMs: 10, requestWork: 0 });
    const times: Record<string, number> = {};
    const send = (url: string) => app.inject({ url, headers }).then(() => void (times[url] = clock.now()));
    const pending = [send(rootUrl), send(templateUrl)];
    await settle();
    for (let t = 1; t <= 1000 && Object.keys(times).length < 2; t++) {
      clock.advanceTo(t);
      await settle();
    }
    await Promise.all(pending);
    expect(times[templateUrl]! - times[rootUrl]!).toBe(10 * (templateQueries - rootQueries));
    await app.close();
  });

  it('adds nothing when every cost is 0 (the default)', async () => {
    const { app } = await server({ requestLatencyMs: 0, queryLatencyMs: 0, requestWork: 0 });
    // With no delay installed the response arrives without the virtual clock moving at all.
    expect((await app.inject({ url: '/api/spaces', headers })).statusCode).toBe(200);
    await app.close();
  });

  it('burns deterministic CPU work per request', async () => {
    expect(burnWork(3)).toBe(burnWork(3));
    expect(burnWork(3)).not.toBe(burnWork(4));
    const { app } = await server({ requestLatencyMs: 0, queryLatencyMs: 0, requestWork: 2 });
    const sinkBefore = workSink();
    await app.inject({ url: '/api', headers });
    expect(workSink()).toBe(sinkBefore ^ burnWork(2));
    await app.close();
  });
});
