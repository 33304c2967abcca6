// The legacy REST API itself: root document, collections and paging over HTTP, every Links.Self
// resolving, and POST validation (all problems at once, never a 5xx).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../mock-server/app.js';
import { ManualClock } from '../../../harness/core/clock.js';
import { collection } from '../../../mock-server/api/collection.js';

type App = Awaited<ReturnType<typeof buildServer>>;
const headers = { 'x-octopus-apikey': 'API-TEST' };

async function getJson(app: App, url: string): Promise<{ status: number; body: any; bytes: number }> {
  const res = await app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, body: JSON.parse(res.body), bytes: Buffer.byteLength(res.body) };
}

async function post(app: App, url: string, payload: unknown, contentType = 'application/json') {
  const res = await app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

describe('collection()', () => {
  const opts = (skip: number, take: number) => ({ itemType: 'Thing', path: '/api/x', template: '/api/x{?skip,take}', paging: { skip, take }, filters: { name: 'a b', ids: undefined } });

  it('emits Page.Next only while another page exists', () => {
    const first = collection([1, 2, 3, 4, 5], opts(0, 2), (n) => n * 10);
    expect(first).toEqual({
      ItemType: 'Thing', TotalResults: 5, ItemsPerPage: 2, NumberOfPages: 3, LastPageNumber: 2, Items: [10, 20],
      Links: {
        Self: '/api/x?name=a%20b&skip=0&take=2', Template: '/api/x{?skip,take}', 'Page.All': '/api/x?name=a%20b&skip=0&take=2147483647',
        'Page.Current': '/api/x?name=a%20b&skip=0&take=2', 'Page.Last': '/api/x?name=a%20b&skip=4&take=2', 'Page.Next': '/api/x?name=a%20b&skip=2&take=2',
      },
    });
    expect(collection([1, 2, 3, 4, 5], opts(4, 2), (n) => n).Links['Page.Next']).toBeUndefined();
    expect(collection([1, 2, 3, 4], opts(2, 2), (n) => n).Links['Page.Next']).toBeUndefined();
    expect(collection([], opts(0, 30), (n) => n)).toMatchObject({ TotalResults: 0, NumberOfPages: 0, LastPageNumber: -1, Items: [] });
  });
});

describe('legacy REST API', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildServer({ apiKey: 'API-TEST', clock: new ManualClock(Date.UTC(2026, 0, 2)), seed: 5 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves a realistic root document', async () => {
    const root = await getJson(app, '/api');
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({ Application: 'Octopus Deploy', Version: '2024.3.12899', ApiVersion: '3.0.0', IsEarlyAccessProgram: false, HasLongTermSupport: true });
    expect(root.body.InstallationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Object.keys(root.body.Links)).toHaveLength(147);
    expect(root.body.Links).toMatchObject({
      Self: '/api', CurrentUser: '/api/users/me', SpaceHome: '/api/{spaceId}', Spaces: '/api/spaces{/id}{?skip,ids,take,partialName}',
      Projects: '/api/Spaces-1/projects{/id}{?name,skip,ids,clone,take,partialName,clonedFromProjectId}', Web: '/app',
    });
    expect(root.bytes).toBeGreaterThan(10_000);
    expect(root.bytes).toBeLessThan(13_000);
    const other = await buildServer({ apiKey: 'K', seed: 6 });
    const otherRoot = JSON.parse((await other.inject({ method: 'GET', url: '/api' })).body);
    await other.close();
    expect(otherRoot.InstallationId).not.toBe(root.body.InstallationId);
  });

  it('answers the TS client space lookup and pages projects with Page.Next', async () => {
    const spaces = await getJson(app, '/api/spaces?partialName=Default&skip=0&take=2147483647');
    expect(spaces.body.Items.map((s: { Id: string }) => s.Id)).toEqual(['Spaces-1']);
    expect(await getJson(app, '/api/users/Users-1/spaces').then((r) => r.body.map((s: { Name: string }) => s.Name))).toEqual(['Default']);
    const names: string[] = [];
    let url: string | undefined = '/api/Spaces-1/projects?take=3';
    const pages: number[] = [];
    while (url) {
      const page = await getJson(app, url);
      names.push(...page.body.Items.map((p: { Name: string }) => p.Name));
      pages.push(page.body.Items.length);
      url = page.body.Links['Page.Next'];
    }
    expect(pages).toEqual([3, 1]);
    expect(names).toEqual(['OctoPetShop', 'Inventory Service', 'Payments API', 'Customer Portal']);
    expect((await getJson(app, '/api/Spaces-1/projects?partialName=service')).body.Items.map((p: { Name: string }) => p.Name)).toEqual(['Inventory Service']);
    expect((await getJson(app, '/api/Spaces-1/projects?name=OCTOPETSHOP')).body.TotalResults).toBe(1);
  });

  it('rejects bad paging with every problem and unknown ids with 404 naming them', async () => {
    const bad = await getJson(app, '/api/Spaces-1/projects?skip=-1&take=abc');
    expect([bad.status, bad.body.Errors]).toEqual([400, [
      "The query parameter 'skip' must be a non-negative whole number, got '-1'.",
      "The query parameter 'take' must be a non-negative whole number, got 'abc'.",
    ]]);
    expect(await getJson(app, '/api/Spaces-9/projects').then((r) => [r.status, r.body.ErrorMessage])).toEqual([404, "The resource 'Spaces-9' (Space) was not found."]);
    expect(await getJson(app, '/api/Spaces-1/releases/Releases-99').then((r) => [r.status, r.body.ErrorMessage])).toEqual([404, "The resource 'Releases-99' (Release) was not found."]);
  });

  it('resolves every Links.Self it emits', async () => {
    await post(app, '/api/Spaces-1/deployments', { ReleaseId: 'Releases-1', EnvironmentId: 'Environments-1' });
    await post(app, '/api/Spaces-1/runbooks/Runbooks-1/run', { EnvironmentId: 'Environments-1' });
    const lists = ['/api/spaces', '/api/Spaces-1/projects', '/api/Spaces-1/environments', '/api/Spaces-1/machines', '/api/Spaces-1/tenants', '/api/Spaces-1/feeds',
      '/api/Spaces-1/lifecycles', '/api/Spaces-1/projectgroups', '/api/Spaces-1/projects/Projects-1/channels', '/api/Spaces-1/projects/Projects-1/runbooks',
      '/api/Spaces-1/projects/Projects-1/releases', '/api/Spaces-1/deployments'];
    const selves: string[] = ['/api/users/me'];
    for (const list of lists) selves.push(...(await getJson(app, list)).body.Items.map((i: { Links: { Self: string } }) => i.Links.Self));
    const release = (await getJson(app, '/api/Spaces-1/releases/Releases-1')).body;
    const runbook = (await getJson(app, '/api/Spaces-1/runbooks/Runbooks-1')).body;
    selves.push(release.Links.Channel, release.Links.ProjectDeploymentProcessSnapshot, release.Links.ProjectVariableSnapshot, runbook.Links.RunbookProcess,
      '/api/Spaces-1/runbookRuns/RunbookRuns-1', '/api/Spaces-1/runbookSnapshots/RunbookSnapshots-1');
    expect(selves).toHaveLength(35);
    for (const self of selves) {
      const res = await getJson(app, self);
      expect([self, res.status]).toEqual([self, 200]);
      expect(res.body.Links.Self).toBe(self.startsWith('/api/Spaces-1/channels/') ? `/api/Spaces-1/projects/Projects-1/channels/${res.body.Id}` : self.replace('/api/users/me', '/api/users/Users-1'));
    }
  });

  it('validates POST bodies, reporting every problem at once, and never answers 5xx to malformed input', async () => {
    const release = await post(app, '/api/Spaces-1/releases?ignoreChannelRules=maybe', { ProjectId: 7, SelectedPackages: [{ Version: 1 }, 'x'], Version: ['1'] });
    expect([release.status, release.body.Errors]).toEqual([400, [
      'ProjectId must be a string.', 'Version must be a string.', 'SelectedPackages[0]: ActionName is required.', 'SelectedPackages[0]: Version must be a string.',
      'SelectedPackages[1]: The request body must be a JSON object.', "The query parameter 'ignoreChannelRules' must be 'true' or 'false', got 'maybe'.",
    ]]);
    const run = await post(app, '/api/Spaces-1/runbooks/Runbooks-1/run', { EnvironmentIds: 'Environments-1', FormValues: { a: 1 } });
    expect([run.status, run.body.Errors]).toEqual([400, [
      'EnvironmentIds must be an array of strings.', 'FormValues must be an object whose values are strings.', 'EnvironmentId or EnvironmentIds is required.',
    ]]);
    const statuses: number[] = [];
    for (const payload of ['{', '[]', 'null', '"x"', '{"ReleaseId":{"$ne":1}}', '{"ReleaseId":"Releases-1","EnvironmentId":"Nope"}', '{"__proto__":{"x":1}}']) {
      statuses.push((await app.inject({ method: 'POST', url: '/api/Spaces-1/deployments', headers: { ...headers, 'content-type': 'application/json' }, payload })).statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 404, 400]);
  });

  it('creates a release with POST (201) whose Self is the re-GET the legacy client does', async () => {
    const created = await post(app, '/api/Spaces-1/releases?ignoreChannelRules=false', { ProjectId: 'Projects-2', ChannelId: 'Channels-2', Version: '3.0.0', SelectedPackages: [] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ Version: '3.0.0', ProjectId: 'Projects-2', ChannelId: 'Channels-2', SpaceId: 'Spaces-1' });
    expect((await getJson(app, created.body.Links.Self)).body).toEqual(created.body);
    const again = await post(app, '/api/Spaces-1/releases', { ProjectId: 'Projects-2', Version: '3.0.0' });
    expect([again.status, again.body.ErrorMessage]).toEqual([409, "A release with the version '3.0.0' already exists for project 'Inventory Service'."]);
  });
});
