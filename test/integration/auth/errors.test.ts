// The global error handling: unknown routes, indented Octopus bodies, Fastify's own errors mapped to
// codes, the JSON depth check, `frameworkErrors` for errors raised before routing, and the 500 path
// for genuine bugs (exercised on a bare Fastify instance, since the real server must never reach it).
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandlerPlugin, frameworkErrors, jsonNestingExceeds, MAX_JSON_DEPTH, toApiError } from '../../../mock-server/api/error-handler.js';
import { ApiError, ERROR_CODE_HEADER } from '../../../mock-server/api/errors.js';
import type { ServerContext } from '../../../mock-server/context.js';
import { AUTH, expectError, testServer, type TestServer } from '../executions/helpers.js';

let app: TestServer;
beforeAll(async () => { ({ app } = await testServer()); });
afterAll(async () => { await app.close(); });

describe('error handling on the reference server', () => {
  it('answers unknown routes with 404 ROUTE_NOT_FOUND as indented JSON', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/Spaces-1/nothing?x=1', headers: AUTH });
    expectError(res, 404, 'OCTOBENCH_ERR_API_ROUTE_NOT_FOUND', 'The resource you requested was not found.', ['No route matches DELETE /api/Spaces-1/nothing.']);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body.startsWith('{\n  "ErrorMessage": ')).toBe(true);
  });

  it('answers unknown routes with 404 whatever their body or content type', async () => {
    for (const [contentType, payload] of [['application/json', '{bad'], ['text/plain', 'hello'], ['application/json', '['.repeat(100_000)]]) {
      const res = await app.inject({ method: 'POST', url: '/api/nothing', headers: { ...AUTH, 'content-type': contentType! }, payload });
      expectError(res, 404, 'OCTOBENCH_ERR_API_ROUTE_NOT_FOUND', 'The resource you requested was not found.', ['No route matches POST /api/nothing.']);
    }
  });

  it('indents error bodies from hooks and handlers alike', async () => {
    const unauthorized = await app.inject({ method: 'GET', url: '/api/tasks' });
    const notFound = await app.inject({ method: 'GET', url: '/api/tasks/ServerTasks-1', headers: AUTH });
    expect(unauthorized.body.startsWith('{\n  "ErrorMessage": ')).toBe(true);
    expect(notFound.body.startsWith('{\n  "ErrorMessage": ')).toBe(true);
  });

  it('maps a Content-Length that does not match the body to 400 BAD_REQUEST', async () => {
    const res = await app.inject({
      method: 'POST', url: '/api/Spaces-1/releases/create/v1', payload: '{}',
      headers: { ...AUTH, 'content-type': 'application/json', 'content-length': '10' },
    });
    expectError(res, 400, 'OCTOBENCH_ERR_API_BAD_REQUEST', 'The request body length does not match Content-Length.');
  });
});

describe('error-handler building blocks', () => {
  it('counts nesting outside strings only, with escapes', () => {
    expect(jsonNestingExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonNestingExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonNestingExceeds('{"a":"[[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonNestingExceeds(`{"a":${'['.repeat(MAX_JSON_DEPTH)}`, MAX_JSON_DEPTH)).toBe(true);
  });

  it('turns unknown throws into 500 INTERNAL and keeps ApiErrors as they are', () => {
    const internal = toApiError(new TypeError('boom'));
    expect({ code: internal.code, status: internal.statusCode, errors: internal.errors })
      .toEqual({ code: 'OCTOBENCH_ERR_API_INTERNAL', status: 500, errors: ['TypeError: boom'] });
    const own = new ApiError('OCTOBENCH_ERR_API_CONFLICT', 'exists');
    expect(toApiError(own)).toBe(own);
  });

  it('on a bare Fastify instance: a throwing route is a 500 Octopus body; frameworkErrors gives bad URLs an Octopus body', async () => {
    const bare = Fastify({ frameworkErrors });
    await errorHandlerPlugin(bare, { ctx: {} as ServerContext });
    bare.get('/api/boom', async () => { throw new RangeError('Maximum call stack size exceeded'); });
    bare.get('/api/items/:id', async () => ({}));
    const boom = await bare.inject({ method: 'GET', url: '/api/boom' });
    expect({ status: boom.statusCode, code: boom.headers[ERROR_CODE_HEADER], message: boom.json().ErrorMessage, errors: boom.json().Errors }).toEqual({
      status: 500, code: 'OCTOBENCH_ERR_API_INTERNAL', message: 'An unexpected error occurred in the reference server.',
      errors: ['RangeError: Maximum call stack size exceeded'],
    });
    expectError(await bare.inject({ method: 'GET', url: '/api/items/%zz' }), 400, 'OCTOBENCH_ERR_API_BAD_REQUEST',
      'The request URL is not valid (bad percent-encoding).');
    expectError(await bare.inject({ method: 'GET', url: `/api/items/${'x'.repeat(200)}` }), 414, 'OCTOBENCH_ERR_API_URI_TOO_LONG',
      'A path segment of the request URL is too long.');
    await bare.close();
  });
});
