// One live polling agent: a small, callback-driven state machine over one keep-alive connection
// (new → polling → stopped; back to registering on a 401). pump() issues the next request when the
// connection is free, in this order: pending log lines and outcomes go out first, then transfers that
// need the connection (push/delta downloads), else an exchange that collects commands. An exchange
// is held up to pollWaitMs while the agent is idle, and only until its next local event (a line or
// completion it has scheduled, at most busyPollMs) while commands run. Lines stay in the outbox until
// an exchange response acknowledges them and are numbered per command, so a retry after a lost
// connection resends them and the server drops duplicates: every line arrives exactly once.
// Failed requests back off 1 s, 2 s … 5 s (Halibut retries 1 s apart). Nothing is allocated per agent
// until it is needed (package cache index, downlink bucket).
import { join } from 'node:path';
import type { RandomStream } from '../../core/random.js';
import type { TargetModel } from '../model/index.js';
import type { LogCategory } from '../../../mock-server/engine/types.js';
import { AGENT_AUTH_SCHEME, type ExchangeResponse, type RegisterResponse, type WireCommand, type WireLogBatch, type WireOutcome } from '../../../mock-server/tentacle/index.js';
import { TokenBucket } from '../../load/interceptors/token-bucket.js';
import type { AgentEnv } from './agent-env.js';
import { runCommand, type RunningCommand } from './agent-commands.js';
import { ConnectionLost, HttpConn, type BodySink, type HttpResult } from './http-conn.js';
import { PackageCache } from './package-cache.js';

export type AgentState = 'new' | 'polling' | 'stopped';

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
  private auth = '';
  private busy = false;
  private failures = 0;
  private outbox: Map<string, Outbox> | undefined;
  private doneOut: WireOutcome[] | undefined;
  private jobs: (() => Promise<void>)[] | undefined;
  private downlink: TokenBucket | undefined;
  private packageCache: PackageCache | undefined;

  constructor(
    readonly env: AgentEnv,
    readonly model: TargetModel,
    readonly environments: readonly string[],
    readonly roles: readonly string[],
    readonly random: RandomStream,
  ) {
    this.conn = new HttpConn(env.server.host, env.server.port, env.clock, model.rttMs, env.idleTimeoutMs);
  }

  get name(): string {
    return this.model.name;
  }

  get cache(): PackageCache {
    this.packageCache ??= new PackageCache(join(this.env.cacheRoot, this.model.name));
    return this.packageCache;
  }

  /** The agent's downlink bucket (made on first download). */
  get downlinkBucket(): TokenBucket {
    // A 64 KiB burst stands for the link's buffers: a short pause between chunks is not lost time.
    this.downlink ??= new TokenBucket(this.env.clock, this.model.downlinkMbps * 125_000, 64 * 1024);
    return this.downlink;
  }

  /** Registers, then polls until stop(). Errors are counted and retried, never thrown. */
  start(): void {
    this.pump();
  }

  stop(): void {
    this.state = 'stopped';
    for (const cmd of this.running.values()) cmd.abandon();
    this.running.clear();
    this.conn.close();
  }

  /** Queues work that needs the server connection (it runs before the next exchange). */
  useConnection(job: () => Promise<void>): void {
    (this.jobs ??= []).push(job);
  }

  /** Adds a log line of a running command to the outbox. */
  log(id: string, category: LogCategory, message: string): void {
    this.outbox ??= new Map();
    let box = this.outbox.get(id);
    if (box === undefined) this.outbox.set(id, (box = { base: 0, lines: [] }));
    box.lines.push([category, message]);
  }

  /** The command ended on this side: report the outcome (after its lines). */
  complete(id: string, outcome: { status: 'success' } | { status: 'failed'; error: string }): void {
    if (!this.running.delete(id)) return;
    (this.doneOut ??= []).push({ id, ...outcome });
    if (outcome.status === 'success') this.env.stats.commandsSucceeded++;
    else this.env.stats.commandsFailed++;
  }

  /** The command ends without an outcome (cancelled by the server, or its connection dropped). */
  abandon(id: string): void {
    const cmd = this.running.get(id);
    if (cmd === undefined) return;
    this.running.delete(id);
    this.outbox?.delete(id);
    cmd.abandon();
    this.env.stats.commandsAbandoned++;
  }

  /** The fate "disconnected": the connection drops and the command is lost with it. */
  dropConnection(id: string): void {
    this.abandon(id);
    this.conn.close();
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

  private pump(): void {
    if (this.busy || this.state === 'stopped') return;
    this.busy = true;
    if (this.state === 'new') return this.register();
    // Lines already written go out before a transfer (the "Uploading…" line precedes the bytes).
    const job = this.hasOutbound() ? undefined : this.jobs?.shift();
    if (job === undefined) return this.exchange();
    job().then(() => this.settled(undefined), (e: unknown) => this.settled(e as Error));
  }

  /** The request or job ended: go on, or back off after an error. */
  private settled(error: Error | undefined): void {
    this.busy = false;
    if (this.state === 'stopped') return;
    if (error === undefined) {
      this.failures = 0;
      return this.pump();
    }
    this.env.stats.errors++;
    this.env.stats.lastError = `${this.name}: ${error.message}`;
    if (error instanceof AgentProtocolError && error.status === 401) this.state = 'new';
    this.failures++;
    this.env.clock.setTimer(Math.min(5_000, 1_000 * this.failures), () => this.pump());
  }

  private register(): void {
    const body = Buffer.from(JSON.stringify({ Name: this.name, EnvironmentNames: this.environments, Roles: this.roles }));
    const opened = this.conn.opened;
    this.conn.send('POST', `/api/${this.env.spaceId}/tentacles/register`, `x-octopus-apikey: ${this.env.apiKey}\r\n`, body, (e, res) => {
      if (this.conn.opened > opened && opened > 0) this.env.stats.reconnects++;
      if (e !== undefined || res === undefined) return this.settled(e);
      if (res.status !== 200) return this.settled(new AgentProtocolError(res.status, `registration refused (${res.status}): ${res.body.toString('utf8').slice(0, 300)}`));
      const reg = JSON.parse(res.body.toString('utf8')) as RegisterResponse;
      this.machineId = reg.MachineId;
      this.auth = `authorization: ${AGENT_AUTH_SCHEME} ${reg.Thumbprint}\r\n`;
      if (this.state === 'new') this.state = 'polling';
      this.env.stats.registered++;
      this.settled(undefined);
    });
  }

  private hasOutbound(): boolean {
    if (this.doneOut !== undefined && this.doneOut.length > 0) return true;
    if (this.outbox !== undefined) for (const box of this.outbox.values()) if (box.lines.length > 0) return true;
    return false;
  }

  private holdMs(): number {
    if (this.running.size === 0) return this.env.pollWaitMs;
    const now = this.env.clock.now();
    let next = now + this.env.busyPollMs;
    for (const cmd of this.running.values()) if (cmd.nextEventAt !== undefined && cmd.nextEventAt < next) next = cmd.nextEventAt;
    return Math.min(this.env.busyPollMs, Math.max(10, next - now + 1));
  }

  private exchange(): void {
    const logs: WireLogBatch[] = [];
    if (this.outbox !== undefined) for (const [id, box] of this.outbox) if (box.lines.length > 0) logs.push({ id, seq: box.base, lines: box.lines.slice() });
    const done = this.doneOut?.slice() ?? [];
    const wait = logs.length > 0 || done.length > 0 ? 0 : this.holdMs();
    const body = Buffer.from(JSON.stringify({ wait, running: [...this.running.keys()], logs, done }));
    const opened = this.conn.opened;
    this.conn.send('POST', '/tentacle/exchange', this.auth, body, (e, res) => {
      if (this.conn.opened > opened && opened > 0) this.env.stats.reconnects++;
      if (e !== undefined || res === undefined) return this.settled(e);
      if (res.status !== 200) return this.settled(new AgentProtocolError(res.status, `exchange refused (${res.status}): ${res.body.toString('utf8').slice(0, 300)}`));
      this.env.stats.exchanges++;
      this.acknowledge(logs, done);
      const reply = JSON.parse(res.body.toString('utf8')) as ExchangeResponse;
      for (const id of reply.cancelled) this.abandon(id);
      for (const command of reply.commands) this.begin(command);
      this.settled(undefined);
    });
  }

  private acknowledge(logs: readonly WireLogBatch[], done: readonly WireOutcome[]): void {
    for (const batch of logs) {
      const box = this.outbox?.get(batch.id);
      if (box === undefined) continue;
      box.lines.splice(0, batch.lines.length);
      box.base += batch.lines.length;
      this.env.stats.linesSent += batch.lines.length;
    }
    this.doneOut?.splice(0, done.length);
    for (const o of done) this.outbox?.delete(o.id);
    if (this.outbox?.size === 0) this.outbox = undefined;
  }

  private begin(command: WireCommand): void {
    if (this.running.has(command.id)) return;
    this.env.stats.commandsCollected++;
    const cmd = runCommand(this, command);
    this.running.set(command.id, cmd);
    cmd.start();
  }
}

export { ConnectionLost };
