// API-key authentication for the reference server. Every /api route requires the key, either as
// `X-Octopus-ApiKey: <key>` or as `Authorization: Bearer <key>`; the only exception is the root
// document `GET /api` (and `GET /api/`), which Octopus serves anonymously and every client fetches first.
// Installed on the root instance as an onRequest hook, so it runs before body parsing and routing:
// an unauthenticated request never reaches a parser, a handler, or the 404 handler.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PluginOptions } from '../context.js';
import { ApiError } from './errors.js';

/** Octopus' own wording for a request without a (valid) key. */
export const UNAUTHORIZED_MESSAGE =
  'You must be logged in to perform this action. Please provide a valid API key or log in again.';

const API_KEY_HEADER = 'x-octopus-apikey';
const BEARER_PREFIX = /^bearer\s+/i;

/** The request path without query string, lower-cased, with repeated leading slashes collapsed. */
function normalisedPath(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  return path.toLowerCase().replace(/^\/+/, '/');
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function isAnonymous(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && (path === '/api' || path === '/api/');
}

/** The keys the request offers (a header may repeat; Node joins duplicates with ", " or gives arrays). */
function offeredKeys(request: FastifyRequest): string[] {
  const keys: string[] = [];
  const apiKey = request.headers[API_KEY_HEADER];
  if (typeof apiKey === 'string') keys.push(apiKey.trim());
  else if (Array.isArray(apiKey)) keys.push(...apiKey.map((k) => k.trim()));
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && BEARER_PREFIX.test(authorization)) {
    keys.push(authorization.replace(BEARER_PREFIX, '').trim());
  }
  return keys.filter((k) => k.length > 0);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison: both sides are hashed to equal-length digests first. */
export function apiKeyMatches(offered: string, expected: string): boolean {
  return timingSafeEqual(digest(offered), digest(expected));
}

export async function authPlugin(app: FastifyInstance, opts: PluginOptions): Promise<void> {
  const expected = opts.ctx.apiKey;
  app.addHook('onRequest', async (request) => {
    const path = normalisedPath(request.url);
    if (!isApiPath(path) || isAnonymous(request.method, path)) return;
    const keys = offeredKeys(request);
    // Check every offered key so the time spent does not depend on which one matched.
    let ok = false;
    for (const key of keys) ok = apiKeyMatches(key, expected) || ok;
    if (!ok) throw new ApiError('OCTOBENCH_ERR_API_UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
  });
}
