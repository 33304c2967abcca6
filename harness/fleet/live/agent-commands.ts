// What an agent does with a command, applying its target model (harness/fleet/model):
// - run: the step extracts its packages (extractMs of their bytes, disk throughput) and runs the
//   script in scriptMs(model, actionMs ± jitter) (CPU speed, background load, straggler), as the
//   simulator times it; its log lines are spread over that time, the same lines as the embedded
//   fleet; its fate (ok / failed / disconnected) comes from commandFate with two draws per command.
// - acquire: real bytes into the agent's package cache. cached → verify the index; push → GET the
//   package on the agent's connection; delta → rdiff signature of the basis, POST it, receive the
//   delta, rdiff patch; pull → GET from the feed server on a second connection (5 attempts, 1 s
//   apart). The downlink bucket paces every download (extraction belongs to the step, above).
//   A SHA-256 mismatch fails the command; a dropped connection (fate 'disconnected': halfway through
//   the response body, package or delta alike) abandons it (the server then fails it as dropped and the
//   engine retries).
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { commandFate, DROP_AT_FRACTION, extractMs, FEED_RETRY_DELAY_MS, scriptMs, type CommandFate } from '../model/index.js';
import { rdiff } from '../../../mock-server/tentacle/rdiff.js';
import { packageSpecOf, seriesQuery, type PackageSpec, type WireCommand } from '../../../mock-server/tentacle/index.js';
import type { TimerHandle } from '../../core/clock.js';
import type { Agent } from './agent.js';
import { ConnectionLost, HttpConn } from './http-conn.js';
import type { FileSink } from './package-cache.js';

export interface RunningCommand {
  /** When the agent next has something to report for it (an estimate for downloads). */
  nextEventAt: number | undefined;
  /** Called once the agent has registered the command as running. */
  start(): void;
  abandon(): void;
}

type Acquire = Extract<WireCommand, { kind: 'acquire' }>;
type Run = Extract<WireCommand, { kind: 'run' }>;

const PULL_ATTEMPTS = 5;

function scriptLine(agent: Agent, c: Run, i: number, n: number): string {
  if (i === 0) return `Running ${c.actionName} on ${agent.name}`;
  if (i === n - 1) return `${c.actionName} finished on ${agent.name}`;
  return `${c.actionType}: step output ${i} of ${n - 2}`;
}

function runScript(agent: Agent, c: Run): RunningCommand {
  const { env, model, random } = agent;
  const fate = commandFate(model.failures, true, random.next(), random.next());
  const durationMs = extractMs(model, c.packageBytes) + scriptMs(model, env.actionMs * (1 + env.actionJitter * (2 * random.next() - 1)));
  const n = Math.max(1, env.logLinesPerAction);
  const startAt = env.clock.now();
  let timer: TimerHandle | undefined;
  let i = 0;
  const rc: RunningCommand = { nextEventAt: startAt, start: () => step(), abandon: () => timer?.cancel() };
  const finish = (): void => {
    if (fate === 'disconnected') return agent.dropConnection(c.id);
    if (fate === 'failed') {
      agent.log(c.id, 'Error', 'The remote script failed with exit code 1');
      return agent.complete(c.id, { status: 'failed', error: 'The remote script failed with exit code 1' });
    }
    agent.complete(c.id, { status: 'success' });
  };
  const step = (): void => {
    agent.log(c.id, 'Info', scriptLine(agent, c, i, n));
    i++;
    rc.nextEventAt = startAt + (i < n ? (durationMs * i) / n : durationMs);
    timer = env.clock.setTimer(rc.nextEventAt - env.clock.now(), i < n ? step : finish);
  };
  return rc;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

class Acquisition implements RunningCommand {
  nextEventAt: number | undefined = undefined;
  abandoned = false;
  readonly spec: PackageSpec;
  /** 'disconnected': the connection carrying the bytes drops halfway (each attempt draws anew). */
  private readonly fate: CommandFate;

  constructor(private readonly agent: Agent, private readonly c: Acquire) {
    this.spec = packageSpecOf(c);
    this.fate = commandFate(agent.model.failures, false, agent.random.next(), agent.random.next());
  }

  abandon(): void {
    this.abandoned = true;
  }

  start(): void {
    const { agent, c } = this;
    const what = `${c.packageId} ${c.version}`;
    // When the bytes should be in (the agent holds its exchange no longer than that).
    this.nextEventAt = agent.env.clock.now() + c.sizeBytes / (agent.model.downlinkMbps * 125) + agent.model.rttMs;
    if (agent.cache.find(c.packageId, c.version) !== undefined) {
      agent.log(c.id, 'Info', `Package ${what} found in the package cache on ${agent.name}`);
      return agent.complete(c.id, { status: 'success' });
    }
    const basis = c.transfer === 'delta' && c.basisVersion !== undefined ? agent.cache.find(c.packageId, c.basisVersion) : undefined;
    if (c.transfer === 'pull' && agent.env.feed !== undefined) {
      agent.log(c.id, 'Info', `Downloading package ${what} (${c.sizeBytes} bytes) to ${agent.name}`);
      void this.pull(1);
    } else if (basis !== undefined) {
      void this.delta(basis).catch((e: unknown) => this.fail(e));
    } else {
      agent.log(c.id, 'Info', `Uploading package ${what} (${c.sizeBytes} bytes) to ${agent.name}`);
      agent.useConnection(() => this.download('GET', `/tentacle/packages/${c.id}`));
    }
  }

  private async pull(attempt: number): Promise<void> {
    const { agent, c } = this;
    const feed = agent.env.feed!;
    const conn = new HttpConn(feed.host, feed.port, agent.env.clock, agent.model.rttMs, agent.env.idleTimeoutMs);
    const sink = await agent.cache.open(this.spec, `${c.id}-${attempt}`);
    try {
      const drop = attempt === 1 ? () => conn.close() : undefined;
      const res = await conn.request('GET', `/feeds/${encodeURIComponent(c.feedId)}/packages/${encodeURIComponent(c.packageId)}/${encodeURIComponent(c.version)}?size=${c.sizeBytes}${seriesQuery(c.content)}`, '', undefined, this.paced(sink, drop));
      if (res.status !== 200) throw new Error(`the feed answered ${res.status}`);
      await this.store(sink, c.sizeBytes);
    } catch (e) {
      await sink.discard();
      if (this.abandoned) return;
      if (e instanceof ConnectionLost && attempt < PULL_ATTEMPTS) {
        agent.log(c.id, 'Warning', `Download of ${c.packageId} ${c.version} failed (${e.message}); attempt ${attempt + 1} of ${PULL_ATTEMPTS} in 1 s`);
        await agent.env.clock.sleep(FEED_RETRY_DELAY_MS);
        return this.pull(attempt + 1);
      }
      this.fail(e);
    } finally {
      conn.close();
    }
  }

  private async delta(basis: PackageSpec): Promise<void> {
    const { agent, c } = this;
    const sigPath = join(agent.cache.dir, `${c.id}.sig`);
    await rdiff({ op: 'signature', basis: agent.cache.pathOf(basis), signature: sigPath });
    const signature = await readFile(sigPath);
    await rm(sigPath, { force: true });
    if (this.abandoned) return;
    agent.log(c.id, 'Info', `Delta compression: sending a ${signature.length}-byte signature of ${c.packageId} ${basis.version} from ${agent.name}`);
    agent.useConnection(() => this.download('POST', `/tentacle/packages/${c.id}/delta`, signature, basis));
  }

  /** A download on the server connection (push, or a delta against `basis`). */
  private async download(method: string, path: string, body?: Buffer, basis?: PackageSpec): Promise<void> {
    const { agent, c } = this;
    if (this.abandoned) return;
    const sink = await agent.cache.open(this.spec, basis === undefined ? c.id : `${c.id}.delta`);
    try {
      const res = await agent.request(method, path, body, this.paced(sink, () => agent.dropConnection(c.id)), 'application/octet-stream');
      if (res.status !== 200) {
        await sink.discard();
        if (res.status === 404) return agent.abandon(c.id);
        return this.fail(new Error(`the server answered ${res.status}: ${res.body.toString('utf8').slice(0, 200)}`));
      }
      if (basis === undefined) return await this.store(sink, c.sizeBytes);
      const { bytes } = await sink.finish();
      const patched = await agent.cache.open(this.spec, `${c.id}.patched`);
      await patched.discard();
      await rdiff({ op: 'patch', basis: agent.cache.pathOf(basis), delta: sink.path, newFile: patched.path });
      await rm(sink.path, { force: true });
      agent.env.stats.bytesDownloaded += bytes;
      await this.verifyAndKeep(patched.path, await hashFile(patched.path), bytes);
    } catch (e) {
      await sink.discard();
      if (e instanceof ConnectionLost) {
        agent.abandon(c.id);
        throw e;
      }
      this.fail(e);
    }
  }

  /** Paces chunks through the downlink into the sink; with fate 'disconnected', calls drop() halfway
   *  through the response body (the whole package, or a delta: DROP_AT_FRACTION of its content-length). */
  private paced(sink: FileSink, drop: (() => void) | undefined): (chunk: Buffer, contentLength: number) => Promise<void> {
    const bucket = this.agent.downlinkBucket;
    let pending = this.fate === 'disconnected' ? drop : undefined;
    return async (chunk, contentLength) => {
      await bucket.take(chunk.length);
      await sink.write(chunk);
      if (pending !== undefined && sink.bytes >= Math.floor(contentLength * DROP_AT_FRACTION)) {
        const dropNow = pending;
        pending = undefined; // once: chunks already in flight may still arrive
        dropNow();
      }
    };
  }

  private async store(sink: FileSink, expected: number): Promise<void> {
    const { sha256, bytes } = await sink.finish();
    this.agent.env.stats.bytesDownloaded += bytes;
    if (bytes !== expected) throw new Error(`received ${bytes} of ${expected} bytes`);
    await this.verifyAndKeep(sink.path, sha256, bytes);
  }

  private async verifyAndKeep(path: string, sha256: string, transferred: number): Promise<void> {
    const { agent, c } = this;
    if (sha256 !== c.sha256) {
      await rm(path, { force: true });
      throw new Error(`package ${c.packageId} ${c.version} failed its SHA-256 check`);
    }
    await rename(path, agent.cache.pathOf(this.spec));
    agent.cache.add(this.spec);
    if (this.abandoned) return;
    agent.log(c.id, 'Info', `Package ${c.packageId} ${c.version} acquired on ${agent.name} (${transferred} bytes transferred)`);
    agent.complete(c.id, { status: 'success' });
  }

  private fail(e: unknown): void {
    if (this.abandoned) return;
    const message = `Acquiring ${this.c.packageId} ${this.c.version} failed: ${(e as Error).message}`;
    this.agent.log(this.c.id, 'Error', message);
    this.agent.complete(this.c.id, { status: 'failed', error: message });
  }
}

/** The command's runner; the agent registers it as running, then calls start() (which may complete it at once). */
export function runCommand(agent: Agent, command: WireCommand): RunningCommand {
  return command.kind === 'run' ? runScript(agent, command) : new Acquisition(agent, command);
}
