// Global error handling and request-body parsing for the reference server. Every failure leaves the
// server as an Octopus error body (ErrorMessage, Errors[]) with its stable code in the
// `x-octobench-error-code` header: our ApiErrors as they are, Fastify's own errors mapped to codes,
// unknown routes as 404 ROUTE_NOT_FOUND, and anything else as 500 INTERNAL (a bug; tests prove that
// hostile input never gets there).
//
// JSON bodies: Fastify's default parser (secure-json-parse) is kept, but with prototype-poisoning
// keys *removed* rather than rejected, as Octopus (Json.NET) ignores unknown keys such as `__proto__`.
// Before parsing, the nesting depth is checked against Json.NET's default MaxDepth (64), so 100,000
// levels of `[` are a 400 and never a stack overflow. `application/json` with any charset is JSON; a
// body without a content type is parsed as JSON too (curl without -H); any other type is a 415.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PluginOptions } from '../context.js';
import { ApiError, ERROR_CODE_HEADER, type ApiErrorCode } from './errors.js';

/** Json.NET's default MaxDepth; deeper bodies are rejected before JSON.parse sees them. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays/objects in a JSON text, stopping early once it exceeds `limit`. */
export function jsonNestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const FASTIFY_CODES: Readonly<Record<string, { code: ApiErrorCode; message: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'OCTOBENCH_ERR_API_BODY_TOO_LARGE', message: 'The request body is larger than the server accepts.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'OCTOBENCH_ERR_API_MALFORMED_BODY', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'OCTOBENCH_ERR_API_MALFORMED_BODY', message: 'The request body is empty; a JSON object is required.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'OCTOBENCH_ERR_API_UNSUPPORTED_MEDIA_TYPE', message: 'The request content type is not supported; send application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'OCTOBENCH_ERR_API_BAD_REQUEST', message: 'The request body length does not match Content-Length.' },
  FST_ERR_BAD_URL: { code: 'OCTOBENCH_ERR_API_BAD_REQUEST', message: 'The request URL is not valid (bad percent-encoding).' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'OCTOBENCH_ERR_API_URI_TOO_LONG', message: 'A path segment of the request URL is too long.' },
};

/** Turns anything thrown while serving a request into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const fe = error as Partial<FastifyError> | null;
  const known = typeof fe?.code === 'string' ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return new ApiError(known.code, known.message);
  if (fe?.code === 'FST_ERR_VALIDATION' || Array.isArray(fe?.validation)) {
    return new ApiError('OCTOBENCH_ERR_API_VALIDATION', 'There was a problem with your request.', [String(fe?.message)]);
  }
  // Other client errors Fastify raises while reading the request (aborted stream, bad header).
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new ApiError('OCTOBENCH_ERR_API_BAD_REQUEST', 'The request could not be read.', [String(fe.message)]);
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ApiError('OCTOBENCH_ERR_API_INTERNAL', 'An unexpected error occurred in the reference server.', [detail]);
}

/** Sends the error as indented JSON (serialised here: the 404 and hook paths bypass the route serializer). */
export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply
    .code(error.statusCode)
    .header(ERROR_CODE_HEADER, error.code)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(error.body(), null, 2));
}

/** For Fastify's `frameworkErrors` option: errors raised before routing (bad URL, long parameter). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void sendApiError(reply, toApiError(error));
}

function installJsonParsers(app: FastifyInstance): void {
  const secureParse = app.getDefaultJsonParser('remove', 'remove');
  const parseJson = (request: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void): void => {
    // An unknown route is a 404 whatever its body holds; its body is never looked at.
    if (request.is404) {
      done(null, undefined);
      return;
    }
    if (jsonNestingExceeds(body, MAX_JSON_DEPTH)) {
      done(new ApiError('OCTOBENCH_ERR_API_MALFORMED_BODY', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`));
      return;
    }
    secureParse(request, body, done);
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
  // The catch-all parser sees bodies without a content type (parsed as JSON) and unknown types (415).
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    if (request.headers['content-type'] === undefined || request.is404) parseJson(request, body as string, done);
    else done(new ApiError('OCTOBENCH_ERR_API_UNSUPPORTED_MEDIA_TYPE', FASTIFY_CODES['FST_ERR_CTP_INVALID_MEDIA_TYPE']!.message));
  });
}

export async function errorHandlerPlugin(app: FastifyInstance, _opts: PluginOptions): Promise<void> {
  installJsonParsers(app);
  app.setErrorHandler((error, _request, reply) => sendApiError(reply, toApiError(error)));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '';
    return sendApiError(reply, new ApiError('OCTOBENCH_ERR_API_ROUTE_NOT_FOUND', 'The resource you requested was not found.', [`No route matches ${request.method} ${path}.`]));
  });
}
