// A min-priority queue for items that often share a key exactly: items with equal keys form one FIFO
// batch, and only batches sit in the indexed heap. Processor sharing is the case: 10,000 jobs of the
// same work submitted at one instant all end at the same virtual service time, so they cost one heap
// entry instead of 10,000 O(log n) pops. Items must be pushed in increasing `seq` order; the order
// taken out is then (key, seq), exactly a KeyedHeap's. Removal from the middle is O(1), lazy inside
// a batch (a batch leaves the heap when its last live item does).
import { KeyedHeap, type KeyedItem } from './keyed-heap.js';

export interface BatchedItem {
  readonly key: number;
  readonly seq: number;
  /** @internal The batch holding the item while queued; owned by the queue. */
  batch: object | undefined;
}

class Batch<T> implements KeyedItem {
  heapIndex = -1;
  readonly items: T[] = [];
  live = 0;

  constructor(readonly key: number, readonly seq: number) {}
}

export class BatchedQueue<T extends BatchedItem> {
  private readonly heap = new KeyedHeap<Batch<T>>();
  private readonly byKey = new Map<number, Batch<T>>();
  private count = 0;

  /** Live items queued. */
  get size(): number {
    return this.count;
  }

  /** The smallest key queued (Infinity when empty). */
  firstKey(): number {
    return this.heap.peek()?.key ?? Infinity;
  }

  push(item: T): void {
    let batch = this.byKey.get(item.key);
    if (batch === undefined) {
      batch = new Batch<T>(item.key, item.seq);
      this.byKey.set(item.key, batch);
      this.heap.push(batch);
    }
    batch.items.push(item);
    batch.live++;
    item.batch = batch;
    this.count++;
  }

  /** Takes the item out if it is queued. */
  remove(item: T): void {
    const batch = item.batch as Batch<T> | undefined;
    if (batch === undefined) return;
    item.batch = undefined;
    this.count--;
    if (--batch.live > 0) return;
    this.heap.remove(batch);
    this.byKey.delete(batch.key);
  }

  /** Moves every item with key <= limit into `out`, in (key, seq) order. */
  takeUpTo(limit: number, out: T[]): void {
    for (let batch = this.heap.peek(); batch !== undefined && batch.key <= limit; batch = this.heap.peek()) {
      this.heap.pop();
      this.byKey.delete(batch.key);
      for (const item of batch.items) {
        if (item.batch !== batch) continue;
        item.batch = undefined;
        out.push(item);
      }
      this.count -= batch.live;
    }
  }
}
