// Hostile input against every Executions route and every URL alias: broken and non-object bodies, wrong
// types for every field (all reported at once), missing fields, oversized and deeply nested bodies,
// prototype keys, long strings, unknown names and spaces, bad API keys. Every answer is the documented
// status with an exact Octopus error body and code header, never a 5xx, and the server keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH, COMMANDS, JSON_HEADERS, VALIDATION_MESSAGE, expectError, get, post, testServer, urlsOf, type CommandCase, type TestServer,
} from './helpers.js';

type Kind = 'string' | 'boolean' | 'array' | 'map' | 'date';
const WRONG: Record<Kind, { value: unknown; message: string }> = {
  string: { value: 7, message: 'must be a string' },
  boolean: { value: 'yes', message: 'must be a boolean' },
  array: { value: 'x', message: 'must be an array of strings' },
  map: { value: ['a'], message: 'must be an object whose values are strings' },
  date: { value: 'tomorrow', message: 'must be an ISO 8601 date-time string' },
};

const SPACE_FIELDS: [string, Kind][] = [['SpaceId', 'string'], ['SpaceIdOrName', 'string'], ['ProjectName', 'string']];
const BASE_FIELDS: [string, Kind][] = [
  ...SPACE_FIELDS, ['ForcePackageDownload', 'boolean'], ['SpecificMachineNames', 'array'], ['ExcludedMachineNames', 'array'],
  ['SpecificTargetTagNames', 'array'], ['ExcludedTargetTagNames', 'array'], ['SkipStepNames', 'array'], ['UseGuidedFailure', 'boolean'],
  ['RunAt', 'date'], ['NoRunAfter', 'date'], ['Variables', 'map'], ['Priority', 'string'], ['DebugMode', 'string'],
  ['DeploymentFreezeNames', 'array'], ['DeploymentFreezeOverrideReason', 'string'],
];
/** Every field of each command, in binding order. */
const FIELDS: Record<CommandCase['name'], [string, Kind][]> = {
  release: [
    ...SPACE_FIELDS, ['ReleaseVersion', 'string'], ['ChannelName', 'string'], ['PackageVersion', 'string'], ['Packages', 'array'],
    ['GitResources', 'array'], ['GitRef', 'string'], ['GitCommit', 'string'], ['ReleaseNotes', 'string'], ['IgnoreIfAlreadyExists', 'boolean'],
    ['IgnoreChannelRules', 'boolean'], ['PackagePrerelease', 'string'], ['CustomFields', 'map'],
  ],
  untenanted: [...BASE_FIELDS, ['ReleaseVersion', 'string'], ['EnvironmentNames', 'array'], ['ForcePackageRedeployment', 'boolean'], ['UpdateVariableSnapshot', 'boolean']],
  tenanted: [
    ...BASE_FIELDS, ['ReleaseVersion', 'string'], ['EnvironmentName', 'string'], ['Tenants', 'array'], ['TenantTags', 'array'],
    ['ForcePackageRedeployment', 'boolean'], ['UpdateVariableSnapshot', 'boolean'],
  ],
  runbookRun: [...BASE_FIELDS, ['RunbookName', 'string'], ['EnvironmentNames', 'array'], ['Tenants', 'array'], ['TenantTags', 'array'], ['Snapshot', 'string']],
  gitRunbookRun: [
    ...BASE_FIELDS, ['RunbookName', 'string'], ['EnvironmentNames', 'array'], ['Tenants', 'array'], ['TenantTags', 'array'], ['Snapshot', 'string'],
    ['GitRef', 'string'],
  ],
};

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const notFoundMessage = (what: string, name: string) => `The resource '${name}' (${what}) was not found.`;

let app: TestServer;
beforeAll(async () => { ({ app } = await testServer()); });
afterAll(async () => {
  // After everything below, the server still answers.
  const root = await app.inject({ method: 'GET', url: '/api' });
  expect(root.statusCode).toBe(200);
  await app.close();
});

describe.each(COMMANDS.flatMap((c) => urlsOf(c).map((url) => ({ c, url }))))('$c.name at $url', ({ c, url }) => {
  it('rejects bodies that are not JSON objects', async () => {
    const malformed = (res: Awaited<ReturnType<typeof post>>, message: string) => expectError(res, 400, 'OCTOBENCH_ERR_API_MALFORMED_BODY', message);
    malformed(await post(app, url, 'hello'), 'The request body is not valid JSON.');
    malformed(await post(app, url, '{"ProjectName":'), 'The request body is not valid JSON.');
    malformed(await post(app, url, '[]'), 'The request body must be a JSON object, not an array.');
    malformed(await post(app, url, '42'), 'The request body must be a JSON object, not a number.');
    malformed(await post(app, url, '"text"'), 'The request body must be a JSON object, not a string.');
    malformed(await post(app, url, 'null'), 'The request body must be a JSON object, not null.');
    malformed(await post(app, url, ''), 'The request body is empty; a JSON object is required.');
    malformed(await app.inject({ method: 'POST', url, headers: AUTH }), 'The request body is empty; a JSON object is required.');
  });

  it('rejects content types other than JSON with 415, and accepts JSON with a charset or without a content type', async () => {
    const unsupported = 'The request content type is not supported; send application/json.';
    expectError(await post(app, url, JSON.stringify(c.valid), { ...AUTH, 'content-type': 'text/plain' }), 415, 'OCTOBENCH_ERR_API_UNSUPPORTED_MEDIA_TYPE', unsupported);
    expectError(await post(app, url, '<xml/>', { ...AUTH, 'content-type': 'application/xml' }), 415, 'OCTOBENCH_ERR_API_UNSUPPORTED_MEDIA_TYPE', unsupported);
    expect((await post(app, url, c.valid, { ...AUTH, 'content-type': 'application/json; charset=utf-8' })).statusCode).toBe(c.status);
    expect((await post(app, url, c.valid, { ...AUTH })).statusCode).toBe(c.status);
  });

  it('reports every missing required field at once', async () => {
    expectError(await post(app, url, {}), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, c.requiredErrors);
    // Unknown keys (the TS client's spaceName) are ignored, not reported.
    expectError(await post(app, url, { spaceName: 'Default', Whatever: [1] }), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, c.requiredErrors);
  });

  it('reports a wrong type for every field at once, in field order', async () => {
    const fields = FIELDS[c.name];
    const body = Object.fromEntries(fields.map(([name, kind]) => [name, WRONG[kind].value]));
    const errors = fields.map(([name, kind]) => `${camel(name)} ${WRONG[kind].message}`);
    expectError(await post(app, url, body), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, errors);
  });

  it('rejects arrays with non-string entries, empty required strings and a key given twice in two casings', async () => {
    const body = { ...c.valid, ProjectName: '  ', projectname: 'OctoPetShop', SkipStepNames: ['a', 5] };
    const releaseErrors = ["projectName is given more than once ('ProjectName', 'projectname')"];
    const errors = c.name === 'release' ? releaseErrors : [...releaseErrors, 'skipStepNames must be an array of strings'];
    expectError(await post(app, url, body), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, errors);
    expectError(await post(app, url, { ...c.valid, ProjectName: '' }), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, ['projectName must not be empty']);
  });

  it('rejects very long names and accepts nothing nested deeper than 64 levels', async () => {
    expectError(await post(app, url, { ...c.valid, ProjectName: 'x'.repeat(100_000) }), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE,
      ['projectName must be at most 1024 characters']);
    const deep = 'The request body is nested deeper than 64 levels.';
    expectError(await post(app, url, '['.repeat(100_000)), 400, 'OCTOBENCH_ERR_API_MALFORMED_BODY', deep);
    expectError(await post(app, url, '{"a":'.repeat(100_000)), 400, 'OCTOBENCH_ERR_API_MALFORMED_BODY', deep);
    const nested = (levels: number) => JSON.stringify(c.valid).replace(/}$/, `,"Extra":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`);
    expect((await post(app, url, nested(64))).statusCode).toBe(c.status);
    expectError(await post(app, url, nested(65)), 400, 'OCTOBENCH_ERR_API_MALFORMED_BODY', deep);
    // Brackets inside strings do not count.
    expect((await post(app, url, { ...c.valid, Extra: '['.repeat(1000) })).statusCode).toBe(c.status);
  });

  it('drops __proto__ and constructor.prototype keys: they neither bind nor pollute', async () => {
    const valid = JSON.stringify(c.valid);
    const poisoned = valid.replace(/^{/, '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},');
    expect((await post(app, url, poisoned)).statusCode).toBe(c.status);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const viaProto = JSON.stringify({ ...c.valid, ProjectName: undefined }).replace(/^{/, '{"__proto__":{"ProjectName":"OctoPetShop"},');
    expectError(await post(app, url, viaProto), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE, ['projectName is required']);
  });

  it('answers 404 naming an unknown project', async () => {
    expectError(await post(app, url, { ...c.valid, ProjectName: 'No Such Project' }), 404, 'OCTOBENCH_ERR_API_NOT_FOUND', notFoundMessage('Project', 'No Such Project'));
  });

  it('answers 404 naming an unknown space, and 400 when the body names another space', async () => {
    const unknownSpace = url.includes('Spaces-1') ? url.replace('Spaces-1', 'Spaces-99') : url;
    expectError(await post(app, unknownSpace, { ...c.valid, SpaceId: 'Spaces-99' }), 404, 'OCTOBENCH_ERR_API_NOT_FOUND', notFoundMessage('Space', 'Spaces-99'));
    if (url.includes('Spaces-1')) {
      // The URL needs a space *id*; a name is not found, even with a valid body.
      expectError(await post(app, url.replace('Spaces-1', 'Default'), c.valid), 404, 'OCTOBENCH_ERR_API_NOT_FOUND', notFoundMessage('Space', 'Default'));
      expectError(await post(app, url, { ...c.valid, SpaceId: 'Spaces-2' }), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE,
        ["spaceId 'Spaces-2' does not match the space in the URL ('Spaces-1')"]);
    }
    expectError(await post(app, url, { ...c.valid, SpaceIdOrName: 'Elsewhere' }), 400, 'OCTOBENCH_ERR_API_VALIDATION', VALIDATION_MESSAGE,
      ["spaceIdOrName 'Elsewhere' names neither Spaces-1 nor 'Default'"]);
  });

  it('requires the API key (401) and accepts it as a Bearer token', async () => {
    const unauthorized = 'You must be logged in to perform this action. Please provide a valid API key or log in again.';
    const body = JSON.stringify(c.valid);
    expectError(await post(app, url, body, { 'content-type': 'application/json' }), 401, 'OCTOBENCH_ERR_API_UNAUTHORIZED', unauthorized);
    expectError(await post(app, url, body, { 'content-type': 'application/json', 'x-octopus-apikey': 'API-WRONG' }), 401, 'OCTOBENCH_ERR_API_UNAUTHORIZED', unauthorized);
    expectError(await post(app, url, body, { 'content-type': 'application/json', authorization: 'Bearer API-WRONG' }), 401, 'OCTOBENCH_ERR_API_UNAUTHORIZED', unauthorized);
    expectError(await post(app, url, body, { 'content-type': 'application/json', authorization: `Basic ${JSON_HEADERS['x-octopus-apikey']}` }), 401, 'OCTOBENCH_ERR_API_UNAUTHORIZED', unauthorized);
    // Unauthenticated garbage is a 401 too: auth runs before the body is parsed.
    expectError(await post(app, url, '['.repeat(100_000), { 'content-type': 'application/json' }), 401, 'OCTOBENCH_ERR_API_UNAUTHORIZED', unauthorized);
    const bearer = await post(app, url, body, { 'content-type': 'application/json', authorization: `Bearer ${JSON_HEADERS['x-octopus-apikey']}` });
    expect(bearer.statusCode).toBe(c.status);
  });
});

describe('names that do not exist are 404s naming them', () => {
  const [release, untenanted, tenanted, runbookRun] = COMMANDS as [CommandCase, CommandCase, CommandCase, CommandCase];
  const url = (c: CommandCase) => `/api/Spaces-1${c.path}`;
  const cases: [string, CommandCase, Record<string, unknown>, string, string][] = [
    ['channel', release, { ChannelName: 'No Such Channel' }, 'Channel', 'No Such Channel'],
    ['release version (untenanted)', untenanted, { ReleaseVersion: '9.9.9' }, 'Release', '9.9.9'],
    ['release version (tenanted)', tenanted, { ReleaseVersion: '9.9.9' }, 'Release', '9.9.9'],
    ['environment (untenanted, second of two)', untenanted, { EnvironmentNames: ['Development', 'Nowhere'] }, 'Environment', 'Nowhere'],
    ['environment (tenanted)', tenanted, { EnvironmentName: 'Nowhere' }, 'Environment', 'Nowhere'],
    ['environment (runbook run)', runbookRun, { EnvironmentNames: ['Nowhere'] }, 'Environment', 'Nowhere'],
    ['tenant', tenanted, { Tenants: ['Tenant-A', 'Tenant-Z'] }, 'Tenant', 'Tenant-Z'],
    ['tenant (runbook run)', runbookRun, { Tenants: ['Tenant-Z'] }, 'Tenant', 'Tenant-Z'],
    ['runbook', runbookRun, { RunbookName: 'No Such Runbook' }, 'Runbook', 'No Such Runbook'],
    ['runbook snapshot', runbookRun, { Snapshot: 'No Such Snapshot' }, 'Runbook snapshot', 'No Such Snapshot'],
    ['specific machine', untenanted, { SpecificMachineNames: ['ghost-01'] }, 'Machine', 'ghost-01'],
    ['excluded machine', runbookRun, { ExcludedMachineNames: ['ghost-02'] }, 'Machine', 'ghost-02'],
  ];
  it.each(cases)('%s', async (_label, c, override, what, name) => {
    const before = (await get(app, '/api/tasks?take=0')).json().TotalResults as number;
    expectError(await post(app, url(c), { ...c.valid, ...override }), 404, 'OCTOBENCH_ERR_API_NOT_FOUND', notFoundMessage(what, name));
    // Nothing was created: names are resolved before any deployment or run.
    expect((await get(app, '/api/tasks?take=0')).json().TotalResults).toBe(before);
  });
});

describe('oversized bodies', () => {
  it('answers 413 on every command when the body exceeds bodyLimit', async () => {
    const { app: small } = await testServer({ bodyLimit: 1024 });
    for (const c of COMMANDS) {
      for (const url of urlsOf(c)) {
        const res = await post(small, url, { ...c.valid, ReleaseNotes: 'n'.repeat(2000) });
        expectError(res, 413, 'OCTOBENCH_ERR_API_BODY_TOO_LARGE', 'The request body is larger than the server accepts.');
      }
    }
    expect((await small.inject({ method: 'GET', url: '/api' })).statusCode).toBe(200);
    await small.close();
  });
});
