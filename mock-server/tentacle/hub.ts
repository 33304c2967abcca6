// The server side of the live fleet: implements the engine's Fleet seam over polling agents.
// A command for a target with a registered agent is queued for that agent's session; the agent
// collects it with an exchange (long poll), streams numbered log lines back and reports the outcome.
// Targets without an agent (the server's built-in worker, fixture machines) go to `fallback`.
//
// Timeouts, as Halibut (§5.5), all configurable so tests take seconds:
// - pollWaitMs (30 s): the longest an exchange is held while nothing is queued.
// - collectTimeoutMs (2 min): a queued command not collected in time fails with Halibut's message;
//   a collected command whose agent stops talking (no request open, none started) for as long fails
//   the same way, so a killed fleet leaves the task Failed, never hung.
// A push that breaks off, and a collected command that the agent no longer lists as running in its
// next exchange (its connection dropped, or the response carrying it was lost), fail with
// `connectionDropped`: the engine's retry policy then sends the command again from the start, as
// Octopus re-sends an interrupted upload (it does not resume; OctopusTentacle#1147).
// A silent agent's commands are not retried: Octopus' RPC retries last 2 min 30 s, barely more than
// one collection timeout, so the command fails after one.
import { createHash, randomBytes } from 'node:crypto';
import type { Clock, TimerHandle } from '../../harness/core/clock.js';
import type { CommandCallbacks, CommandHandle, Fleet, FleetCommand } from '../engine/types.js';
import { LiveCommand, notCollectedMessage } from './live-command.js';
import { ensurePackageFile, packageSpecOf, DEFAULT_PACKAGE_CACHE_DIR } from './package-files.js';
import {
  DEFAULT_COLLECT_TIMEOUT_MS, DEFAULT_POLL_WAIT_MS,
  type ExchangeRequest, type ExchangeResponse, type WireCommand,
} from './protocol.js';
import { AgentSession, type ExchangeWaiter } from './session.js';

export interface TentacleHubOptions {
  clock: Clock;
  fallback?: Fleet;
  pollWaitMs?: number;
  collectTimeoutMs?: number;
  packageDir?: string;
}

/** Commands handed out per exchange response at most. */
const MAX_COMMANDS_PER_RESPONSE = 64;

export type ExchangeResult = { ok: true; response: ExchangeResponse } | { ok: false; status: 400 | 404; problems: string[] };

export class TentacleHub implements Fleet {
  readonly pollWaitMs: number;
  readonly collectTimeoutMs: number;
  readonly packageDir: string;
  private readonly clock: Clock;
  private readonly fallback: Fleet | undefined;
  private readonly byToken = new Map<string, AgentSession>();
  private readonly byMachine = new Map<string, AgentSession>();
  private readonly commands = new Map<string, LiveCommand>();
  private readonly busy = new Set<AgentSession>();
  private sweep: TimerHandle | undefined;
  private seq = 0;
  /** Agent log lines accepted into task logs (duplicates excluded). */
  linesAccepted = 0;
  /** Package and delta bytes streamed to agents (the server's uplink traffic). */
  bytesPushed = 0;

  constructor(options: TentacleHubOptions) {
    this.clock = options.clock;
    this.fallback = options.fallback;
    this.pollWaitMs = options.pollWaitMs ?? DEFAULT_POLL_WAIT_MS;
    this.collectTimeoutMs = options.collectTimeoutMs ?? DEFAULT_COLLECT_TIMEOUT_MS;
    this.packageDir = options.packageDir ?? DEFAULT_PACKAGE_CACHE_DIR;
  }

  /** A new session (and token) for the machine; a previous agent of that machine loses its token. */
  register(machineId: string, name: string): string {
    const token = randomBytes(20).toString('hex').toUpperCase();
    const old = this.byMachine.get(machineId);
    const session = new AgentSession(machineId, name, this.clock.now());
    if (old !== undefined) {
      this.byToken.delete(old.tokenDigest);
      old.close();
      for (const cmd of old.running.values()) this.finish(old, cmd, { status: 'failed', error: `The agent of ${name} registered again; its running command was abandoned` });
      for (const cmd of old.queue) if (!cmd.isDone) session.queue.push(cmd);
    }
    session.tokenDigest = digest(token);
    this.byToken.set(session.tokenDigest, session);
    this.byMachine.set(machineId, session);
    return token;
  }

  authenticate(token: string): AgentSession | undefined {
    return this.byToken.get(digest(token));
  }

  get sessionCount(): number {
    return this.byMachine.size;
  }

  execute(command: FleetCommand, callbacks: CommandCallbacks): CommandHandle {
    const session = this.byMachine.get(command.target.id);
    if (session === undefined) {
      if (this.fallback !== undefined) return this.fallback.execute(command, callbacks);
      callbacks.done({ status: 'failed', error: `No agent is registered for ${command.target.name}` });
      return { cancel: () => undefined };
    }
    const cmd = new LiveCommand(`cmd-${++this.seq}`, session.machineId, command, callbacks);
    this.commands.set(cmd.id, cmd);
    cmd.collectTimer = this.clock.setTimer(this.collectTimeoutMs, () => this.collectTimedOut(cmd));
    if (command.kind === 'acquire') {
      const { packageId, version } = command.pkg;
      ensurePackageFile(packageSpecOf(command.pkg), this.packageDir).then(
        (file) => { cmd.sha256 = file.sha256; this.enqueue(cmd); },
        (e: unknown) => this.finish(undefined, cmd, { status: 'failed', error: `The server could not prepare package ${packageId} ${version}: ${(e as Error).message}` }),
      );
    } else this.enqueue(cmd);
    return { cancel: () => this.cancel(cmd) };
  }

  /** Handles one exchange; resolves when the response is due (maybe after holding it). */
  exchange(session: AgentSession, req: ExchangeRequest, waiterOut: (w: ExchangeWaiter) => void): Promise<ExchangeResult> | ExchangeResult {
    const no = ++session.exchangeNo;
    session.lastSeenAt = this.clock.now();
    const problems: string[] = [];
    const foreign: string[] = [];
    const own = (id: string): LiveCommand | undefined => {
      const cmd = this.commands.get(id);
      if (cmd !== undefined && cmd.machineId !== session.machineId) foreign.push(id);
      return cmd !== undefined && cmd.machineId === session.machineId && cmd.state === 'running' ? cmd : undefined;
    };
    for (const [i, b] of req.logs.entries()) {
      const cmd = own(b.id);
      if (cmd !== undefined && b.seq > cmd.nextSeq) problems.push(`logs[${i}].seq: expected at most ${cmd.nextSeq}, got ${b.seq} (lines would be missing)`);
    }
    for (const o of req.done) own(o.id);
    if (foreign.length > 0) return { ok: false, status: 404, problems: foreign.map((id) => `The resource '${id}' (Command) was not found.`) };
    if (problems.length > 0) return { ok: false, status: 400, problems };

    for (const b of req.logs) {
      const cmd = own(b.id);
      if (cmd === undefined) session.cancelled.add(b.id);
      else this.linesAccepted += cmd.applyLines(b.seq, b.lines);
    }
    for (const o of req.done) {
      const cmd = own(o.id);
      if (cmd === undefined) continue;
      this.finish(session, cmd, o.status === 'success' ? { status: 'success' } : { status: 'failed', error: o.error });
    }
    this.dropLost(session, no, req);
    const response = this.collect(session, no);
    if (response.commands.length > 0 || response.cancelled.length > 0 || req.wait <= 0) return { ok: true, response };
    return new Promise<ExchangeResult>((resolve) => {
      const waiter: ExchangeWaiter = {
        exchangeNo: no,
        resolve: (r) => resolve({ ok: true, response: r }),
        timer: this.clock.setTimer(req.wait, () => this.release(session, waiter)),
      };
      session.replaceWaiter(waiter);
      waiterOut(waiter);
    });
  }

  /** The agent's request ended (response sent or connection lost). */
  requestEnded(session: AgentSession, waiter: ExchangeWaiter | undefined): void {
    session.lastSeenAt = this.clock.now();
    if (waiter !== undefined && session.waiter === waiter) {
      waiter.timer.cancel();
      session.waiter = undefined;
    }
  }

  /** An acquire command the agent may download (push, delta, or a pull without a feed server). */
  pushTarget(session: AgentSession, id: string): LiveCommand | undefined {
    const cmd = this.commands.get(id);
    if (cmd === undefined || cmd.machineId !== session.machineId || cmd.state !== 'running' || cmd.command.kind !== 'acquire') return undefined;
    return cmd;
  }

  /** Called when a push stream broke off: the command fails as a dropped connection (the engine retries). */
  transferInterrupted(cmd: LiveCommand, sentBytes: number): void {
    if (cmd.isDone) return;
    const error = `The package transfer to ${cmd.command.target.name} was interrupted after ${sentBytes} of ${cmd.transferBytes} bytes`;
    this.finish(this.byMachine.get(cmd.machineId), cmd, { status: 'failed', error, connectionDropped: true });
  }

  private enqueue(cmd: LiveCommand): void {
    if (cmd.isDone) return;
    const session = this.byMachine.get(cmd.machineId);
    if (session === undefined) return;
    cmd.state = 'queued';
    session.queue.push(cmd);
    if (session.waiter !== undefined) this.release(session, session.waiter);
  }

  private release(session: AgentSession, waiter: ExchangeWaiter): void {
    if (session.waiter !== waiter) return;
    session.waiter = undefined;
    waiter.timer.cancel();
    waiter.resolve(this.collect(session, waiter.exchangeNo));
  }

  private collect(session: AgentSession, no: number): ExchangeResponse {
    const commands: WireCommand[] = [];
    while (session.queue.length > 0 && commands.length < MAX_COMMANDS_PER_RESPONSE) {
      const cmd = session.queue.shift()!;
      if (cmd.state !== 'queued') continue;
      cmd.state = 'running';
      cmd.collectedInExchange = no;
      cmd.collectTimer?.cancel();
      cmd.collectTimer = undefined;
      session.running.set(cmd.id, cmd);
      commands.push(cmd.wire());
    }
    if (session.running.size > 0) this.markBusy(session);
    const cancelled = [...session.cancelled];
    session.cancelled.clear();
    return { commands, cancelled };
  }

  /** Collected commands the agent no longer holds were lost with a dropped connection. */
  private dropLost(session: AgentSession, no: number, req: ExchangeRequest): void {
    if (session.running.size === 0) return;
    const held = new Set(req.running);
    for (const cmd of [...session.running.values()]) {
      if (cmd.collectedInExchange >= no || held.has(cmd.id)) continue;
      const error = `The connection to ${session.name} was lost while it ran the command`;
      this.finish(session, cmd, { status: 'failed', error, connectionDropped: true });
    }
  }

  private cancel(cmd: LiveCommand): void {
    if (cmd.isDone) return;
    const session = this.byMachine.get(cmd.machineId);
    const wasRunning = cmd.state === 'running';
    this.finish(session, cmd, { status: 'cancelled' });
    if (wasRunning && session !== undefined) {
      session.cancelled.add(cmd.id);
      if (session.waiter !== undefined) this.release(session, session.waiter);
    }
  }

  private collectTimedOut(cmd: LiveCommand): void {
    if (cmd.state === 'running' || cmd.isDone) return;
    this.finish(this.byMachine.get(cmd.machineId), cmd, { status: 'failed', error: notCollectedMessage(this.collectTimeoutMs) });
  }

  private finish(session: AgentSession | undefined, cmd: LiveCommand, outcome: Parameters<LiveCommand['finish']>[0]): void {
    this.commands.delete(cmd.id);
    if (session !== undefined && session.running.delete(cmd.id) && session.running.size === 0) this.busy.delete(session);
    cmd.finish(outcome);
  }

  private markBusy(session: AgentSession): void {
    this.busy.add(session);
    if (this.sweep === undefined) this.sweep = this.clock.setTimer(Math.max(50, this.collectTimeoutMs / 4), () => this.sweepSilent());
  }

  /** Fails the running commands of agents that stopped talking for collectTimeoutMs. */
  private sweepSilent(): void {
    this.sweep = undefined;
    const now = this.clock.now();
    for (const session of [...this.busy]) {
      if (session.activeRequests > 0 || now - session.lastSeenAt <= this.collectTimeoutMs) continue;
      for (const cmd of [...session.running.values()]) this.finish(session, cmd, { status: 'failed', error: notCollectedMessage(this.collectTimeoutMs) });
      session.running.clear();
      this.busy.delete(session);
    }
    if (this.busy.size > 0) this.sweep = this.clock.setTimer(Math.max(50, this.collectTimeoutMs / 4), () => this.sweepSilent());
  }

  /** Stops timers (server shutdown); pending exchanges are answered empty. */
  close(): void {
    this.sweep?.cancel();
    this.sweep = undefined;
    for (const session of this.byMachine.values()) session.close();
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
