// The HTTP seam of the flows: one request → one response, body as text. Implementations: undici
// (harness/flows/undici-transport.ts, real sockets) and app.inject() (test/helpers/inject-transport.ts).
// Flows never build URLs from a base themselves: `path` is the server-relative path (query allowed).

export interface HttpRequest {
  method: string;
  /** Server-relative path, e.g. `/api/Spaces-1/projects?name=OctoPetShop` (may carry a query). */
  path: string;
  /** Extra query parameters, appended in insertion order. */
  query?: Record<string, string>;
  /** Serialized as JSON when present. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** JSON.parse of the body. */
  json<T>(): T;
  /** The request headers actually sent (transport defaults merged with the request's), for byte accounting. */
  sentHeaders?: Record<string, string>;
  /** The request body actually sent, for byte accounting. */
  sentBody?: string;
}

export interface HttpTransport {
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** `path` plus `query`, appended with `?` or `&`. */
export function withQuery(path: string, query: Record<string, string> | undefined): string {
  if (!query) return path;
  const entries = Object.entries(query);
  if (entries.length === 0) return path;
  const qs = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${path}${path.includes('?') ? '&' : '?'}${qs}`;
}

/** A response object over already-read parts. */
export function makeResponse(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  sent: { headers: Record<string, string>; body?: string },
): HttpResponse {
  return {
    status, headers, body,
    json: <T>() => JSON.parse(body) as T,
    sentHeaders: sent.headers,
    ...(sent.body === undefined ? {} : { sentBody: sent.body }),
  };
}
