// One try of a fleet command: its record in the task's in-flight list (command-list.ts) and the
// callbacks the fleet reports to, in one object, so a command in flight costs one allocation here
// instead of a record, a callbacks object and three closures (10,000 commands in flight at once in a
// large simulated deployment). Whatever the fleet reports after the record settled is ignored.
import type { CommandRecord } from './command-list.js';
import type { ActivityNode, CommandCallbacks, CommandHandle, CommandOutcome, FleetCommand, LogCategory } from './types.js';

/** Retries already made for one command, by kind (retry-policy.ts limits each). */
export interface RetryCounts {
  readonly dropped: number;
  readonly failed: number;
}

export const NO_RETRIES: RetryCounts = Object.freeze({ dropped: 0, failed: 0 });

/** What an attempt reports to its task (TaskRun). */
export interface AttemptHost {
  log(node: ActivityNode, category: LogCategory, message: string): void;
  logVolume(lines: number, bytes: number): void;
  attemptDone(attempt: CommandAttempt, outcome: CommandOutcome): void;
}

export class CommandAttempt implements CommandRecord, CommandCallbacks {
  handle: CommandHandle | undefined = undefined;
  settled = false;
  prev: CommandRecord | undefined = undefined;
  next: CommandRecord | undefined = undefined;

  constructor(
    private readonly host: AttemptHost,
    readonly command: FleetCommand,
    readonly node: ActivityNode,
    readonly previous: RetryCounts,
    readonly onDone: (outcome: CommandOutcome) => void,
  ) {}

  log(category: LogCategory, message: string): void {
    if (!this.settled) this.host.log(this.node, category, message);
  }

  logVolume(lines: number, bytes: number): void {
    if (!this.settled) this.host.logVolume(lines, bytes);
  }

  done(outcome: CommandOutcome): void {
    if (!this.settled) this.host.attemptDone(this, outcome);
  }
}
