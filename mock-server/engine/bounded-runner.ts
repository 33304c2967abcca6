// Runs items 0..count-1 with at most `limit` in flight, in index order — the one throttle behind the
// rolling window, step parallelism within a group and Octopus.Acquire.MaxParallelism. Callback driven
// (no promises) so it runs unchanged under a virtual clock. Re-entrant: an item may call its `done`
// synchronously from `start`; the pump loop then picks up the next item without growing the stack.

export type StartItem = (index: number, done: () => void) => void;

export class BoundedRunner {
  private next = 0;
  private active = 0;
  private stopped = false;
  private finished = false;
  private pumping = false;

  constructor(
    private readonly count: number,
    private readonly limit: number,
    private readonly startItem: StartItem,
    /** Called once when nothing is in flight and nothing more will start; `started` = items begun. */
    private readonly onFinished: (started: number) => void,
  ) {
    if (!(limit >= 1)) throw new RangeError(`BoundedRunner limit must be >= 1, got ${limit}`);
  }

  begin(): void {
    this.pump();
  }

  /** Starts no further items; in-flight items still finish, then onFinished fires. */
  stop(): void {
    this.stopped = true;
    this.pump();
  }

  private pump(): void {
    if (this.pumping || this.finished) return;
    this.pumping = true;
    while (!this.stopped && this.next < this.count && this.active < this.limit) {
      const index = this.next++;
      this.active++;
      let called = false;
      this.startItem(index, () => {
        if (called) return;
        called = true;
        this.active--;
        this.pump();
      });
    }
    this.pumping = false;
    if (!this.finished && this.active === 0 && (this.stopped || this.next >= this.count)) {
      this.finished = true;
      this.onFinished(this.next);
    }
  }
}
