// The client stack for runs through the userspace delay proxy (delay-proxy.ts): an undici Agent whose
// connections are tunnels — each new connection opens a TCP socket to the proxy and sends exactly one
// `CONNECT host:port` — with the accounting interceptor composed outermost. Note: undici opens a second
// connection when a request follows the previous body's end in the same tick; pass `connections: 1`
// for one tunnel per client, as a CLI process has. The link is emulated by the proxy at
// the byte level, so no in-process link emulation is added.
import { connect as tcpConnect, type Socket } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import type { Clock } from '../core/clock.js';
import { accounting, type RecordSink } from './interceptors/accounting.js';

export interface ProxiedDispatcherOptions {
  clock: Clock;
  proxyUrl: string;
  connections?: number;
  onRecord?: RecordSink;
}

type ConnectCallback = (error: Error | null, socket: Socket | null) => void;

/** Opens a tunnel through the proxy to host:port; calls back with the socket once the proxy answered 200. */
export function openTunnel(proxy: URL, host: string, port: string, callback: ConnectCallback): void {
  const socket = tcpConnect({ host: proxy.hostname, port: Number(proxy.port) });
  let head = '';
  const fail = (error: Error) => {
    socket.destroy();
    callback(error, null);
  };
  socket.once('error', fail);
  socket.once('connect', () => socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nhost: ${host}:${port}\r\n\r\n`));
  const onData = (chunk: Buffer) => {
    head += chunk.toString('latin1');
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    socket.off('data', onData);
    socket.off('error', fail);
    if (!/^HTTP\/1\.[01] 200/.test(head)) return fail(new Error(`proxy refused the tunnel: ${head.split('\r\n')[0]}`));
    if (end + 4 < head.length) socket.unshift(Buffer.from(head.slice(end + 4), 'latin1'));
    callback(null, socket);
  };
  socket.on('data', onData);
}

export function buildProxiedDispatcher(options: ProxiedDispatcherOptions): { dispatcher: Dispatcher; close(): Promise<void> } {
  const proxy = new URL(options.proxyUrl);
  const agent = new Agent({
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    connect: (opts, callback) => openTunnel(proxy, String(opts.hostname), String(opts.port || 80), callback as ConnectCallback),
  });
  const dispatcher = options.onRecord ? agent.compose(accounting(options.clock, options.onRecord)) : agent;
  return { dispatcher, close: () => agent.close() };
}
