// API-key authentication: GET /api is anonymous, everything else under /api needs the key (header or
// Bearer), checked before routing and body parsing; paths outside /api are not guarded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyMatches, UNAUTHORIZED_MESSAGE } from '../../../mock-server/api/auth.js';
import { API_KEY, AUTH, expectError, testServer, type TestServer } from '../executions/helpers.js';

let app: TestServer;
beforeAll(async () => { ({ app } = await testServer()); });
afterAll(async () => { await app.close(); });

const status = async (method: 'GET' | 'HEAD' | 'POST', url: string, headers: Record<string, string> = {}) =>
  (await app.inject({ method, url, headers })).statusCode;

describe('auth', () => {
  it('serves the root document anonymously (GET and HEAD, with or without trailing slash or query)', async () => {
    expect(await status('GET', '/api')).toBe(200);
    expect(await status('GET', '/api/')).toBe(200);
    expect(await status('GET', '/api?x=1')).toBe(200);
    expect(await status('HEAD', '/api')).toBe(200);
  });

  it('answers 401 with the Octopus body for every other /api request without a valid key', async () => {
    for (const [method, url, headers] of [
      ['GET', '/api/tasks', {}],
      ['GET', '/API/Tasks', {}],
      ['GET', '//api/tasks', {}],
      ['GET', '/api/spaces', { 'x-octopus-apikey': '' }],
      ['GET', '/api/spaces', { 'x-octopus-apikey': `${API_KEY}x` }],
      ['GET', '/api/spaces', { authorization: API_KEY }],
      ['GET', '/api/spaces', { authorization: `Basic ${API_KEY}` }],
      ['POST', '/api', {}],
      ['GET', '/api/no/such/route', {}],
    ] as const) {
      const res = await app.inject({ method, url, headers });
      expectError(res, 401, 'OCTOBENCH_ERR_API_UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
    }
  });

  it('accepts the key as X-Octopus-ApiKey (any header case, padded) or as a Bearer token (any scheme case)', async () => {
    expect(await status('GET', '/api/spaces', AUTH)).toBe(200);
    expect(await status('GET', '/api/spaces', { 'X-OCTOPUS-APIKEY': ` ${API_KEY} ` })).toBe(200);
    expect(await status('GET', '/api/spaces', { authorization: `Bearer ${API_KEY}` })).toBe(200);
    expect(await status('GET', '/api/spaces', { authorization: `bearer   ${API_KEY}` })).toBe(200);
    expect(await status('GET', '/api/spaces', { authorization: 'Bearer wrong', 'x-octopus-apikey': API_KEY })).toBe(200);
  });

  it('leaves paths outside /api alone (they are 404s, not 401s)', async () => {
    const res = await app.inject({ method: 'GET', url: '/apix/tasks' });
    expectError(res, 404, 'OCTOBENCH_ERR_API_ROUTE_NOT_FOUND', 'The resource you requested was not found.', ['No route matches GET /apix/tasks.']);
  });

  it('compares keys in constant time over digests, so length differences are handled', () => {
    expect(apiKeyMatches(API_KEY, API_KEY)).toBe(true);
    expect(apiKeyMatches('API-SHORT', API_KEY)).toBe(false);
    expect(apiKeyMatches(`${API_KEY}${'x'.repeat(10_000)}`, API_KEY)).toBe(false);
  });
});
