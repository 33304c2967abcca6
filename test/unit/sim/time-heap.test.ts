// TimeHeap must pop in exactly core EventHeap's (time, priority, sequence) order, ties included.
import { describe, expect, it } from 'vitest';
import { EventHeap, type HeapEntry } from '../../../harness/core/event-heap.js';
import { SeededRandom } from '../../../harness/core/random.js';
import { TimeHeap } from '../../../harness/sim/time-heap.js';

describe('TimeHeap', () => {
  it('pops in the same order as EventHeap under interleaved pushes and pops with many ties', () => {
    const rnd = new SeededRandom(11).stream('heap');
    const fast = new TimeHeap<HeapEntry>();
    const reference = new EventHeap<HeapEntry>();
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
    const heap = new TimeHeap<HeapEntry>();
    for (let seq = 0; seq < 3000; seq++) heap.push({ time: 3000 - seq, priority: 0, seq, cancelled: seq >= 2990 });
    heap.skipCancelled();
    expect(heap.peek()?.time).toBe(11);
    expect(heap.size).toBe(2990);
  });
});
