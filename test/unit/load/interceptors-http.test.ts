// The client stack against a real loopback server: accounting byte counts match what the server's
// sockets saw; link emulation makes sequential requests pay one RTT each and paces bandwidth.
// Wall-clock tests: they assert relations with generous bounds, never absolute speeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealClock } from '../../../harness/core/clock.js';
import type { RequestRecord } from '../../../harness/load/interceptors/accounting.js';
import { buildDispatcher } from '../../../harness/load/interceptors/compose.js';
import { TokenBucket } from '../../../harness/load/interceptors/token-bucket.js';
import { startTestServer, type TestServer } from './http-server.js';

const clock = new RealClock();
let server: TestServer;
beforeAll(async () => void (server = await startTestServer()));
afterAll(async () => server.close());

async function fetchAll(dispatcher: import('undici').Dispatcher, path: string, init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {}) {
  const res = await dispatcher.request({ origin: server.origin, path, method: (init.method ?? 'GET') as 'GET', body: init.body ?? null, headers: init.headers ?? {} });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, length: body.length };
}

describe('accounting interceptor', () => {
  it('counts exactly the bytes the server read and wrote, headers and bodies apart', async () => {
    const records: RequestRecord[] = [];
    const stack = buildDispatcher({ clock, connections: 1, onRecord: (r) => records.push(r) });
    expect(stack.emulation).toEqual({ kind: 'none' });
    const before = server.bodies.length;
    const socketsBefore = server.sockets.length;
    await fetchAll(stack.dispatcher, '/bytes/1234');
    await fetchAll(stack.dispatcher, '/bytes/10', { method: 'POST', body: JSON.stringify({ name: 'héllo', n: [1, 2, 3] }), headers: { 'content-type': 'application/json', 'X-Octopus-ApiKey': 'API-TEST' } });
    await fetchAll(stack.dispatcher, '/bytes/0', { method: 'PUT', body: Buffer.alloc(70_000, 1) });
    await fetchAll(stack.dispatcher, '/bytes/5?x=1', { method: 'POST' });
    await stack.close();

    expect(server.sockets.length - socketsBefore).toBe(1);
    const socket = server.sockets[server.sockets.length - 1]!;
    const served = server.bodies.slice(before);
    expect(records.map((r) => [r.method, r.path, r.status, r.outcome])).toEqual([
      ['GET', '/bytes/1234', 200, 'ok'], ['POST', '/bytes/10', 200, 'ok'], ['PUT', '/bytes/0', 200, 'ok'], ['POST', '/bytes/5?x=1', 200, 'ok'],
    ]);
    expect(records.map((r) => r.requestBodyBytes)).toEqual(served.map((s) => s.received));
    expect(records.map((r) => r.responseBodyBytes)).toEqual(served.map((s) => s.sent));
    expect(records.map((r) => r.requestBodyBytes)).toEqual([0, Buffer.byteLength('{"name":"héllo","n":[1,2,3]}'), 70_000, 0]);
    // Whole messages on the wire: heads reconstructed by the interceptor + bodies = socket totals.
    const sum = (f: (r: RequestRecord) => number) => records.reduce((n, r) => n + f(r), 0);
    expect(sum((r) => r.requestHeaderBytes + (r.requestBodyBytes ?? 0))).toBe(socket.bytesRead);
    expect(sum((r) => r.responseHeaderBytes + r.responseBodyBytes)).toBe(socket.bytesWritten);
    for (const r of records) {
      expect(r.endedAt).toBeGreaterThanOrEqual(r.responseStartedAt!);
      expect(r.responseStartedAt!).toBeGreaterThanOrEqual(r.startedAt);
    }
  });

  it('counts a chunked response body as payload bytes (framing excluded)', async () => {
    const records: RequestRecord[] = [];
    const stack = buildDispatcher({ clock, onRecord: (r) => records.push(r) });
    const res = await fetchAll(stack.dispatcher, '/chunked/3001');
    await stack.close();
    expect(res.length).toBe(3001);
    expect(records[0]!.responseBodyBytes).toBe(3001);
  });

  it('records a failed request as an error with its code', async () => {
    const records: RequestRecord[] = [];
    const stack = buildDispatcher({ clock, onRecord: (r) => records.push(r) });
    await expect(stack.dispatcher.request({ origin: 'http://127.0.0.1:1', path: '/', method: 'GET' })).rejects.toThrow();
    await stack.close();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: null, outcome: 'error', error: 'ECONNREFUSED' });
  });
});

describe('link emulation (wall clock)', () => {
  it('makes each sequential request pay one RTT', async () => {
    const plain = buildDispatcher({ clock });
    const slow = buildDispatcher({ clock, rttMs: 50 });
    expect(slow.emulation).toEqual({ kind: 'in-process', rttMs: 50, uplinkBytesPerSec: null, downlinkBytesPerSec: null });
    const time = async (d: import('undici').Dispatcher) => {
      const t = clock.monotonic();
      for (let i = 0; i < 3; i++) await fetchAll(d, '/bytes/100');
      return clock.monotonic() - t;
    };
    await fetchAll(plain.dispatcher, '/bytes/1'); // warm both connections
    await fetchAll(slow.dispatcher, '/bytes/1');
    const fast = await time(plain.dispatcher);
    const emulated = await time(slow.dispatcher);
    await Promise.all([plain.close(), slow.close()]);
    // Timers may fire up to ~1 ms early against performance.now(); 6 half-RTT sleeps → ≥ 144 ms.
    expect(emulated).toBeGreaterThanOrEqual(144);
    expect(emulated).toBeGreaterThan(fast);
    expect(emulated).toBeLessThan(150 + 1_000);
  });

  it('fails promptly when the request is aborted during the emulated delay', async () => {
    const records: RequestRecord[] = [];
    const stack = buildDispatcher({ clock, rttMs: 4_000, onRecord: (r) => records.push(r) });
    const t = clock.monotonic();
    await expect(stack.dispatcher.request({ origin: server.origin, path: '/bytes/10', method: 'GET', signal: AbortSignal.timeout(50) })).rejects.toThrow();
    const elapsed = clock.monotonic() - t;
    await stack.close();
    expect(elapsed).toBeLessThan(1_000);
    expect(records).toMatchObject([{ status: null, outcome: 'error', error: 'TimeoutError' }]);
  });

  it('paces a 50 kB body through a 100 kB/s downlink in about half a second', async () => {
    const stack = buildDispatcher({ clock, downlinkBytesPerSec: 100_000 });
    const t = clock.monotonic();
    const res = await fetchAll(stack.dispatcher, '/bytes/50000');
    const elapsed = clock.monotonic() - t;
    await stack.close();
    expect(res.length).toBe(50_000);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('a shared downlink bucket halves the rate of two concurrent clients', async () => {
    const shared = new TokenBucket(clock, 100_000);
    const a = buildDispatcher({ clock, downlink: shared });
    const b = buildDispatcher({ clock, downlink: shared });
    const alone = buildDispatcher({ clock, downlinkBytesPerSec: 100_000 });
    const timed = async (d: import('undici').Dispatcher) => {
      const t = clock.monotonic();
      await fetchAll(d, '/bytes/50000');
      return clock.monotonic() - t;
    };
    const single = await timed(alone.dispatcher);
    const [ta, tb] = await Promise.all([timed(a.dispatcher), timed(b.dispatcher)]);
    await Promise.all([a.close(), b.close(), alone.close()]);
    // Alone ≈ 0.5 s; sharing, 100 kB cross the link together ≈ 1 s, and each client ≥ ~0.8 s.
    expect(Math.max(ta, tb)).toBeGreaterThanOrEqual(900);
    expect(Math.min(ta, tb)).toBeGreaterThanOrEqual(750);
    expect(Math.min(ta, tb)).toBeGreaterThan(single * 1.3);
  });
});
