// One live polling agent: a small state machine over one keep-alive connection (registering →
// polling → stopped). The connection carries one request at a time, in this order of priority:
// transfers that need it (push/delta downloads), then an exchange that sends the unacknowledged
// log lines and outcomes and collects commands. An exchange is held up to pollWaitMs when the agent
// is idle, and only until its next local event (a log line or completion it has scheduled, at most
// busyPollMs) while commands run. Lines stay in the outbox until an exchange response acknowledges
// them, and are numbered per command, so a retry after a lost connection resends them and the server
// drops the duplicates: every line arrives exactly once. Reconnects back off 1 s, 2 s … 5 s.
import type { RandomStream } from '../../core/random.js';
import type { TargetModel } from '../model/index.js';
import type { LogCategory } from '../../../mock-server/engine/types.js';
import { AGENT_AUTH_SCHEME, type ExchangeResponse, type RegisterResponse, type WireCommand, type WireLogBatch, type WireOutcome } from '../../../mock-server/tentacle/index.js';
import type { AgentEnv } from './agent-env.js';
import { runCommand, type RunningCommand } from './agent-commands.js';
import { ConnectionLost, HttpConn, type BodySink, type HttpResult } from './http-conn.js';
import { PackageCache } from './package-cache.js';
import { join } from 'node:path';
import { TokenBucket } from '../../load/interceptors/token-bucket.js';

export type AgentState = 'new' | 'registering' | 'polling' | 'stopped';

interface Outbox {
  /** Sequence number of lines[0]. */
  base: number;
  lines: [LogCategory, string][];
}

export class AgentProtocolError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'AgentProtocolError';
  }
}

export class Agent {
  state: AgentState = 'new';
  machineId = '';
  readonly conn: HttpConn;
  readonly running = new Map<string, RunningCommand>();
  readonly cache: PackageCache;
  private auth = '';
  private readonly outbox = new Map<string, Outbox>();
  private readonly doneOut: WireOutcome[] = [];
  private readonly jobs: (() => Promise<void>)[] = [];
  private failures = 0;
  private downlink: TokenBucket | undefined;

  constructor(
    readonly env: AgentEnv,
    readonly model: TargetModel,
    readonly environments: readonly string[],
    readonly roles: readonly string[],
    readonly random: RandomStream,
  ) {
    this.conn = new HttpConn(env.server.host, env.server.port, env.clock, this.link(), env.idleTimeoutMs);
    this.cache = new PackageCache(join(env.cacheRoot, model.name));
  }

  get name(): string {
    return this.model.name;
  }

  /** The agent's downlink bucket (made on first download). */
  get downlinkBucket(): TokenBucket {
    this.downlink ??= new TokenBucket(this.env.clock, this.model.downlinkMbps * 125_000);
    return this.downlink;
  }

  private link(): { rttMs: number; down: TokenBucket | undefined; up: undefined } | undefined {
    return this.model.rttMs > 0 ? { rttMs: this.model.rttMs, down: undefined, up: undefined } : undefined;
  }

  /** Registers, then polls until stop(). Never rejects: errors are counted and retried. */
  async run(): Promise<void> {
    while (this.state !== 'stopped') {
      try {
        if (this.state === 'new' || this.state === 'registering') await this.register();
        else {
          // Lines already written go out before a transfer (the "Uploading…" line precedes the bytes).
          const job = this.hasOutbound() ? undefined : this.jobs.shift();
          if (job !== undefined) await job();
          else await this.exchange();
        }
        this.failures = 0;
      } catch (e) {
        if ((this.state as AgentState) === 'stopped') break;
        this.env.stats.errors++;
        this.env.stats.lastError = `${this.name}: ${(e as Error).message}`;
        if (e instanceof AgentProtocolError && e.status === 401) this.state = 'registering';
        this.failures++;
        await this.env.clock.sleep(Math.min(5_000, 1_000 * this.failures));
      }
    }
  }

  stop(): void {
    this.state = 'stopped';
    for (const cmd of this.running.values()) cmd.abandon();
    this.running.clear();
    this.conn.close();
  }

  /** Queues work that needs the server connection (it runs before the next exchange). */
  useConnection(job: () => Promise<void>): void {
    this.jobs.push(job);
  }

  /** Adds a log line of a running command to the outbox. */
  log(id: string, category: LogCategory, message: string): void {
    let box = this.outbox.get(id);
    if (box === undefined) this.outbox.set(id, (box = { base: 0, lines: [] }));
    box.lines.push([category, message]);
  }

  private hasOutbound(): boolean {
    if (this.doneOut.length > 0) return true;
    for (const box of this.outbox.values()) if (box.lines.length > 0) return true;
    return false;
  }

  /** The command ended on this side: report the outcome (after its lines). */
  complete(id: string, outcome: { status: 'success' } | { status: 'failed'; error: string }): void {
    if (!this.running.delete(id)) return;
    this.doneOut.push({ id, ...outcome });
    if (outcome.status === 'success') this.env.stats.commandsSucceeded++;
    else this.env.stats.commandsFailed++;
  }

  /** The command ends without an outcome (cancelled by the server, or its connection dropped). */
  abandon(id: string): void {
    const cmd = this.running.get(id);
    if (cmd === undefined) return;
    this.running.delete(id);
    this.outbox.delete(id);
    cmd.abandon();
    this.env.stats.commandsAbandoned++;
  }

  /** The fate "disconnected": the connection drops and the command is lost with it. */
  dropConnection(id: string): void {
    this.abandon(id);
    this.conn.close();
  }

  private async register(): Promise<void> {
    this.state = 'registering';
    const body = Buffer.from(JSON.stringify({ Name: this.name, EnvironmentNames: this.environments, Roles: this.roles }));
    const res = await this.conn.request('POST', `/api/${this.env.spaceId}/tentacles/register`, `x-octopus-apikey: ${this.env.apiKey}\r\n`, body);
    if (this.conn.opened > 1) this.env.stats.reconnects++;
    if (res.status !== 200) throw new AgentProtocolError(res.status, `registration refused (${res.status}): ${res.body.toString('utf8').slice(0, 300)}`);
    const reg = JSON.parse(res.body.toString('utf8')) as RegisterResponse;
    this.machineId = reg.MachineId;
    this.auth = `authorization: ${AGENT_AUTH_SCHEME} ${reg.Thumbprint}\r\n`;
    if (this.state === 'registering') this.state = 'polling';
    this.env.stats.registered++;
  }

  /** A request on the server connection with the agent's token (counts reconnects). */
  async request(method: string, path: string, body?: Buffer, sink?: BodySink, contentType?: string): Promise<HttpResult> {
    const opened = this.conn.opened;
    try {
      return await this.conn.request(method, path, this.auth, body, sink, contentType);
    } finally {
      if (this.conn.opened > opened && opened > 0) this.env.stats.reconnects++;
    }
  }

  private holdMs(): number {
    if (this.running.size === 0) return this.env.pollWaitMs;
    const now = this.env.clock.now();
    let next = now + this.env.busyPollMs;
    for (const cmd of this.running.values()) if (cmd.nextEventAt !== undefined && cmd.nextEventAt < next) next = cmd.nextEventAt;
    return Math.min(this.env.busyPollMs, Math.max(10, next - now + 1));
  }

  private async exchange(): Promise<void> {
    const logs: WireLogBatch[] = [];
    for (const [id, box] of this.outbox) if (box.lines.length > 0) logs.push({ id, seq: box.base, lines: box.lines.slice() });
    const done = this.doneOut.slice();
    const wait = logs.length > 0 || done.length > 0 ? 0 : this.holdMs();
    const body = Buffer.from(JSON.stringify({ wait, running: [...this.running.keys()], logs, done }));
    const res = await this.request('POST', '/tentacle/exchange', body);
    if (res.status !== 200) throw new AgentProtocolError(res.status, `exchange refused (${res.status}): ${res.body.toString('utf8').slice(0, 300)}`);
    this.env.stats.exchanges++;
    for (const batch of logs) {
      const box = this.outbox.get(batch.id);
      if (box === undefined) continue;
      box.lines.splice(0, batch.lines.length);
      box.base += batch.lines.length;
      this.env.stats.linesSent += batch.lines.length;
    }
    this.doneOut.splice(0, done.length);
    for (const o of done) this.outbox.delete(o.id);
    const reply = JSON.parse(res.body.toString('utf8')) as ExchangeResponse;
    for (const id of reply.cancelled) this.abandon(id);
    for (const command of reply.commands) this.start(command);
  }

  private start(command: WireCommand): void {
    if (this.running.has(command.id)) return;
    this.env.stats.commandsCollected++;
    this.running.set(command.id, runCommand(this, command));
  }
}

export { ConnectionLost };
