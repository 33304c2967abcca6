// The flows' HTTP client: one method per call, each recorded with its route template (ids and names
// replaced by placeholders, e.g. `GET /api/{spaceId}/projects?name={name}`), status, and request and
// response bytes (bodies exact; headers approximated as HTTP/1.1 header blocks). Non-2xx statuses
// and unparsable JSON become FlowErrors that carry every call made so far.
import type { Clock } from '../core/clock.js';
import { FlowError } from './errors.js';
import { withQuery, type HttpResponse, type HttpTransport } from './transport.js';

export interface ByteCount {
  headers: number;
  body: number;
}

export interface CallRecord {
  method: string;
  /** Method and route with placeholders, e.g. `GET /api/{spaceId}/projects?name={name}`. */
  routeTemplate: string;
  /** The path actually requested. */
  path: string;
  status: number;
  requestBytes: ByteCount;
  responseBytes: ByteCount;
  /** clock.now() when the request started (only with a clock). */
  startedAt?: number;
  durationMs?: number;
}

export interface RecordingClientOptions {
  /** Headers sent with every call (e.g. the legacy client's User-Agent and Accept). */
  headers?: Record<string, string>;
  /** Times each call when given. */
  clock?: Clock;
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

function headerBlockBytes(firstLine: string, headers: Record<string, string | string[] | undefined>): number {
  let n = byteLength(firstLine) + 2;
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    for (const value of Array.isArray(v) ? v : [v]) n += byteLength(`${k}: ${value}`) + 2;
  }
  return n + 2;
}

export class RecordingClient {
  readonly calls: CallRecord[] = [];

  constructor(
    private readonly transport: HttpTransport,
    private readonly options: RecordingClientOptions = {},
  ) {}

  async get<T>(routeTemplate: string, path: string): Promise<T> {
    return this.send<T>('GET', routeTemplate, path, undefined, [200]);
  }

  async post<T>(routeTemplate: string, path: string, body: unknown, expected: readonly number[] = [201]): Promise<T> {
    return this.send<T>('POST', routeTemplate, path, body, expected);
  }

  private async send<T>(method: string, route: string, path: string, body: unknown, expected: readonly number[]): Promise<T> {
    const clock = this.options.clock;
    const startedAt = clock?.now();
    const res: HttpResponse = await this.transport.request({
      method, path, ...(body === undefined ? {} : { body }), ...(this.options.headers ? { headers: this.options.headers } : {}),
    });
    const sentBody = res.sentBody ?? (body === undefined ? '' : JSON.stringify(body));
    const sentHeaders: Record<string, string> = {
      ...(res.sentHeaders ?? this.options.headers ?? {}),
      ...(sentBody === '' ? {} : { 'content-length': String(byteLength(sentBody)) }),
    };
    const record: CallRecord = {
      method, routeTemplate: `${method} ${route}`, path, status: res.status,
      requestBytes: { headers: headerBlockBytes(`${method} ${withQuery(path, undefined)} HTTP/1.1`, sentHeaders), body: byteLength(sentBody) },
      responseBytes: { headers: headerBlockBytes(`HTTP/1.1 ${res.status}`, res.headers), body: byteLength(res.body) },
    };
    if (clock && startedAt !== undefined) {
      record.startedAt = startedAt;
      record.durationMs = clock.now() - startedAt;
    }
    this.calls.push(record);
    if (!expected.includes(res.status)) {
      throw new FlowError('OCTOBENCH_ERR_FLOW_HTTP_STATUS', `${method} ${path} answered ${res.status} (expected ${expected.join(' or ')}): ${errorText(res.body)}`, [...this.calls], res.status);
    }
    try {
      return res.json<T>();
    } catch {
      throw new FlowError('OCTOBENCH_ERR_FLOW_PROTOCOL', `${method} ${path} did not answer JSON`, [...this.calls], res.status);
    }
  }
}

/** The Octopus error body's ErrorMessage and Errors, else the start of the body. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { ErrorMessage?: unknown; Errors?: unknown };
    const errors = Array.isArray(parsed.Errors) ? parsed.Errors.map(String) : [];
    if (typeof parsed.ErrorMessage === 'string') return [parsed.ErrorMessage, ...errors].join(' ');
  } catch { /* not JSON */ }
  return body.slice(0, 200);
}
