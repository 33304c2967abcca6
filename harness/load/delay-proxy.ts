// A userspace TCP delay proxy (toolchain.md §5: no netem here, no root needed): listens on 127.0.0.1,
// accepts HTTP `CONNECT host:port` tunnels (how undici's ProxyAgent and the seed's capture tool reach a
// server), and then holds every chunk for rttMs/2 in each direction, order-preserving
// (due = max(now + delay, previous due)). Optional token buckets pace each direction. It counts the
// CONNECTs it served, so a run can report them as the seed did. Only loopback upstreams are allowed.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Clock } from '../core/clock.js';
import { OctobenchError } from '../core/errors.js';
import type { TokenBucket } from './interceptors/token-bucket.js';

export interface DelayProxyOptions {
  clock: Clock;
  rttMs: number;
  uplink?: TokenBucket;
  downlink?: TokenBucket;
}

export interface DelayProxy {
  url: string;
  /** CONNECT requests served so far. */
  connects(): number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Forwards src → dst, each chunk delivered at max(arrival + delay, previous delivery) and paced by bucket. */
function delayedPipe(clock: Clock, src: Socket, dst: Socket, delayMs: number, bucket: TokenBucket | undefined): void {
  let lastDue = Number.NEGATIVE_INFINITY;
  let pending = 0;
  let ended = false;
  const flushEnd = () => {
    if (ended && pending === 0) dst.end();
  };
  src.on('data', (chunk: Buffer) => {
    const passed = bucket ? bucket.reserve(chunk.length) : clock.now();
    const due = Math.max(passed + delayMs, lastDue);
    lastDue = due;
    pending++;
    clock.setTimer(due - clock.now(), () => {
      pending--;
      if (!dst.destroyed) dst.write(chunk);
      flushEnd();
    });
  });
  src.on('end', () => {
    ended = true;
    flushEnd();
  });
  src.on('error', () => dst.destroy());
  src.on('close', () => {
    if (pending === 0) dst.end();
  });
}

export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  const { clock } = options;
  const oneWay = options.rttMs / 2;
  let connects = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onHead = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384) client.destroy();
        return;
      }
      client.off('data', onHead);
      const m = /^CONNECT ([^\s:]+|\[[^\]]+\]):(\d+) HTTP\/1\.[01]\r\n/.exec(head.subarray(0, end + 2).toString('latin1'));
      if (!m || !LOOPBACK.has(m[1]!)) {
        client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      connects++;
      const rest = head.subarray(end + 4);
      const upstream = connect({ host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.once('error', () => client.destroy());
      upstream.once('connect', () => {
        // The CONNECT crossed the link and its answer crosses back: one RTT, like the handshake it stands for.
        clock.setTimer(options.rttMs, () => {
          if (client.destroyed) return upstream.destroy();
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          delayedPipe(clock, client, upstream, oneWay, options.uplink);
          delayedPipe(clock, upstream, client, oneWay, options.downlink);
          if (rest.length > 0) client.emit('data', rest);
        });
      });
    };
    client.on('data', onHead);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) => reject(new OctobenchError('OCTOBENCH_ERR_PROXY', `delay proxy cannot listen: ${cause.message}`, { cause })));
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    connects: () => connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
