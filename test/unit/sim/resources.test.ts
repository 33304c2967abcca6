// ProcessorSharing and Semaphore: exact completion times, FIFO grant order, utilisation integrals.
import { describe, expect, it } from 'vitest';
import { SimKernel } from '../../../harness/sim/kernel.js';
import { ProcessorSharing, Semaphore } from '../../../harness/sim/resources.js';

function expectClose(actual: number, expected: number): void {
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tolerance)) expect(actual).toBe(expected);
}

describe('ProcessorSharing', () => {
  it('3 jobs on 2 cores: each runs at 2/3 until the first leaves, then at full speed', () => {
    const kernel = new SimKernel({ startMs: 0 });
    const cpu = new ProcessorSharing(kernel, 2, { recordSamples: true });
    const done: string[] = [];
    for (const [name, work] of [['a', 1], ['b', 2], ['c', 3]] as const) cpu.submit(work, () => done.push(`${name}@${kernel.now()}`));
    // At 2/3 each, a (1 ms) ends at 1.5; b and c have done 1. Then 1 each: b at 2.5, c at 3.5.
    kernel.run();
    expect(done).toEqual(['a@1.5', 'b@2.5', 'c@3.5']);
    expectClose(cpu.busy.integral(), 6);
    expectClose(cpu.busy.meanUtilisation(), 6 / 7);
    expect(cpu.busy.samples()).toEqual([{ time: 0, level: 2 }, { time: 2.5, level: 1 }, { time: 3.5, level: 0 }]);
  });

  it('recomputes completions when a job arrives and when one is cancelled', () => {
    const kernel = new SimKernel({ startMs: 0 });
    const cpu = new ProcessorSharing(kernel, 1);
    const done: string[] = [];
    cpu.submit(4, () => done.push(`a@${kernel.now()}`));
    kernel.schedule(1, () => void cpu.submit(1, () => done.push(`b@${kernel.now()}`)));
    // a alone 0–1 (3 left); then halves: b ends at 3, a has 2 left → 5.
    const c = cpu.submit(100, () => done.push('c'));
    c.cancel();
    kernel.run();
    expect(done).toEqual(['b@3', 'a@5']);

    const cpu2 = new ProcessorSharing(kernel, 1);
    const t0 = kernel.now();
    cpu2.submit(4, () => done.push(`x@${kernel.now() - t0}`));
    const y = cpu2.submit(4, () => done.push('y'));
    kernel.schedule(t0 + 2, () => y.cancel());
    // Halves 0–2: x has 3 left, alone → 5.
    kernel.run();
    expect(done.slice(2)).toEqual(['x@5']);
    expect(cpu2.activeJobs).toBe(0);
  });

  it('jobs with equal work finish at the same instant in submission order', () => {
    const kernel = new SimKernel({ startMs: 0 });
    const cpu = new ProcessorSharing(kernel, 4);
    const done: string[] = [];
    for (const name of ['p', 'q', 'r', 's', 't', 'u']) cpu.submit(3, () => done.push(`${name}@${kernel.now()}`));
    kernel.run();
    expect(done).toEqual(['p@4.5', 'q@4.5', 'r@4.5', 's@4.5', 't@4.5', 'u@4.5']);
    expect(kernel.eventsProcessed).toBe(1);
  });
});

describe('Semaphore', () => {
  it('grants in FIFO order, skips cancelled waiters and accounts permits in use', () => {
    const kernel = new SimKernel({ startMs: 0 });
    const sem = new Semaphore(kernel, 2, { recordSamples: true });
    const trace: string[] = [];
    const hold = (name: string, ms: number) => () => {
      trace.push(`${name}@${kernel.now()}`);
      kernel.setTimer(ms, () => sem.release());
    };
    sem.acquire(hold('a', 3));
    sem.acquire(hold('b', 1));
    sem.acquire(hold('c', 5));
    const d = sem.acquire(hold('d', 1));
    sem.acquire(hold('e', 2));
    expect([sem.available, sem.waiting]).toEqual([0, 3]);
    d.cancel();
    expect(sem.waiting).toBe(2);
    // b releases at 1 → c (until 6); a releases at 3 → e (until 5).
    kernel.run();
    expect(trace).toEqual(['a@0', 'b@0', 'c@1', 'e@3']);
    expect(sem.inUse.integral()).toBe(3 + 1 + 5 + 2);
    expect(sem.inUse.samples()).toEqual([{ time: 0, level: 2 }, { time: 5, level: 1 }, { time: 6, level: 0 }]);
  });

  it('serves waiters in a loop, not by recursion, when holders release synchronously', () => {
    const kernel = new SimKernel({ startMs: 0 });
    const sem = new Semaphore(kernel, 1);
    let granted = 0;
    sem.acquire(() => granted++);
    for (let i = 0; i < 100_000; i++) sem.acquire(() => { granted++; sem.release(); });
    sem.release();
    expect([granted, sem.available, sem.waiting]).toEqual([100_001, 1, 0]);
    expect(() => sem.release()).toThrow(RangeError);
  });
});
