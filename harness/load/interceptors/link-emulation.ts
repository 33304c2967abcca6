// Link-emulation interceptor: an in-process stand-in for a WAN link between this client and the server.
// - Latency: half the RTT before the request is dispatched, half before the response head is delivered,
//   so each sequential request pays exactly one RTT (TCP connect handshakes are not delayed).
// - Bandwidth: the request head + body are paced through the uplink bucket before dispatch; the response
//   head and body chunks through the downlink bucket before delivery. Buckets may be shared.
// Delivery may lag behind the socket by READ_AHEAD_BYTES; beyond that the socket is paused (real
// backpressure, bounded memory). The read-ahead keeps the pacing chain unbroken at high rates.
// Errors (aborts, timeouts, resets) are delivered at once and discard what is still queued.
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Clock } from '../../core/clock.js';
import type { TokenBucket } from './token-bucket.js';
import { requestBodyBytes, requestHeaderBytes, responseHeaderBytes } from './wire-size.js';

export interface LinkEmulationOptions {
  clock: Clock;
  rttMs?: number;
  uplink?: TokenBucket;
  downlink?: TokenBucket;
}

type Controller = Dispatcher.DispatchController;
/** Bytes queued for delivery before the socket is paused. */
export const READ_AHEAD_BYTES = 128 * 1024;
interface Pending { queuedAt: number; delayMs: number; bytes: number; deliver: () => void }

/** The controller handed downstream: forwards to the socket's, and remembers the consumer's own pause. */
class ForwardingController implements Controller {
  consumerPaused = false;
  constructor(private readonly upstream: Controller, private readonly onResume: () => void) {}
  get aborted() { return this.upstream.aborted; }
  get paused() { return this.consumerPaused; }
  get reason() { return this.upstream.reason; }
  get rawHeaders() { return this.upstream.rawHeaders; }
  get rawTrailers() { return this.upstream.rawTrailers; }
  abort(reason: Error) { this.upstream.abort(reason); }
  pause() { this.consumerPaused = true; this.upstream.pause(); }
  resume() { this.consumerPaused = false; this.onResume(); }
}

class DelayedResponseHandler implements Dispatcher.DispatchHandler {
  private readonly queue: Pending[] = [];
  private queuedBytes = 0;
  private pumping = false;
  private pausedByUs = false;
  private closed = false;
  private ctl: ForwardingController | null = null;
  private upstream: Controller | null = null;
  /** Logical time at which the previous item was delivered; late timers shorten later waits. */
  private deliveredAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly next: Dispatcher.DispatchHandler, private readonly options: LinkEmulationOptions) {}

  onRequestStart(controller: Controller, context: unknown): void {
    this.upstream = controller;
    this.ctl = new ForwardingController(controller, () => this.resumeIfRoom());
    this.next.onRequestStart?.(this.ctl, context);
  }

  onRequestUpgrade(controller: Controller, statusCode: number, headers: IncomingHttpHeaders, socket: Duplex): void {
    this.next.onRequestUpgrade?.(this.ctl ?? controller, statusCode, headers, socket);
  }

  onResponseStart(controller: Controller, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    const raw = Array.isArray(controller.rawHeaders) ? (controller.rawHeaders as Array<Buffer | string>) : null;
    const bytes = responseHeaderBytes(statusCode, statusMessage, raw, headers);
    this.enqueue((this.options.rttMs ?? 0) / 2, bytes, () => this.next.onResponseStart?.(this.ctl ?? controller, statusCode, headers, statusMessage));
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.enqueue(0, chunk.length, () => this.next.onResponseData?.(this.ctl ?? controller, chunk));
  }

  onResponseEnd(controller: Controller, trailers: IncomingHttpHeaders): void {
    this.enqueue(0, 0, () => this.next.onResponseEnd?.(this.ctl ?? controller, trailers));
  }

  onResponseError(controller: Controller, error: Error): void {
    this.closed = true;
    this.queue.length = 0;
    this.next.onResponseError?.(this.ctl ?? controller, error);
  }

  private enqueue(delayMs: number, bytes: number, deliver: () => void): void {
    if (this.closed) return;
    this.queue.push({ queuedAt: this.options.clock.now(), delayMs, bytes, deliver });
    this.queuedBytes += bytes;
    if (this.queuedBytes > READ_AHEAD_BYTES && !this.pausedByUs) {
      this.pausedByUs = true;
      this.upstream?.pause();
    }
    if (!this.pumping) void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      const { clock, downlink } = this.options;
      for (let item = this.queue.shift(); item && !this.closed; item = this.queue.shift()) {
        let at = Math.max(this.deliveredAt, item.queuedAt) + item.delayMs;
        if (at > clock.now()) await clock.sleep(at - clock.now());
        if (item.bytes > 0 && downlink) at = await downlink.take(item.bytes, at);
        this.deliveredAt = at;
        this.queuedBytes -= item.bytes;
        if (!this.closed) item.deliver();
        this.resumeIfRoom();
      }
    } catch (error) {
      this.closed = true;
      this.upstream?.abort(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.pumping = false;
    }
  }

  /** Resumes the socket we paused once the read-ahead has room, unless the consumer paused it too. */
  private resumeIfRoom(): void {
    if (this.ctl?.consumerPaused) return;
    if (this.pausedByUs && this.queuedBytes > READ_AHEAD_BYTES) return;
    this.pausedByUs = false;
    this.upstream?.resume();
  }
}

/** `dispatch => dispatch` interceptor adding RTT and bandwidth limits (see the module comment). */
export function linkEmulation(options: LinkEmulationOptions): Dispatcher.DispatcherComposeInterceptor {
  const halfRtt = (options.rttMs ?? 0) / 2;
  return (dispatch) => (opts, handler) => {
    const wrapped = new DelayedResponseHandler(handler, options);
    if (halfRtt <= 0 && !options.uplink) return dispatch(opts, wrapped);
    const bodyBytes = requestBodyBytes(opts.body);
    const { clock, uplink } = options;
    const overLink = async () => {
      const at = clock.now() + halfRtt;
      if (halfRtt > 0) await clock.sleep(halfRtt);
      await uplink?.take(requestHeaderBytes(opts, bodyBytes) + (bodyBytes ?? 0), at);
    };
    // An abort during the emulated delay dispatches at once, so that undici fails the request promptly.
    const given = (opts as { signal?: unknown }).signal;
    const signal = given instanceof AbortSignal ? given : null;
    let sent = false;
    const send = (error?: unknown) => {
      if (sent) return;
      sent = true;
      signal?.removeEventListener('abort', onAbort);
      try {
        if (error !== undefined) throw error;
        dispatch(opts, wrapped);
      } catch (e) {
        wrapped.onResponseError(detachedController, e instanceof Error ? e : new Error(String(e)));
      }
    };
    const onAbort = () => send();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) send();
    overLink().then(() => send(), (error: unknown) => send(error ?? new Error('link emulation failed')));
    return true;
  };
}

/** Stands in for a socket controller when a request fails before it was ever dispatched. */
const detachedController: Controller = {
  aborted: false, paused: false, reason: null,
  abort() {}, pause() {}, resume() {},
};
