import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { EventHeap, type HeapEntry } from '../../../harness/core/event-heap.js';

describe('ManualClock', () => {
  it('runs timers in time order, ties in scheduling order, and sets now to each timer time', () => {
    const clock = new ManualClock(1000);
    const trace: string[] = [];
    clock.setTimer(30, () => trace.push(`c@${clock.now()}`));
    clock.setTimer(10, () => trace.push(`a@${clock.now()}`));
    clock.setTimer(10, () => trace.push(`b@${clock.now()}`));
    clock.advanceBy(20);
    expect(trace).toEqual(['a@1010', 'b@1010']);
    expect(clock.now()).toBe(1020);
    clock.advanceBy(100);
    expect(trace).toEqual(['a@1010', 'b@1010', 'c@1030']);
    expect(clock.now()).toBe(1120);
  });

  it('never runs a cancelled timer, and timers scheduled by timers run in the same advance', () => {
    const clock = new ManualClock(0);
    const trace: number[] = [];
    const h = clock.setTimer(5, () => trace.push(-1));
    clock.setTimer(1, () => clock.setTimer(1, () => trace.push(clock.now())));
    h.cancel();
    expect(clock.runUntilIdle()).toBe(2);
    expect(trace).toEqual([2]);
    expect(clock.pending).toBe(0);
  });

  it('resolves sleep() when time is advanced past it', async () => {
    const clock = new ManualClock(0);
    let woke = false;
    const p = clock.sleep(50).then(() => (woke = true));
    clock.advanceBy(49);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advanceBy(1);
    await p;
    expect(woke).toBe(true);
  });
});

describe('EventHeap', () => {
  it('orders by time, then priority, then sequence', () => {
    const heap = new EventHeap<HeapEntry & { tag: string }>();
    const add = (time: number, priority: number, seq: number, tag: string) => heap.push({ time, priority, seq, cancelled: false, tag });
    add(5, 1, 0, 'late-low');
    add(1, 0, 1, 'first');
    add(5, 0, 3, 'late-high-b');
    add(5, 0, 2, 'late-high-a');
    add(3, 9, 4, 'middle');
    const order: string[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) order.push(e.tag);
    expect(order).toEqual(['first', 'middle', 'late-high-a', 'late-high-b', 'late-low']);
  });

  it('pops a large random set in sorted order', () => {
    const heap = new EventHeap<HeapEntry>();
    let x = 12345;
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      heap.push({ time: x % 1000, priority: 0, seq: i, cancelled: false });
    }
    let prev = -1;
    let prevSeq = -1;
    for (let e = heap.pop(); e; e = heap.pop()) {
      expect(e.time > prev || (e.time === prev && e.seq > prevSeq)).toBe(true);
      prev = e.time;
      prevSeq = e.seq;
    }
  });
});
