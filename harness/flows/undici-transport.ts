// HttpTransport over undici: sends the API key as `X-Octopus-ApiKey` (as the Octopus clients do),
// JSON bodies with `Content-Type: application/json`, and reads the whole body as text. A dispatcher
// (e.g. harness/load's accounting + link-emulation stack) can be injected; default: undici's global one.
import { request, type Dispatcher } from 'undici';
import { makeResponse, withQuery, type HttpRequest, type HttpResponse, type HttpTransport } from './transport.js';

export interface UndiciTransportOptions {
  /** e.g. `http://127.0.0.1:8080` (a trailing slash or `/api` suffix is not expected). */
  baseUrl: string;
  apiKey: string;
  dispatcher?: Dispatcher;
  /** Headers sent with every request (a request's own headers win). */
  headers?: Record<string, string>;
}

export function createUndiciTransport(options: UndiciTransportOptions): HttpTransport {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      const headers: Record<string, string> = {
        'x-octopus-apikey': options.apiKey,
        ...lower(options.headers),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...lower(req.headers),
      };
      const res = await request(base + withQuery(req.path, req.query), {
        method: req.method as Dispatcher.HttpMethod,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
      });
      const text = await res.body.text();
      return makeResponse(res.statusCode, res.headers, text, { headers, ...(body === undefined ? {} : { body }) });
    },
  };
}

function lower(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}
