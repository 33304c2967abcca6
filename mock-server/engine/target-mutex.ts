// Octopus' per-target script mutex: one task's script at a time on a deployment target, across tasks.
// Choice (documented in index.ts): the lock is held per action (script), not for the whole task, and it
// is re-entrant for the owning task, so parallel steps of one task on the same target do not block each
// other. Other tasks wait FIFO. Waiters are cancelled lazily (skipped when they reach the head), so
// every operation is O(1) amortised. A target's lock record is kept once created (one small object per
// target ever used; avoids map churn on the hot path).

export interface MutexWait {
  /** The task whose script holds the target when the wait began (for the "Waiting for…" log line). */
  readonly ownerTaskId: string;
  /** Gives up the place in the queue; a no-op once granted. */
  cancel(): void;
}

interface Waiter extends MutexWait {
  taskId: string;
  grant: () => void;
  cancelled: boolean;
  granted: boolean;
}

interface TargetLock {
  ownerTaskId: string;
  holders: number;
  /** Allocated on the first wait only: most targets never see contention. */
  waiters: Waiter[] | undefined;
  head: number;
}

export class TargetMutex {
  private readonly locks = new Map<string, TargetLock>();

  /** Returns undefined when granted at once (grant is NOT called), else a wait whose grant runs later. */
  acquire(targetId: string, taskId: string, grant: () => void): MutexWait | undefined {
    const lock = this.locks.get(targetId);
    if (lock === undefined) {
      this.locks.set(targetId, { ownerTaskId: taskId, holders: 1, waiters: undefined, head: 0 });
      return undefined;
    }
    if (lock.holders === 0 || lock.ownerTaskId === taskId) {
      lock.ownerTaskId = taskId;
      lock.holders++;
      return undefined;
    }
    const waiter: Waiter = {
      ownerTaskId: lock.ownerTaskId,
      taskId,
      grant,
      cancelled: false,
      granted: false,
      cancel() {
        if (!this.granted) this.cancelled = true;
      },
    };
    (lock.waiters ??= []).push(waiter);
    return waiter;
  }

  release(targetId: string): void {
    const lock = this.locks.get(targetId);
    if (lock === undefined || lock.holders === 0) return;
    if (--lock.holders > 0) return;
    const waiters = lock.waiters;
    if (waiters === undefined) return;
    while (lock.head < waiters.length) {
      const waiter = waiters[lock.head++]!;
      if (waiter.cancelled) continue;
      lock.ownerTaskId = waiter.taskId;
      lock.holders = 1;
      waiter.granted = true;
      this.compact(lock, waiters);
      waiter.grant();
      return;
    }
    lock.waiters = undefined;
    lock.head = 0;
  }

  /** Whether any task's script holds the target (tests, diagnostics). */
  isHeld(targetId: string): boolean {
    return (this.locks.get(targetId)?.holders ?? 0) > 0;
  }

  private compact(lock: TargetLock, waiters: Waiter[]): void {
    if (lock.head === waiters.length) {
      lock.waiters = undefined;
      lock.head = 0;
    } else if (lock.head > 32 && lock.head * 2 > waiters.length) {
      waiters.splice(0, lock.head);
      lock.head = 0;
    }
  }
}
