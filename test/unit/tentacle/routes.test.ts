// The polling endpoint over inject(): registration (API key, validation of every field, the machine
// in the machines list), agent authentication, and hostile agent messages answered with coded errors
// listing every problem, never reaching the engine or crashing the server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { buildServer } from '../../../mock-server/app.js';
import { parseFixture } from '../../../mock-server/store/index.js';
import { ERROR_CODE_HEADER } from '../../../mock-server/api/errors.js';

const KEY = 'API-TENTACLEROUTES00000000';
let app: Awaited<ReturnType<typeof buildServer>>;
beforeEach(async () => {
  app = await buildServer({ apiKey: KEY, clock: new ManualClock(), fixture: parseFixture({ targetsPerEnvironment: 0 }), tentacle: { packageDir: '/nonexistent' } });
});
afterEach(async () => app.close());

const register = (payload: unknown, key = KEY) =>
  app.inject({ method: 'POST', url: '/api/Spaces-1/tentacles/register', headers: { 'x-octopus-apikey': key }, payload: payload as object });
const exchange = (token: string | undefined, payload: unknown) =>
  app.inject({ method: 'POST', url: '/tentacle/exchange', headers: token === undefined ? {} : { authorization: `Thumbprint ${token}` }, payload: payload as object });

describe('polling endpoint routes', () => {
  it('registers an agent as a TentacleActive target with its environments and roles', async () => {
    const res = await register({ Name: 'web-01', EnvironmentNames: ['Test'], Roles: ['web', 'api'] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ MachineId: 'Machines-1', Name: 'web-01' });
    expect(body.Thumbprint).toMatch(/^[0-9A-F]{40}$/);
    const machine = (await app.inject({ url: '/api/Spaces-1/machines/Machines-1', headers: { 'x-octopus-apikey': KEY } })).json();
    expect(machine).toMatchObject({ Name: 'web-01', EnvironmentIds: ['Environments-2'], Roles: ['web', 'api'], Endpoint: { CommunicationStyle: 'TentacleActive', Uri: body.SubscriptionId } });
  });

  it('needs the API key to register and lists every registration problem', async () => {
    expect((await register({ Name: 'x', EnvironmentNames: ['Test'] }, 'API-WRONG000000000000000')).statusCode).toBe(401);
    const res = await register({ Name: 'bad name!', EnvironmentNames: 'Test', Roles: [1] });
    expect(res.statusCode).toBe(400);
    expect(res.headers[ERROR_CODE_HEADER]).toBe('OCTOBENCH_ERR_API_VALIDATION');
    expect(res.json().Errors).toEqual([
      'Name: must be 1–200 letters, digits, dots, dashes or underscores',
      'EnvironmentNames: must be a list of 1–100 non-empty names',
      'Roles: must be a list of 0–100 non-empty names',
    ]);
    expect((await register({ Name: 'ok', EnvironmentNames: ['Nowhere'] })).json().Errors).toEqual(["EnvironmentNames: 'Nowhere' is not an environment of Spaces-1"]);
  });

  it('refuses agent routes without a valid token', async () => {
    for (const token of [undefined, '0'.repeat(40), 'not-hex']) {
      const res = await exchange(token, { wait: 0 });
      expect(res.statusCode).toBe(401);
      expect(res.headers[ERROR_CODE_HEADER]).toBe('OCTOBENCH_ERR_API_UNAUTHORIZED');
    }
  });

  it('answers hostile exchanges with every problem and keeps serving', async () => {
    const token = (await register({ Name: 'web-01', EnvironmentNames: ['Development'] })).json().Thumbprint as string;
    const res = await exchange(token, { wait: 31_000, running: 'x', logs: [{ id: '', seq: -1, lines: [['Shout', 'x'], 'y'] }], done: [{ id: 'c', status: 'maybe' }], extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().Errors).toEqual([
      'wait: must be a number of ms in [0, 30000]',
      'running: must be a list of command ids',
      'logs[0].id: must be a command id',
      'logs[0].seq: must be an integer ≥ 0',
      'logs[0].lines[0]: must be [category, message ≤ 16384 chars] with a known category',
      'logs[0].lines[1]: must be [category, message ≤ 16384 chars] with a known category',
      "done[0].status: must be 'success' or 'failed'",
      'extra: unknown key (allowed: wait, running, logs, done)',
    ]);
    expect((await exchange(token, [1, 2])).json().Errors).toEqual(['body: must be a JSON object']);
    expect((await exchange(token, { wait: 0 })).json()).toEqual({ commands: [], cancelled: [] });
  });

  it("does not serve another agent's (or an unknown) package download", async () => {
    const token = (await register({ Name: 'web-01', EnvironmentNames: ['Development'] })).json().Thumbprint as string;
    const res = await app.inject({ url: '/tentacle/packages/cmd-1', headers: { authorization: `Thumbprint ${token}` } });
    expect(res.statusCode).toBe(404);
    expect(res.json().ErrorMessage).toBe("The resource 'cmd-1' (Command) was not found.");
  });
});
