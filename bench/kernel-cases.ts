// Benchmark cases shared by bench:sim and the kernel microbenchmark.
import { SeededRandom } from '../harness/core/random.js';
import { SimKernel } from '../harness/sim/kernel.js';

/** `chains` self-rescheduling timers, n events in total: a steady heap of `chains` entries. */
export function timerChains(n: number, chains: number): { events: number; detail: string } {
  const kernel = new SimKernel();
  const rnd = new SeededRandom(2).stream('delays');
  let left = n;
  const tick = (): void => {
    if (--left >= chains) kernel.setTimer(rnd.exponential(10), tick);
  };
  for (let i = 0; i < chains; i++) kernel.setTimer(rnd.exponential(10), tick);
  const stats = kernel.run();
  return { events: stats.events, detail: `${chains} self-rescheduling timers` };
}
