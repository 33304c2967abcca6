// One keep-alive HTTP/1.1 connection, one request at a time: the smallest client an agent needs,
// so that 10,000 of them fit in one process. It is callback driven on purpose: an agent holding a
// 30 s long poll keeps no chain of suspended async functions, only this object's parser fields, one
// callback and one guard timer (an undici Client costs ~7 KB of heap per connection; this ~1.5 KB
// beyond the socket). request() wraps it in a promise for code that is async anyway (downloads).
// Responses must carry Content-Length (the reference server and the feed server always send it).
// Link emulation: half the round trip before the request is written and half before the response
// is delivered; a body sink may return a promise, and reading pauses until it settles (so a
// downlink bucket in the sink reaches the sender as TCP backpressure).
import { connect, type Socket } from 'node:net';
import type { Clock, TimerHandle } from '../../core/clock.js';

export interface HttpResult {
  status: number;
  /** The body, unless a sink took it. */
  body: Buffer;
  headers: Map<string, string>;
}

/** Takes a response body chunk by chunk; `contentLength` is the whole body's length from the headers. */
export type BodySink = (chunk: Buffer, contentLength: number) => void | Promise<void>;
export type ResponseCallback = (error: ConnectionLost | undefined, result: HttpResult | undefined) => void;

export class ConnectionLost extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionLost';
  }
}

const HEAD_END = Buffer.from('\r\n\r\n');
const EMPTY = Buffer.alloc(0);

export class HttpConn {
  private socket: Socket | undefined;
  private callback: ResponseCallback | undefined;
  private sink: BodySink | undefined;
  private guard: TimerHandle | undefined;
  private head: Buffer | undefined;
  private status = 0;
  /** The current response's content-length. */
  private length = 0;
  private headers: Map<string, string> | undefined;
  private left = -1;
  private chunks: Buffer[] | undefined;
  /** Connections opened so far (1 for a connection that was never lost). */
  opened = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly clock: Clock,
    private readonly rttMs: number,
    /** A request with no complete answer within this is abandoned (longer than any long poll). */
    private readonly idleTimeoutMs: number,
  ) {}

  get connected(): boolean {
    return this.socket !== undefined;
  }

  /** Sends one request; `done` runs exactly once, with the response or a ConnectionLost. */
  send(method: string, path: string, headers: string, body: Buffer | undefined, done: ResponseCallback, sink?: BodySink, contentType = 'application/json'): void {
    if (this.callback !== undefined) return done(new ConnectionLost('a request is already in flight on this connection'), undefined);
    this.callback = done;
    this.sink = sink;
    this.head = undefined;
    this.left = -1;
    this.guard = this.clock.setTimer(this.idleTimeoutMs, () => this.fail('no answer within the request timeout'));
    const text = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n${headers}${body === undefined ? '' : `content-type: ${contentType}\r\ncontent-length: ${body.length}\r\n`}\r\n`;
    const bytes = body === undefined ? Buffer.from(text) : Buffer.concat([Buffer.from(text), body]);
    const write = (): void => {
      if (this.callback !== done) return;
      if (this.socket === undefined) this.open();
      this.socket!.write(bytes);
    };
    if (this.rttMs > 0) this.clock.setTimer(this.rttMs / 2, write);
    else write();
  }

  request(method: string, path: string, headers: string, body?: Buffer, sink?: BodySink, contentType?: string): Promise<HttpResult> {
    return new Promise((resolve, reject) => this.send(method, path, headers, body, (e, r) => (e === undefined ? resolve(r!) : reject(e)), sink, contentType));
  }

  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
    this.fail('the connection was closed');
  }

  private open(): void {
    const socket = connect({ host: this.host, port: this.port, noDelay: true, keepAlive: true });
    this.socket = socket;
    this.opened++;
    socket.on('data', (chunk: Buffer) => { if (this.socket === socket) this.feed(chunk); });
    const end = (e?: Error): void => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.fail(e === undefined ? 'the server closed the connection' : `${this.host}:${this.port}: ${e.message}`);
    };
    socket.on('error', end);
    socket.on('close', () => end());
  }

  private fail(message: string): void {
    const done = this.finish();
    if (done !== undefined) {
      this.socket?.destroy();
      this.socket = undefined;
      done(new ConnectionLost(message), undefined);
    }
  }

  private finish(): ResponseCallback | undefined {
    const done = this.callback;
    this.callback = undefined;
    this.sink = undefined;
    this.guard?.cancel();
    this.guard = undefined;
    this.chunks = undefined;
    this.headers = undefined;
    return done;
  }

  private feed(chunk: Buffer): void {
    if (this.callback === undefined) return this.fail('unexpected bytes from the server');
    if (this.left < 0) {
      const buf = this.head === undefined ? chunk : Buffer.concat([this.head, chunk]);
      const end = buf.indexOf(HEAD_END);
      if (end < 0) {
        if (buf.length > 64 * 1024) return this.fail('response head larger than 64 KiB');
        this.head = buf;
        return;
      }
      this.head = undefined;
      if (!this.parseHead(buf.subarray(0, end).toString('latin1'))) return;
      chunk = buf.subarray(end + 4);
    }
    this.body(chunk);
  }

  private parseHead(text: string): boolean {
    const lines = text.split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
    if (!Number.isInteger(status)) return this.fail(`not an HTTP response: ${lines[0]}`), false;
    const headers = new Map<string, string>();
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const length = Number(headers.get('content-length') ?? (status === 204 || status === 304 ? '0' : NaN));
    if (!Number.isInteger(length) || length < 0) return this.fail(`response without a usable content-length (status ${status})`), false;
    this.status = status;
    this.headers = headers;
    this.left = length;
    this.length = length;
    this.chunks = [];
    if (status !== 200) this.sink = undefined;
    return true;
  }

  private body(chunk: Buffer): void {
    if (chunk.length > this.left) return this.fail('the server sent more than its content-length');
    this.left -= chunk.length;
    const sink = this.sink;
    if (sink !== undefined && chunk.length > 0) {
      const pending = sink(chunk, this.length);
      if (pending !== undefined) {
        const socket = this.socket;
        socket?.pause();
        pending.then(() => { socket?.resume(); this.maybeDone(); }, (e: unknown) => this.fail(`the body sink failed: ${(e as Error).message}`));
        return;
      }
    } else if (chunk.length > 0) this.chunks?.push(chunk);
    this.maybeDone();
  }

  private maybeDone(): void {
    if (this.left !== 0 || this.callback === undefined) return;
    const chunks = this.chunks ?? [];
    const result: HttpResult = { status: this.status, body: chunks.length === 0 ? EMPTY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), headers: this.headers! };
    const close = this.headers?.get('connection') === 'close';
    this.left = -1;
    const done = this.finish();
    if (close) this.close();
    if (done === undefined) return;
    if (this.rttMs > 0) this.clock.setTimer(this.rttMs / 2, () => done(undefined, result));
    else done(undefined, result);
  }
}
