// BatchedQueue against KeyedHeap: for the same pushes (many equal keys) and removals, the items come
// out in exactly the same (key, seq) order, and sizes and first keys agree throughout.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../harness/core/random.js';
import { BatchedQueue, type BatchedItem } from '../../../harness/sim/batch-queue.js';
import { KeyedHeap, type KeyedItem } from '../../../harness/sim/keyed-heap.js';

interface Item extends BatchedItem, KeyedItem {
  key: number;
  readonly seq: number;
}

describe('BatchedQueue', () => {
  it('takes items out in the order a KeyedHeap pops them, with removals from the middle', () => {
    const rnd = new SeededRandom(5).stream('batch-queue');
    const batched = new BatchedQueue<Item>();
    const reference = new KeyedHeap<Item>();
    const queued: Item[] = [];
    let seq = 0;
    let now = 0;
    const fromBatched: number[] = [];
    const fromHeap: number[] = [];
    for (let round = 0; round < 300; round++) {
      // A burst of jobs with a handful of distinct work sizes: equal keys are the common case.
      const burst = rnd.int(1, 40);
      for (let i = 0; i < burst; i++) {
        const item: Item = { key: now + [1, 2, 2.5, 10][rnd.int(0, 3)]!, seq: seq++, heapIndex: -1, batch: undefined };
        batched.push(item);
        reference.push(item);
        queued.push(item);
      }
      for (let i = 0; i < 3 && queued.length > 0; i++) {
        const victim = queued.splice(rnd.int(0, queued.length - 1), 1)[0]!;
        batched.remove(victim);
        batched.remove(victim); // a second removal changes nothing
        reference.remove(victim);
      }
      expect(batched.size).toBe(reference.size);
      expect(batched.firstKey()).toBe(reference.peek()?.key ?? Infinity);
      now += rnd.uniform(0, 3);
      const out: Item[] = [];
      batched.takeUpTo(now, out);
      fromBatched.push(...out.map((x) => x.seq));
      for (let head = reference.peek(); head !== undefined && head.key <= now; head = reference.peek()) fromHeap.push(reference.pop()!.seq);
      for (const item of out) queued.splice(queued.indexOf(item), 1);
    }
    expect(fromBatched.length).toBeGreaterThan(1000);
    expect(fromBatched).toEqual(fromHeap);
  });

  it('an empty queue has no first key and takes nothing', () => {
    const queue = new BatchedQueue<Item>();
    const out: Item[] = [];
    queue.takeUpTo(Infinity, out);
    expect([queue.size, queue.firstKey(), out]).toEqual([0, Infinity, []]);
  });
});
