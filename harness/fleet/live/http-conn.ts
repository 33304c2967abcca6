// One keep-alive HTTP/1.1 connection, one request at a time: the smallest client an agent needs,
// so that 10,000 of them fit in one process (an undici Client costs ~7 KB of heap per connection
// before any agent state; this is a socket, a read iterator and a few fields). Responses must carry
// Content-Length (the reference server and the feed server always send it). Link emulation is
// applied here: half the round trip before the request and half before the response is read, the
// uplink bucket paces request bodies and the downlink bucket paces response bodies (reading stops
// while the bucket says wait, so TCP backpressure reaches the sender).
import { connect, type Socket } from 'node:net';
import type { Clock } from '../../core/clock.js';
import type { TokenBucket } from '../../load/interceptors/token-bucket.js';

export interface LinkEmulation {
  rttMs: number;
  down: TokenBucket | undefined;
  up: TokenBucket | undefined;
}

export interface HttpResult {
  status: number;
  /** The body, unless a sink took it. */
  body: Buffer;
  headers: Map<string, string>;
}

export type BodySink = (chunk: Buffer) => void | Promise<void>;

export class ConnectionLost extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionLost';
  }
}

const HEAD_END = Buffer.from('\r\n\r\n');

export class HttpConn {
  private socket: Socket | undefined;
  private reader: AsyncIterator<Buffer> | undefined;
  private pending: Buffer | undefined;
  /** Connections opened so far (1 for a connection that was never lost). */
  opened = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly clock: Clock,
    private readonly link: LinkEmulation | undefined,
    private readonly idleTimeoutMs: number,
  ) {}

  get connected(): boolean {
    return this.socket !== undefined;
  }

  async open(): Promise<void> {
    if (this.socket !== undefined) return;
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (e) => reject(new ConnectionLost(`connect to ${this.host}:${this.port}: ${e.message}`)));
    });
    socket.removeAllListeners('error');
    socket.on('error', () => undefined); // surfaced by the reader as end of stream
    socket.setTimeout(this.idleTimeoutMs, () => socket.destroy());
    this.socket = socket;
    this.reader = socket[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    this.pending = undefined;
    this.opened++;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.reader = undefined;
  }

  async request(method: string, path: string, headers: string, body?: Buffer, sink?: BodySink, contentType = 'application/json'): Promise<HttpResult> {
    await this.open();
    try {
      return await this.exchange(method, path, `${headers}${body === undefined ? '' : `content-type: ${contentType}\r\n`}`, body, sink);
    } catch (e) {
      this.close();
      throw e instanceof ConnectionLost ? e : new ConnectionLost((e as Error).message);
    }
  }

  private async exchange(method: string, path: string, headers: string, body: Buffer | undefined, sink: BodySink | undefined): Promise<HttpResult> {
    const link = this.link;
    if (link !== undefined && link.rttMs > 0) await this.clock.sleep(link.rttMs / 2);
    if (body !== undefined && link?.up !== undefined) await link.up.take(body.length);
    const head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n${headers}${body === undefined ? '' : `content-length: ${body.length}\r\n`}\r\n`;
    this.socket!.write(body === undefined ? head : Buffer.concat([Buffer.from(head), body]));
    const { status, responseHeaders } = await this.readHead();
    if (link !== undefined && link.rttMs > 0) await this.clock.sleep(link.rttMs / 2);
    const length = Number(responseHeaders.get('content-length') ?? (status === 204 || status === 304 ? '0' : NaN));
    if (!Number.isInteger(length) || length < 0) throw new ConnectionLost(`response without a usable content-length (status ${status})`);
    const chunks: Buffer[] = [];
    const deliver = sink !== undefined && status === 200 ? sink : (c: Buffer) => void chunks.push(c);
    for (let left = length; left > 0; ) {
      let chunk = await this.nextChunk();
      if (chunk.length > left) {
        this.pending = chunk.subarray(left);
        chunk = chunk.subarray(0, left);
      }
      left -= chunk.length;
      if (link?.down !== undefined && sink !== undefined) await link.down.take(chunk.length);
      await deliver(chunk);
    }
    if (responseHeaders.get('connection') === 'close') this.close();
    return { status, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), headers: responseHeaders };
  }

  private async nextChunk(): Promise<Buffer> {
    if (this.pending !== undefined) {
      const p = this.pending;
      this.pending = undefined;
      return p;
    }
    const next = await this.reader!.next();
    if (next.done === true) throw new ConnectionLost('the server closed the connection');
    return next.value;
  }

  private async readHead(): Promise<{ status: number; responseHeaders: Map<string, string> }> {
    let buf = await this.nextChunk();
    let end = buf.indexOf(HEAD_END);
    while (end < 0) {
      if (buf.length > 64 * 1024) throw new ConnectionLost('response head larger than 64 KiB');
      buf = Buffer.concat([buf, await this.nextChunk()]);
      end = buf.indexOf(HEAD_END);
    }
    if (end + 4 < buf.length) this.pending = buf.subarray(end + 4);
    const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
    if (!Number.isInteger(status)) throw new ConnectionLost(`not an HTTP response: ${lines[0]}`);
    const responseHeaders = new Map<string, string>();
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon > 0) responseHeaders.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    return { status, responseHeaders };
  }
}
