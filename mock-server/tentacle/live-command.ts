// One engine command on its way through a polling agent: queued (not yet collected) → running
// (collected by the agent) → done. Owns the exactly-once log bookkeeping (lines are numbered per
// command; a resent line is dropped, a gap is refused) and the wire form the agent receives.
import type { TimerHandle } from '../../harness/core/clock.js';
import type { CommandCallbacks, CommandOutcome, FleetCommand, LogCategory } from '../engine/types.js';
import type { WireCommand } from './protocol.js';

export type LiveCommandState = 'preparing' | 'queued' | 'running' | 'done';

export class LiveCommand {
  state: LiveCommandState = 'preparing';
  /** Next log sequence number expected from the agent. */
  nextSeq = 0;
  /** The exchange number (per session) in whose response the agent collected the command. */
  collectedInExchange = -1;
  collectTimer: TimerHandle | undefined;
  sha256 = '';
  /** Bytes the push or delta sends (set when the stream starts). */
  transferBytes = 0;

  constructor(
    readonly id: string,
    readonly machineId: string,
    readonly command: FleetCommand,
    private readonly callbacks: CommandCallbacks,
  ) {}

  get isDone(): boolean {
    return this.state === 'done';
  }

  log(category: LogCategory, message: string): void {
    if (this.state !== 'done') this.callbacks.log(category, message);
  }

  /** Applies the lines numbered from `seq` that are new (the caller has checked seq ≤ nextSeq); returns how many. */
  applyLines(seq: number, lines: readonly [LogCategory, string][]): number {
    let applied = 0;
    for (let i = this.nextSeq - seq; i < lines.length; i++, applied++) {
      const [category, message] = lines[i]!;
      this.callbacks.log(category, message);
    }
    this.nextSeq = Math.max(this.nextSeq, seq + lines.length);
    return applied;
  }

  finish(outcome: CommandOutcome): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.collectTimer?.cancel();
    this.collectTimer = undefined;
    this.callbacks.done(outcome);
  }

  wire(): WireCommand {
    const c = this.command;
    if (c.kind === 'acquire') {
      const t = c.transfer;
      return {
        id: this.id, kind: 'acquire', packageId: c.pkg.packageId, version: c.pkg.version, feedId: c.pkg.feedId, sizeBytes: c.pkg.sizeBytes,
        sha256: this.sha256, transfer: t.kind, ...(t.kind === 'delta' ? { basisVersion: t.basisVersion } : {}),
        ...(c.pkg.content === undefined ? {} : { content: c.pkg.content }),
      };
    }
    const script = c.action.properties['Octopus.Action.Script.ScriptBody'] ?? '';
    let packageBytes = 0;
    for (const p of c.action.packages) if (p.acquisitionLocation !== 'NotAcquired') packageBytes += p.sizeBytes;
    return { id: this.id, kind: 'run', stepName: c.step.name, actionName: c.action.name, actionType: c.action.actionType, script, variables: c.variables, packageBytes };
  }
}

/** Halibut's wording when a polling endpoint did not collect a request in time (§5.5). */
export function notCollectedMessage(timeoutMs: number): string {
  const s = Math.round(timeoutMs / 1000);
  const hhmmss = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return `A request was sent to a polling endpoint, but the polling endpoint did not collect the request within the allowed time (${hhmmss}), so the request timed out.`;
}
