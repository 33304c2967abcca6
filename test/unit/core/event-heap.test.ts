// The event heap pops in exactly (time, priority, sequence) order, ties included, checked against a
// sort of everything pushed so far.
import { describe, expect, it } from 'vitest';
import { EventHeap, type HeapEntry } from '../../../harness/core/event-heap.js';
import { SeededRandom } from '../../../harness/core/random.js';

/** The obvious, slow reference: keep everything sorted. */
class SortedReference {
  private items: HeapEntry[] = [];
  get size(): number {
    return this.items.length;
  }
  push(e: HeapEntry): void {
    this.items.push(e);
    this.items.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
  }
  pop(): HeapEntry | undefined {
    return this.items.shift();
  }
}

describe('EventHeap (typed-array times)', () => {
  it('pops in (time, priority, seq) order under interleaved pushes and pops with many ties', () => {
    const rnd = new SeededRandom(11).stream('heap');
    const fast = new EventHeap<HeapEntry>();
    const reference = new SortedReference();
    const fastOrder: number[] = [];
    const referenceOrder: number[] = [];
    for (let seq = 0; seq < 5000; seq++) {
      const entry: HeapEntry = { time: rnd.int(0, 40), priority: rnd.int(-2, 2), seq, cancelled: false };
      fast.push(entry);
      reference.push(entry);
      if (rnd.bool(0.4)) {
        fastOrder.push(fast.pop()!.seq);
        referenceOrder.push(reference.pop()!.seq);
      }
    }
    while (reference.size > 0) {
      fastOrder.push(fast.pop()!.seq);
      referenceOrder.push(reference.pop()!.seq);
    }
    expect(fast.size).toBe(0);
    expect(fast.pop()).toBeUndefined();
    expect(fastOrder).toHaveLength(5000);
    expect(fastOrder).toEqual(referenceOrder);
  });

  it('grows past its initial capacity and skips cancelled entries at the top', () => {
    const heap = new EventHeap<HeapEntry>();
    for (let seq = 0; seq < 3000; seq++) heap.push({ time: 3000 - seq, priority: 0, seq, cancelled: seq >= 2990 });
    heap.skipCancelled();
    expect(heap.peek()?.time).toBe(11);
    expect(heap.size).toBe(2990);
  });
});
