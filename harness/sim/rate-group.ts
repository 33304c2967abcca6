// The flows whose max-min rate is set by the same saturated link all move at that link's fair share,
// so they are kept together as a RateGroup with one virtual-work counter W(t) = ∫ share dt, as in
// processor sharing: a flow joining with R bytes left finishes when W reaches W(join) + R. A change
// of share is then O(1) for the whole group instead of one heap update per flow, and the network's
// completion heap holds one entry per group. Only flows whose bottleneck moves change group.
import { KeyedHeap, type KeyedItem } from './keyed-heap.js';
import type { Flow } from './flow-model.js';

export class RateGroup implements KeyedItem {
  /** When the group's first flow completes at the current share (the network's heap key). */
  key = Infinity;
  heapIndex = -1;
  /** The fair share every flow in the group gets, bytes/ms. */
  rate = 0;
  /** Flows keyed by the work level W at which they finish. */
  readonly flows = new KeyedHeap<Flow>();
  private work = 0;
  private workAt = 0;

  constructor(readonly seq: number) {}

  /** W(now): bytes delivered to each flow in the group since its work counter was zeroed. */
  workAtTime(now: number): number {
    return this.work + this.rate * (now - this.workAt);
  }

  /** Changes the share from now on (the work up to now is kept). */
  setRate(rate: number, now: number): void {
    this.work = this.workAtTime(now);
    this.workAt = now;
    this.rate = rate;
  }

  add(flow: Flow, remainingBytes: number, now: number): void {
    if (this.flows.size === 0) { this.work = 0; this.workAt = now; }
    flow.key = this.workAtTime(now) + remainingBytes;
    flow.group = this;
    this.flows.push(flow);
  }

  /** Takes the flow out and returns its bytes left at `now`. */
  remove(flow: Flow, now: number): number {
    const remaining = Math.max(0, flow.key - this.workAtTime(now));
    this.flows.remove(flow);
    flow.group = undefined;
    return remaining;
  }

  remainingOf(flow: Flow, now: number): number {
    return Math.max(0, flow.key - this.workAtTime(now));
  }

  /** Recomputes `key` from the head flow; call after any change, then re-sift the group. */
  refreshKey(now: number): void {
    const head = this.flows.peek();
    if (head === undefined) this.key = Infinity;
    else {
      const left = head.key - this.workAtTime(now);
      this.key = left <= 0 ? now : this.rate > 0 ? now + left / this.rate : Infinity;
    }
  }

  /**
   * At the head's completion time: counts the head as done (absorbing rounding in W), then removes
   * and returns every flow whose finish level has been reached, in (level, seq) order.
   */
  takeFinished(now: number): Flow[] {
    const head = this.flows.peek();
    if (head === undefined) return [];
    this.work = Math.max(this.workAtTime(now), head.key);
    this.workAt = now;
    const done: Flow[] = [];
    for (let f = this.flows.peek(); f !== undefined && f.key <= this.work; f = this.flows.peek()) {
      this.flows.pop();
      f.group = undefined;
      done.push(f);
    }
    return done;
  }
}
