// Byte sizes of HTTP/1.1 messages as undici writes and reads them, for accounting and link pacing.
// undici does not expose per-request socket byte counts, so header sizes are reconstructed:
// - request: mirrors undici's h1 writer (client-h1.js writeH1): request line, `host`, `connection`,
//   the caller's headers in order, `content-length`, blank line. Exact for string/Buffer bodies over
//   HTTP/1.1 keep-alive; not counted: a content-type undici adds for FormData/Blob bodies, chunked
//   framing of streamed bodies; `query` options are serialised with URLSearchParams (≈ undici's).
// - response: status line + the raw header lines as received + blank line. Exact for HTTP/1.1
//   (obsolete line folding and odd whitespace around ':' are normalised).
// Body sizes are payload bytes: request body as given, response body after de-chunking (chunk framing
// is not counted) and before any content decoding (undici does not decompress unless told to).
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

const PAYLOAD_METHODS = new Set(['PUT', 'POST', 'PATCH', 'QUERY', 'PROPFIND', 'PROPPATCH']);
const CRLF = 2;

/** Bytes of a request body, or null when the length is not known up front (streams, iterables). */
export function requestBodyBytes(body: Dispatcher.DispatchOptions['body']): number | null {
  if (body === null || body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body, 'utf8');
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (typeof Blob !== 'undefined' && body instanceof Blob) return body.size;
  return null;
}

function headerPairs(headers: Dispatcher.DispatchOptions['headers']): Array<[string, unknown]> {
  if (headers === null || headers === undefined) return [];
  if (Array.isArray(headers)) {
    const out: Array<[string, unknown]> = [];
    for (let i = 0; i + 1 < headers.length; i += 2) out.push([String(headers[i]), headers[i + 1]]);
    return out;
  }
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return [...(headers as Iterable<[string, unknown]>)].map(([k, v]) => [String(k), v]);
  }
  return Object.entries(headers as Record<string, unknown>);
}

function lineBytes(name: string, value: unknown): number {
  const values = Array.isArray(value) ? value : [value];
  let n = 0;
  for (const v of values) n += Buffer.byteLength(`${name}: ${v === null ? '' : String(v)}`, 'latin1') + CRLF;
  return n;
}

/** The request path as written on the request line (with `query` serialised). */
export function requestPath(opts: Dispatcher.DispatchOptions): string {
  if (!opts.query) return opts.path;
  const q = new URLSearchParams(opts.query as Record<string, string>).toString();
  return q ? `${opts.path}?${q}` : opts.path;
}

/** Bytes of the request head undici writes for these options (see the module comment). */
export function requestHeaderBytes(opts: Dispatcher.DispatchOptions, bodyBytes: number | null): number {
  const method = opts.method.toUpperCase();
  let n = Buffer.byteLength(`${opts.method} ${requestPath(opts)} HTTP/1.1`, 'latin1') + CRLF;
  let host: string | null = null;
  let close = opts.reset === true;
  for (const [key, value] of headerPairs(opts.headers)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (lower === 'host') host = String(value);
    else if (lower === 'connection') close ||= /(^|,)\s*close\s*(,|$)/i.test(String(value));
    else if (lower !== 'content-length') n += lineBytes(key, value);
  }
  if (host === null && opts.origin !== undefined) host = new URL(String(opts.origin)).host;
  if (host !== null) n += lineBytes('host', host);
  n += lineBytes('connection', close ? 'close' : 'keep-alive');
  if (bodyBytes !== null && (bodyBytes > 0 || PAYLOAD_METHODS.has(method))) n += lineBytes('content-length', bodyBytes);
  return n + CRLF;
}

/** Bytes of the response head: status line, raw header lines as received, blank line. */
export function responseHeaderBytes(
  statusCode: number,
  statusMessage: string | undefined,
  rawHeaders: ReadonlyArray<Buffer | string> | null | undefined,
  headers: IncomingHttpHeaders,
): number {
  let n = Buffer.byteLength(`HTTP/1.1 ${statusCode} ${statusMessage ?? ''}`, 'latin1') + CRLF;
  if (Array.isArray(rawHeaders)) {
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      n += byteLength(rawHeaders[i]!) + 2 + byteLength(rawHeaders[i + 1]!) + CRLF; // "name: value\r\n"
    }
  } else {
    for (const [key, value] of Object.entries(headers)) if (value !== undefined) n += lineBytes(key, value);
  }
  return n + CRLF;
}

function byteLength(part: Buffer | string): number {
  return typeof part === 'string' ? Buffer.byteLength(part, 'latin1') : part.length;
}
