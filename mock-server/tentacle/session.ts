// One registered polling agent as the server sees it: its token digest, the commands queued for it
// (not yet collected) and running on it (collected, not yet reported), ids it must abandon, the
// exchange currently held open (at most one; a newer one releases the older, empty), and liveness
// (open requests, last contact) for the silent-agent timeout.
import type { TimerHandle } from '../../harness/core/clock.js';
import type { LiveCommand } from './live-command.js';
import type { ExchangeResponse } from './protocol.js';

export interface ExchangeWaiter {
  exchangeNo: number;
  timer: TimerHandle;
  resolve(response: ExchangeResponse): void;
}

export class AgentSession {
  tokenDigest = '';
  readonly queue: LiveCommand[] = [];
  readonly running = new Map<string, LiveCommand>();
  readonly cancelled = new Set<string>();
  waiter: ExchangeWaiter | undefined;
  exchangeNo = 0;
  activeRequests = 0;

  constructor(
    readonly machineId: string,
    readonly name: string,
    public lastSeenAt: number,
  ) {}

  /** Holds `waiter`; an exchange still held from before is answered empty (the agent moved on). */
  replaceWaiter(waiter: ExchangeWaiter): void {
    const old = this.waiter;
    this.waiter = waiter;
    if (old !== undefined) {
      old.timer.cancel();
      old.resolve({ commands: [], cancelled: [] });
    }
  }

  /** Answers a held exchange empty (shutdown or re-registration). */
  close(): void {
    const w = this.waiter;
    this.waiter = undefined;
    if (w !== undefined) {
      w.timer.cancel();
      w.resolve({ commands: [], cancelled: [] });
    }
  }
}
