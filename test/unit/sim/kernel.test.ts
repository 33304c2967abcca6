// SimKernel: event order (time, priority, insertion), run limits, determinism, async sleep chains.
import { describe, expect, it } from 'vitest';
import { SimKernel, SIM_DEFAULT_EPOCH_MS } from '../../../harness/sim/kernel.js';
import { SeededRandom } from '../../../harness/core/random.js';

const T0 = 1_000;

describe('SimKernel', () => {
  it('starts at 2026-01-01T00:00:00Z unless told otherwise', () => {
    expect(new SimKernel().now()).toBe(Date.UTC(2026, 0, 1));
    expect(SIM_DEFAULT_EPOCH_MS).toBe(Date.UTC(2026, 0, 1));
    expect(new SimKernel({ startMs: 5 }).now()).toBe(5);
  });

  it('orders by time, then priority, then insertion', () => {
    const k = new SimKernel({ startMs: T0 });
    const trace: string[] = [];
    const log = (name: string) => () => trace.push(`${k.now() - T0}:${name}`);
    k.schedule(T0 + 5, log('c-p0-first'));
    k.schedule(T0 + 5, log('d-p-1'), -1);
    k.setTimer(5, log('e-p0-second'));
    k.schedule(T0 + 5, log('f-p2'), 2);
    k.setTimer(1, log('a'));
    k.schedule(T0 + 2, log('b'), 99);
    const stats = k.run();
    expect(trace).toEqual(['1:a', '2:b', '5:d-p-1', '5:c-p0-first', '5:e-p0-second', '5:f-p2']);
    expect(stats).toEqual({ events: 6, endTime: T0 + 5, reason: 'idle' });
    expect(k.eventsProcessed).toBe(6);
  });

  it('runs events scheduled for now after the current one, and skips cancelled ones', () => {
    const k = new SimKernel({ startMs: 0 });
    const trace: string[] = [];
    k.setTimer(3, () => {
      trace.push(`outer@${k.now()}`);
      k.setTimer(0, () => trace.push(`inner@${k.now()}`));
    });
    const dropped = k.setTimer(3, () => trace.push('cancelled'));
    k.setTimer(4, () => trace.push(`last@${k.now()}`));
    dropped.cancel();
    expect(k.pending).toBe(2);
    k.run();
    expect(trace).toEqual(['outer@3', 'inner@3', 'last@4']);
  });

  it('stops at until (advancing now to it), at maxEvents, and on stop()', () => {
    const k = new SimKernel({ startMs: 0 });
    const seen: number[] = [];
    for (const t of [1, 2, 3, 10, 11]) k.schedule(t, () => seen.push(t));
    expect(k.run({ until: 5 })).toEqual({ events: 3, endTime: 5, reason: 'until' });
    expect(k.run({ maxEvents: 1 })).toEqual({ events: 1, endTime: 10, reason: 'max-events' });
    k.schedule(10, () => k.stop());
    k.schedule(10, () => seen.push(-1));
    expect(k.run()).toEqual({ events: 1, endTime: 10, reason: 'stopped' });
    expect(k.run()).toEqual({ events: 2, endTime: 11, reason: 'idle' });
    expect(seen).toEqual([1, 2, 3, 10, -1, 11]);
    expect(k.run({ until: 50 })).toEqual({ events: 0, endTime: 50, reason: 'idle' });
    expect(k.eventsProcessed).toBe(7);
  });

  it('lets an exception from an event propagate and stays usable afterwards', () => {
    const k = new SimKernel({ startMs: 0 });
    const seen: number[] = [];
    k.schedule(1, () => seen.push(1));
    k.schedule(2, () => { throw new Error('boom'); });
    k.schedule(3, () => seen.push(3));
    expect(() => k.run()).toThrow('boom');
    expect([k.now(), k.eventsProcessed, k.pending]).toEqual([2, 2, 1]);
    expect(k.run()).toEqual({ events: 1, endTime: 3, reason: 'idle' });
    expect(seen).toEqual([1, 3]);
  });

  it('rejects negative delays and times in the past', () => {
    const k = new SimKernel({ startMs: 100 });
    expect(() => k.setTimer(-1, () => {})).toThrow(RangeError);
    expect(() => k.schedule(99, () => {})).toThrow(RangeError);
    expect(() => k.setTimer(Number.NaN, () => {})).toThrow(RangeError);
  });

  it('is deterministic: two identical randomised runs give identical traces', () => {
    const runOnce = (): string[] => {
      const k = new SimKernel({ startMs: 0 });
      const rnd = new SeededRandom(42).stream('delays');
      const trace: string[] = [];
      const spawn = (id: number, depth: number): void => {
        trace.push(`${k.now()}:${id}`);
        if (depth < 3) for (let c = 0; c < 3; c++) k.setTimer(rnd.int(0, 4), () => spawn(id * 3 + c, depth + 1));
      };
      k.setTimer(0, () => spawn(1, 0));
      k.run();
      return trace;
    };
    const a = runOnce();
    expect(a).toHaveLength(1 + 3 + 9 + 27);
    expect(runOnce()).toEqual(a);
  });

  it('sleep continuations interleave at the right virtual time under runAsync', async () => {
    const k = new SimKernel({ startMs: 0 });
    const trace: string[] = [];
    const worker = async (name: string, step: number): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        await k.sleep(step);
        trace.push(`${k.now()}:${name}`);
      }
    };
    void worker('a', 2);
    void worker('b', 3);
    k.setTimer(5, () => trace.push('5:timer'));
    const stats = await k.runAsync();
    expect(trace).toEqual(['2:a', '3:b', '4:a', '5:timer', '6:b', '6:a', '9:b']);
    expect(stats.endTime).toBe(9);
  });

  it('under the synchronous run, sleep continuations only run after run() returns', async () => {
    const k = new SimKernel({ startMs: 0 });
    const trace: string[] = [];
    void (async () => {
      await k.sleep(1);
      trace.push(`woke@${k.now()}`);
    })();
    k.setTimer(7, () => trace.push('timer@7'));
    k.run();
    await Promise.resolve();
    expect(trace).toEqual(['timer@7', 'woke@7']);
  });
});
