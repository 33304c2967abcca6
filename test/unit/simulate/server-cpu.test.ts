// The server CPU model: processor sharing after a background load that is served first.
import { describe, expect, it } from 'vitest';
import { SimKernel } from '../../../harness/sim/kernel.js';
import { MIN_JOB_SHARE, ServerCpu } from '../../../harness/simulate/server-cpu.js';

function setup(cores: number) {
  const kernel = new SimKernel({ startMs: 0 });
  const cpu = new ServerCpu(kernel, cores, true);
  const trace: string[] = [];
  const job = (name: string, work: number) => cpu.submit(work, () => trace.push(`${kernel.now()} ${name}`));
  return { kernel, cpu, trace, job };
}

describe('ServerCpu', () => {
  it('jobs share what the background leaves, at most one core each', () => {
    const { kernel, cpu, trace, job } = setup(2);
    cpu.addBackground(1);
    job('a', 100);
    job('b', 100); // 2 jobs on 1 free core: 0.5 each → 200
    kernel.run();
    expect(trace).toEqual(['200 a', '200 b']);
    cpu.addBackground(-1);
    job('c', 100); // alone on 2 free cores: one core → 100 later
    kernel.run();
    expect(trace.slice(2)).toEqual(['300 c']);
  });

  it('cancelling one of several equal jobs (one batch) re-shares the cores; cancelling a served job changes nothing', () => {
    const { kernel, cpu, trace, job } = setup(2);
    job('a', 10);
    const b = job('b', 10);
    job('c', 10); // 3 jobs on 2 cores: 2/3 each
    kernel.schedule(3, () => b.cancel()); // a and c have 8 left, now at one core each → 11
    kernel.run();
    expect(trace).toEqual(['11 a', '11 c']);
    expect(cpu.activeJobs).toBe(0);
    b.cancel();
    job('d', 5);
    kernel.run();
    expect(trace.slice(2)).toEqual(['16 d']);
  });

  it('a background change mid-job re-rates the remaining work', () => {
    const { kernel, cpu, trace, job } = setup(1);
    job('a', 100);
    kernel.schedule(50, () => cpu.addBackground(0.5)); // 50 done; 50 left at 0.5 → +100
    kernel.run();
    expect(trace).toEqual(['150 a']);
  });

  it('a background beyond the cores still leaves MIN_JOB_SHARE of them to jobs', () => {
    const { kernel, cpu, trace, job } = setup(2);
    cpu.addBackground(10);
    job('a', 10); // rate 2 × 0.05 = 0.1 → 100
    kernel.run();
    expect(MIN_JOB_SHARE).toBe(0.05);
    expect(trace).toEqual(['100 a']);
    expect(cpu.busy.meanUtilisation()).toBe(1);
  });

  it('utilisation integrates background and job work exactly', () => {
    const { kernel, cpu, job } = setup(4);
    cpu.addBackground(1);
    job('a', 300); // 1 + 1 busy of 4 for 300 ms
    kernel.run({ until: 600 }); // then 1 of 4 for 300 ms
    expect(cpu.busy.integral()).toBe(2 * 300 + 1 * 300);
    expect(cpu.jobCoreMs).toBe(300);
  });
});
