// HTTP routes of the polling endpoint (protocol.ts has the wire contract):
// registration under /api (API key, like `Tentacle register-with`), creating a TentacleActive
// deployment target in the machines list; and the agent routes under /tentacle (outside /api, as
// Octopus' comms port is separate), authenticated by the agent's own token. Bad agent input is a
// coded 400/401/404 with every problem listed; it never reaches the engine.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { ApiError } from '../api/errors.js';
import type { Machine } from '../store/index.js';
import { ensurePackageFile, packageSpecOf } from './package-files.js';
import type { LiveCommand } from './live-command.js';
import { rdiff } from './rdiff.js';
import { AGENT_AUTH_SCHEME, parseExchange, parseRegister, type RegisterResponse } from './protocol.js';
import type { TentacleHub } from './hub.js';
import type { AgentSession, ExchangeWaiter } from './session.js';

/** The server's uplink for pushed packages (a shared token bucket, e.g. harness/load's TokenBucket). */
export interface PacingBucket {
  take(bytes: number): Promise<unknown>;
}

export interface TentacleRoutesOptions {
  ctx: ServerContext;
  hub: TentacleHub;
  uplink?: PacingBucket;
}

/** Octodiff signatures are ≈1.3 % of the package; this admits packages up to ~3 GB. */
const MAX_SIGNATURE_BYTES = 64 * 1024 * 1024;
const AUTH_PATTERN = new RegExp(`^${AGENT_AUTH_SCHEME}\\s+([0-9A-Fa-f]{40})$`);

function agentOf(hub: TentacleHub, request: FastifyRequest): AgentSession {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? AUTH_PATTERN.exec(header.trim()) : null;
  const session = match === null ? undefined : hub.authenticate(match[1]!.toUpperCase());
  if (session === undefined) throw new ApiError('OCTOBENCH_ERR_API_UNAUTHORIZED', `The agent must send 'Authorization: ${AGENT_AUTH_SCHEME} <token>' with the token issued at registration.`);
  return session;
}

/** Counts the request as open until its response is sent or its connection is gone. */
function track(hub: TentacleHub, session: AgentSession, reply: FastifyReply, waiter: () => ExchangeWaiter | undefined): void {
  session.activeRequests++;
  reply.raw.once('close', () => {
    session.activeRequests--;
    hub.requestEnded(session, waiter());
  });
}

function register(app: FastifyInstance, { ctx, hub }: TentacleRoutesOptions): void {
  app.post<{ Params: { spaceId: string } }>('/api/:spaceId/tentacles/register', async (request) => {
    const space = ctx.store.getSpace(request.params.spaceId);
    if (space === undefined) throw new ApiError('OCTOBENCH_ERR_API_NOT_FOUND', `The resource '${request.params.spaceId}' (Space) was not found.`);
    const parsed = parseRegister(request.body);
    if (!parsed.ok) throw new ApiError('OCTOBENCH_ERR_API_VALIDATION', 'There was a problem with your request.', parsed.problems);
    const { Name, EnvironmentNames, Roles } = parsed.value;
    const problems: string[] = [];
    const envIds = EnvironmentNames.map((n) => ctx.store.findEnvironmentByName(space.Id, n)?.Id ?? (problems.push(`EnvironmentNames: '${n}' is not an environment of ${space.Id}`), ''));
    if (problems.length > 0) throw new ApiError('OCTOBENCH_ERR_API_VALIDATION', 'There was a problem with your request.', problems);
    let machine = ctx.store.findMachineByName(space.Id, Name);
    const subscription = createHash('sha256').update(`${space.Id}/${Name}`).digest('hex').slice(0, 20);
    if (machine === undefined) {
      const uri = `poll://${subscription}/`;
      const thumbprint = createHash('sha1').update(`${space.Id}/${Name}/${envIds.join(',')}`).digest('hex').toUpperCase();
      const created: Machine = {
        Id: ctx.store.nextId('Machines'), SpaceId: space.Id, Name, Slug: Name.toLowerCase(), EnvironmentIds: envIds, Roles,
        TenantedDeploymentParticipation: 'Untenanted', TenantIds: [], TenantTags: [], Thumbprint: thumbprint, Uri: uri,
        IsDisabled: false, MachinePolicyId: 'MachinePolicies-1', HealthStatus: 'Healthy',
        Endpoint: { CommunicationStyle: 'TentacleActive', Uri: uri, Thumbprint: thumbprint },
      };
      machine = ctx.store.insertMachine(created);
    }
    const token = hub.register(machine.Id, machine.Name);
    const body: RegisterResponse = { MachineId: machine.Id, Name: machine.Name, Thumbprint: token, SubscriptionId: `poll://${subscription}/` };
    return body;
  });
}

function exchange(app: FastifyInstance, { hub }: TentacleRoutesOptions): void {
  app.post('/tentacle/exchange', async (request, reply) => {
    const session = agentOf(hub, request);
    const parsed = parseExchange(request.body, hub.pollWaitMs);
    if (!parsed.ok) throw new ApiError('OCTOBENCH_ERR_API_VALIDATION', 'The agent message is invalid.', parsed.problems);
    let held: ExchangeWaiter | undefined;
    track(hub, session, reply, () => held);
    const result = await hub.exchange(session, parsed.value, (w) => { held = w; });
    if (!result.ok) {
      throw new ApiError(result.status === 404 ? 'OCTOBENCH_ERR_API_NOT_FOUND' : 'OCTOBENCH_ERR_API_VALIDATION', result.problems[0]!, result.problems);
    }
    return result.response;
  });
}

/** Streams a file to the agent through the uplink; a stream that breaks off fails the command as dropped. */
function streamFile(hub: TentacleHub, session: AgentSession, reply: FastifyReply, cmd: LiveCommand, path: string, bytes: number, uplink: PacingBucket | undefined, cleanup?: () => void): FastifyReply {
  let sent = 0;
  cmd.transferBytes = bytes;
  track(hub, session, reply, () => undefined);
  reply.raw.once('close', () => {
    cleanup?.();
    if (sent < bytes || !reply.raw.writableFinished) hub.transferInterrupted(cmd, sent);
  });
  const body = Readable.from((async function* paced() {
    for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
      const buf = chunk as Buffer;
      if (uplink !== undefined) await uplink.take(buf.length);
      sent += buf.length;
      hub.bytesPushed += buf.length;
      yield buf;
    }
  })(), { objectMode: false });
  return reply.type('application/octet-stream').header('content-length', bytes).send(body);
}

function pushable(hub: TentacleHub, session: AgentSession, id: string): LiveCommand & { command: { kind: 'acquire' } } {
  const cmd = hub.pushTarget(session, id);
  if (cmd === undefined || cmd.command.kind !== 'acquire') throw new ApiError('OCTOBENCH_ERR_API_NOT_FOUND', `The resource '${id}' (Command) was not found.`);
  return cmd as LiveCommand & { command: { kind: 'acquire' } };
}

function packages(app: FastifyInstance, { hub, uplink }: TentacleRoutesOptions): void {
  app.get<{ Params: { id: string } }>('/tentacle/packages/:id', async (request, reply) => {
    const session = agentOf(hub, request);
    const cmd = pushable(hub, session, request.params.id);
    const file = await ensurePackageFile(packageSpecOf(cmd.command.pkg), hub.packageDir);
    return streamFile(hub, session, reply, cmd, file.path, file.sizeBytes, uplink);
  });

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_SIGNATURE_BYTES }, (_req, body, done) => done(null, body));
  app.post<{ Params: { id: string } }>('/tentacle/packages/:id/delta', async (request, reply) => {
    const session = agentOf(hub, request);
    const cmd = pushable(hub, session, request.params.id);
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new ApiError('OCTOBENCH_ERR_API_VALIDATION', 'The body must be an rdiff signature (application/octet-stream).');
    const file = await ensurePackageFile(packageSpecOf(cmd.command.pkg), hub.packageDir);
    const work = await mkdtemp(join(tmpdir(), 'octobench-delta-'));
    const remove = (): void => void rm(work, { recursive: true, force: true }).catch(() => undefined);
    try {
      await writeFile(join(work, 'sig'), request.body);
      await rdiff({ op: 'delta', signature: join(work, 'sig'), newFile: file.path, delta: join(work, 'delta') });
    } catch (e) {
      remove();
      throw new ApiError('OCTOBENCH_ERR_API_VALIDATION', `The signature could not be used: ${(e as Error).message}`);
    }
    const { size } = await stat(join(work, 'delta'));
    return streamFile(hub, session, reply, cmd, join(work, 'delta'), size, uplink, remove);
  });
}

/** Registers the polling endpoint's routes on the root instance. */
export async function tentacleApi(app: FastifyInstance, options: TentacleRoutesOptions): Promise<void> {
  register(app, options);
  exchange(app, options);
  packages(app, options);
}
