// The commands (and retry waits) a task has in flight, in start order: a doubly linked list so that
// adding and settling are O(1) without hashing, and cancel can walk them in the order they started.
import type { CommandHandle } from './types.js';

export interface CommandRecord {
  handle: CommandHandle | undefined;
  settled: boolean;
  prev: CommandRecord | undefined;
  next: CommandRecord | undefined;
}

export class CommandList {
  private head: CommandRecord | undefined;
  private tail: CommandRecord | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends an unsettled record (a fresh one when none is given) and returns it. */
  track<R extends CommandRecord>(record: R): R;
  track(): CommandRecord;
  track(record: CommandRecord = { handle: undefined, settled: false, prev: undefined, next: undefined }): CommandRecord {
    record.prev = this.tail;
    if (this.tail === undefined) this.head = record;
    else this.tail.next = record;
    this.tail = record;
    this.count++;
    return record;
  }

  /** Marks a record settled and takes it off the list. */
  settle(record: CommandRecord): void {
    record.settled = true;
    if (record.prev === undefined) this.head = record.next;
    else record.prev.next = record.next;
    if (record.next === undefined) this.tail = record.prev;
    else record.next.prev = record.prev;
    record.prev = record.next = undefined;
    this.count--;
  }

  /** The records in start order (a snapshot: cancelling one may settle others synchronously). */
  snapshot(): CommandRecord[] {
    const out: CommandRecord[] = [];
    for (let r = this.head; r !== undefined; r = r.next) out.push(r);
    return out;
  }
}
