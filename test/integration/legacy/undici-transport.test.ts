// The undici transport over a real loopback socket: the same 16 requests and byte counts as inject().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../mock-server/app.js';
import { ManualClock } from '../../../harness/core/clock.js';
import { createUndiciTransport } from '../../../harness/flows/undici-transport.js';
import { createRelease } from '../../../harness/flows/legacy/index.js';

describe('createUndiciTransport', () => {
  let app: Awaited<ReturnType<typeof buildServer>>;
  let baseUrl: string;
  beforeAll(async () => {
    app = await buildServer({ apiKey: 'API-TEST', clock: new ManualClock() });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('runs create-release over HTTP with the API key header, recording real response sizes', async () => {
    const { calls, result } = await createRelease(createUndiciTransport({ baseUrl: `${baseUrl}/`, apiKey: 'API-TEST' }), { projectName: 'OctoPetShop' });
    expect(calls).toHaveLength(16);
    expect(result).toEqual({ releaseId: 'Releases-9', version: '1.0.2' });
    const root = await app.inject({ method: 'GET', url: '/api' });
    expect(calls[0]!.responseBytes.body).toBe(Buffer.byteLength(root.body));
    expect(calls[14]!.requestBytes.body).toBeGreaterThan(300);
  });

  it('surfaces 401 for a wrong key as a coded flow error', async () => {
    const error = await createRelease(createUndiciTransport({ baseUrl, apiKey: 'API-WRONG' }), { projectName: 'OctoPetShop' }).catch((e: unknown) => e);
    // GET /api is anonymous; the first authenticated call (GET /api/spaces) is refused.
    expect(error).toMatchObject({ code: 'OCTOBENCH_ERR_FLOW_HTTP_STATUS', status: 401 });
    expect((error as { calls: unknown[] }).calls).toHaveLength(4);
  });
});
