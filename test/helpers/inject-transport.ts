// Test-only HttpTransport over fastify's app.inject(): no sockets, same request/response bytes.
import type { FastifyInstance } from 'fastify';
import { makeResponse, withQuery, type HttpRequest, type HttpResponse, type HttpTransport } from '../../harness/flows/transport.js';

export function createInjectTransport(app: FastifyInstance, options: { apiKey?: string; headers?: Record<string, string> } = {}): HttpTransport {
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      const headers: Record<string, string> = {
        ...(options.apiKey === undefined ? {} : { 'x-octopus-apikey': options.apiKey }),
        ...options.headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...req.headers,
      };
      const res = await app.inject({
        method: req.method as 'GET' | 'POST' | 'PUT' | 'DELETE',
        url: withQuery(req.path, req.query),
        headers,
        ...(body === undefined ? {} : { payload: body }),
      });
      return makeResponse(res.statusCode, res.headers as Record<string, string | string[] | undefined>, res.body, { headers, ...(body === undefined ? {} : { body }) });
    },
  };
}
