// Shared by the Executions, tasks and auth integration tests: a server on a ManualClock (tasks only move
// when the test advances time), authenticated inject, the four commands with valid bodies in the default
// fixture (OctoPetShop with releases 1.0.0 and 1.0.1; Development/Test/Production; Tenant-A..C; runbook
// Restart), every URL alias of each command, and the exact Octopus error-body assertion.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { ManualClock } from '../../../harness/core/clock.js';
import { buildServer } from '../../../mock-server/app.js';
import { ERROR_CODE_HEADER, type ApiErrorCode } from '../../../mock-server/api/errors.js';

export const API_KEY = 'API-TESTKEY0000000000000000000000';
export const AUTH = { 'x-octopus-apikey': API_KEY } as const;
export const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' } as const;

export type TestServer = Awaited<ReturnType<typeof buildServer>>;

export async function testServer(options: { bodyLimit?: number; clock?: ManualClock } = {}): Promise<{ app: TestServer; clock: ManualClock }> {
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const app = await buildServer({ apiKey: API_KEY, clock, ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }) });
  return { app, clock };
}

export interface CommandCase {
  name: 'release' | 'untenanted' | 'tenanted' | 'runbookRun' | 'gitRunbookRun';
  path: string;
  /** What a valid body gets (the git runbook run: 400, the fixture has no version-controlled project). */
  status: 200 | 201 | 400;
  unprefixed: boolean;
  /** A valid PascalCase body. */
  valid: Record<string, unknown>;
  /** Errors for `{}`, in order. */
  requiredErrors: string[];
}

const SPACE = { SpaceId: 'Spaces-1', SpaceIdOrName: 'Default' };
const BASE_REQUIRED = ['spaceId is required', 'spaceIdOrName is required', 'projectName is required'];

export const COMMANDS: readonly CommandCase[] = [
  {
    name: 'release', path: '/releases/create/v1', status: 201, unprefixed: true,
    valid: { ...SPACE, ProjectName: 'OctoPetShop' },
    requiredErrors: BASE_REQUIRED,
  },
  {
    name: 'untenanted', path: '/deployments/create/untenanted/v1', status: 200, unprefixed: false,
    valid: { ...SPACE, ProjectName: 'OctoPetShop', ReleaseVersion: '1.0.1', EnvironmentNames: ['Development'] },
    requiredErrors: [...BASE_REQUIRED, 'releaseVersion is required', 'environmentNames is required'],
  },
  {
    name: 'tenanted', path: '/deployments/create/tenanted/v1', status: 200, unprefixed: false,
    valid: { ...SPACE, ProjectName: 'OctoPetShop', ReleaseVersion: '1.0.1', EnvironmentName: 'Development', Tenants: ['Tenant-A'] },
    requiredErrors: [...BASE_REQUIRED, 'releaseVersion is required', 'environmentName is required'],
  },
  {
    name: 'runbookRun', path: '/runbook-runs/create/v1', status: 200, unprefixed: true,
    valid: { ...SPACE, ProjectName: 'OctoPetShop', RunbookName: 'Restart', EnvironmentNames: ['Development'] },
    requiredErrors: [...BASE_REQUIRED, 'runbookName is required', 'environmentNames is required'],
  },
  {
    name: 'gitRunbookRun', path: '/runbook-runs/git/create/v1', status: 400, unprefixed: false,
    valid: { ...SPACE, ProjectName: 'OctoPetShop', RunbookName: 'Restart', EnvironmentNames: ['Development'], GitRef: 'main' },
    requiredErrors: [...BASE_REQUIRED, 'runbookName is required', 'environmentNames is required', 'gitRef is required'],
  },
];

/** Every URL of a command: `/api/Spaces-1…`, `/api/spaces/Spaces-1…` and, where served, `/api…`. */
export function urlsOf(command: CommandCase, spaceId = 'Spaces-1'): string[] {
  const urls = [`/api/${spaceId}${command.path}`, `/api/spaces/${spaceId}${command.path}`];
  if (command.unprefixed) urls.push(`/api${command.path}`);
  return urls;
}

export function post(app: TestServer, url: string, payload: unknown, headers: Record<string, string> = JSON_HEADERS): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, headers, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
}

export async function get(app: TestServer, url: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: AUTH });
}

/** The response is exactly the Octopus error body for this status/code/message (and never a 5xx). */
export function expectError(res: LightMyRequestResponse, status: number, code: ApiErrorCode, message: string, errors: string[] = [message]): void {
  expect(res.statusCode).toBeLessThan(500);
  expect({ status: res.statusCode, code: res.headers[ERROR_CODE_HEADER], body: res.json() }).toEqual({
    status,
    code,
    body: { ErrorMessage: message, Errors: errors, ParsedHelpLinks: [], HelpText: null, HelpLink: null, Details: null, FullException: null },
  });
}

export const VALIDATION_MESSAGE = 'There was a problem with your request.';
