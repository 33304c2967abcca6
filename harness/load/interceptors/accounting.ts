// Accounting interceptor: one record per request — method, path, status, request/response header and
// body bytes (counted apart; see wire-size.ts for how exact each is) and Clock timestamps — handed to
// a sink. Composed outermost, so its times include any emulated link delay.
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Clock } from '../../core/clock.js';
import { requestBodyBytes, requestHeaderBytes, requestPath, responseHeaderBytes } from './wire-size.js';

export interface RequestRecord {
  method: string;
  origin: string;
  path: string;
  /** Final status, or null when no response head arrived. */
  status: number | null;
  requestHeaderBytes: number;
  /** null when the body length was not known (a stream). */
  requestBodyBytes: number | null;
  responseHeaderBytes: number;
  responseBodyBytes: number;
  startedAt: number;
  /** When the response head arrived (time to first byte), or null. */
  responseStartedAt: number | null;
  endedAt: number;
  outcome: 'ok' | 'error' | 'upgrade';
  /** The error's code (e.g. UND_ERR_SOCKET) or name, when outcome is 'error'. */
  error?: string;
}

export type RecordSink = (record: RequestRecord) => void;

class AccountingHandler implements Dispatcher.DispatchHandler {
  constructor(
    private readonly next: Dispatcher.DispatchHandler,
    private readonly clock: Clock,
    private readonly sink: RecordSink,
    private readonly record: RequestRecord,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.next.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, socket: Duplex): void {
    this.head(controller, statusCode, undefined, headers);
    this.finish('upgrade');
    this.next.onRequestUpgrade?.(controller, statusCode, headers, socket);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    this.head(controller, statusCode, statusMessage, headers);
    this.next.onResponseStart?.(controller, statusCode, headers, statusMessage);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.record.responseBodyBytes += chunk.length;
    this.next.onResponseData?.(controller, chunk);
  }

  onResponseEnd(controller: Dispatcher.DispatchController, trailers: IncomingHttpHeaders): void {
    this.finish('ok');
    this.next.onResponseEnd?.(controller, trailers);
  }

  onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    this.finish('error', error);
    this.next.onResponseError?.(controller, error);
  }

  private head(controller: Dispatcher.DispatchController, statusCode: number, statusMessage: string | undefined, headers: IncomingHttpHeaders): void {
    const raw = Array.isArray(controller.rawHeaders) ? (controller.rawHeaders as Array<Buffer | string>) : null;
    this.record.status = statusCode;
    this.record.responseHeaderBytes = responseHeaderBytes(statusCode, statusMessage, raw, headers);
    this.record.responseStartedAt = this.clock.now();
  }

  private finish(outcome: RequestRecord['outcome'], error?: Error): void {
    this.record.endedAt = this.clock.now();
    this.record.outcome = outcome;
    if (error) {
      const code = (error as Error & { code?: unknown }).code;
      this.record.error = typeof code === 'string' ? code : error.name;
    }
    // A sink that throws must not break the request it describes.
    try {
      this.sink(this.record);
    } catch {
      /* ignored on purpose */
    }
  }
}

/** `dispatch => dispatch` interceptor reporting a RequestRecord per request to `sink`. */
export function accounting(clock: Clock, sink: RecordSink): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) => {
    const bodyBytes = requestBodyBytes(opts.body);
    const now = clock.now();
    const record: RequestRecord = {
      method: opts.method, origin: String(opts.origin ?? ''), path: requestPath(opts), status: null,
      requestHeaderBytes: requestHeaderBytes(opts, bodyBytes), requestBodyBytes: bodyBytes,
      responseHeaderBytes: 0, responseBodyBytes: 0, startedAt: now, responseStartedAt: null, endedAt: now, outcome: 'ok',
    };
    return dispatch(opts, new AccountingHandler(handler, clock, sink, record));
  };
}
