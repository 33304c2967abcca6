// Link emulation, token bucket and accounting in virtual time: exact delivery times against a scripted
// lower dispatcher (standing in for the socket layer) that answers 10 ms after a request reaches it.
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { accounting, type RequestRecord } from '../../../harness/load/interceptors/accounting.js';
import { linkEmulation } from '../../../harness/load/interceptors/link-emulation.js';
import { TokenBucket } from '../../../harness/load/interceptors/token-bucket.js';
import { drive } from './virtual-time.js';

function scriptedServer(clock: ManualClock, trace: string[], t0: number): Dispatcher.Dispatch {
  return (opts, handler) => {
    trace.push(`${clock.now() - t0} server got ${opts.method} ${opts.path}`);
    const controller: Dispatcher.DispatchController = {
      aborted: false, paused: false, reason: null,
      rawHeaders: [Buffer.from('content-length'), Buffer.from('20')],
      abort() {}, pause() {}, resume() {},
    };
    handler.onRequestStart?.(controller, {});
    clock.setTimer(10, () => {
      handler.onResponseStart?.(controller, 200, { 'content-length': '20' }, 'OK');
      handler.onResponseData?.(controller, Buffer.alloc(20));
      handler.onResponseEnd?.(controller, {});
    });
    return true;
  };
}

function tracingHandler(clock: ManualClock, trace: string[], t0: number, done: () => void): Dispatcher.DispatchHandler {
  const at = () => clock.now() - t0;
  return {
    onResponseStart: (_c, status: number, _h: IncomingHttpHeaders) => void trace.push(`${at()} client head ${status}`),
    onResponseData: (_c, chunk: Buffer) => void trace.push(`${at()} client data ${chunk.length}`),
    onResponseEnd: () => {
      trace.push(`${at()} client end`);
      done();
    },
    onResponseError: (_c, e: Error) => void trace.push(`${at()} client error ${e.message}`),
  };
}

describe('link emulation in virtual time', () => {
  it('delays half the RTT each way and paces both directions at 1000 B/s (1 byte = 1 ms)', async () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const trace: string[] = [];
    const records: RequestRecord[] = [];
    const link = linkEmulation({ clock, rttMs: 100, uplink: new TokenBucket(clock, 1_000), downlink: new TokenBucket(clock, 1_000) });
    const dispatch = accounting(clock, (r) => records.push(r))(link(scriptedServer(clock, trace, t0)));
    await drive(clock, new Promise<void>((resolve) => {
      dispatch({ origin: 'http://h', path: '/x', method: 'POST', body: '0123456789' }, tracingHandler(clock, trace, t0, resolve));
    }));
    // Up: 50 ms + 83 bytes (73-byte head "POST /x HTTP/1.1", host, connection, content-length + 10-byte body).
    // Down: 50 ms + 39-byte head ("HTTP/1.1 200 OK", content-length) then 20 body bytes.
    expect(trace).toEqual(['133 server got POST /x', '232 client head 200', '252 client data 20', '252 client end']);
    expect(records).toEqual([{
      method: 'POST', origin: 'http://h', path: '/x', status: 200, requestHeaderBytes: 73, requestBodyBytes: 10,
      responseHeaderBytes: 39, responseBodyBytes: 20, startedAt: t0, responseStartedAt: t0 + 232, endedAt: t0 + 252, outcome: 'ok',
    }]);
  });

  it('each of three sequential requests pays one RTT', async () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const trace: string[] = [];
    const dispatch = linkEmulation({ clock, rttMs: 50 })(scriptedServer(clock, trace, t0));
    const one = () => new Promise<void>((resolve) => void dispatch({ origin: 'http://h', path: '/', method: 'GET' }, tracingHandler(clock, [], t0, resolve)));
    await drive(clock, (async () => { for (let i = 0; i < 3; i++) await one(); })());
    expect(clock.now() - t0).toBe(3 * (50 + 10));
    expect(trace).toEqual(['25 server got GET /', '85 server got GET /', '145 server got GET /']);
  });
});

describe('link emulation backpressure', () => {
  it('reads ahead at most READ_AHEAD_BYTES, pausing and resuming the socket as delivery catches up', async () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const at = () => clock.now() - t0;
    const trace: string[] = [];
    // A streaming source that honours pause(): a 1024-byte head (padded), 4 chunks of 64 KiB, then the end.
    let paused = false;
    let step = 0;
    let handler: Dispatcher.DispatchHandler;
    const controller: Dispatcher.DispatchController = {
      aborted: false, reason: null, rawHeaders: [Buffer.from('x-pad'), Buffer.from('a'.repeat(996))],
      get paused() { return paused; },
      abort() {},
      pause() { if (!paused) trace.push(`${at()} pause`); paused = true; },
      resume() { if (paused) { trace.push(`${at()} resume`); paused = false; emit(); } },
    };
    const emit = () => {
      while (!paused && step < 6) {
        const s = step++;
        if (s === 0) handler.onResponseStart?.(controller, 200, { 'x-pad': 'a'.repeat(996) }, 'OK');
        else if (s <= 4) handler.onResponseData?.(controller, Buffer.alloc(65_536));
        else handler.onResponseEnd?.(controller, {});
      }
    };
    const source: Dispatcher.Dispatch = (_opts, h) => {
      handler = h;
      h.onRequestStart?.(controller, {});
      clock.setTimer(10, emit);
      return true;
    };
    // 1,024,000 B/s: the head takes 1 ms, each 64 KiB chunk 64 ms.
    const dispatch = linkEmulation({ clock, downlink: new TokenBucket(clock, 1_024_000) })(source);
    await drive(clock, new Promise<void>((resolve) => void dispatch({ origin: 'http://h', path: '/pkg', method: 'GET' }, tracingHandler(clock, trace, t0, resolve))));
    expect(trace).toEqual([
      '10 pause', // head + 2 chunks queued > 128 KiB
      '11 client head 200', '11 resume', '11 pause', // room again: chunk 3 arrives
      '75 client data 65536', '75 resume', '75 pause', // chunk 4 arrives
      '139 client data 65536', '139 resume', // the end arrives
      '203 client data 65536', '267 client data 65536', '267 client end',
    ]);
  });
});

describe('TokenBucket', () => {
  it('serialises bytes at the rate, and interleaves two takers of a shared bucket slice by slice', async () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const alone = new TokenBucket(clock, 8_192);
    expect(await drive(clock, alone.take(16_384).then(() => clock.now() - t0))).toBe(2_000);
    const shared = new TokenBucket(clock, 8_192);
    const t1 = clock.now();
    const done = await drive(clock, Promise.all([0, 1].map((i) => shared.take(16_384).then(() => [i, clock.now() - t1]))));
    // A: slices reserved at 0 and 1000, B: at 0 and 2000; each sees half the rate while both send.
    expect(done).toEqual([[0, 3_000], [1, 4_000]]);
  });

  it('lets a burst through at once, then goes into debt; reserve returns the absolute due time', () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const bucket = new TokenBucket(clock, 1_000, 1_000);
    expect(bucket.reserve(500) - t0).toBe(0);
    expect(bucket.reserve(1_000) - t0).toBe(500);
    clock.advanceBy(2_000);
    expect(bucket.reserve(1_000) - t0).toBe(2_000); // refilled to the burst, not beyond
    expect(bucket.reserve(1) - t0).toBe(2_001);
    expect(() => new TokenBucket(clock, 0)).toThrow(RangeError);
  });

  it('keeps logical time: a late wake-up does not slow the link down', () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const bucket = new TokenBucket(clock, 8_192);
    const first = bucket.reserve(8_192);
    expect(first - t0).toBe(1_000);
    clock.advanceBy(1_300); // the timer for `first` fired 300 ms late
    expect(bucket.reserve(8_192, first) - t0).toBe(2_000);
    expect(bucket.reserve(8_192) - t0).toBe(3_000); // still in debt: FIFO behind the previous slice
  });
});
