// Cross-check of FlowNetwork (rate groups, incremental solves) against a deliberately naive reference:
// recompute max-min over every active flow at every event by textbook progressive filling, and step
// time to the next join or completion. Random topologies; completion times must agree to 1e-9.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../harness/core/random.js';
import { SimKernel } from '../../../harness/sim/kernel.js';
import { FlowNetwork } from '../../../harness/sim/network.js';

interface Case {
  capacities: number[];
  latencies: number[];
  flows: { route: number[]; bytes: number; startAt: number }[];
}

function naiveMaxMin(capacities: number[], routes: number[][]): number[] {
  const rates = routes.map(() => NaN);
  for (;;) {
    let best = Infinity;
    let bestLink = -1;
    capacities.forEach((capacity, link) => {
      let used = 0;
      let unfrozen = 0;
      routes.forEach((route, f) => {
        if (!route.includes(link)) return;
        if (Number.isNaN(rates[f]!)) unfrozen++;
        else used += rates[f]!;
      });
      if (unfrozen > 0 && (capacity - used) / unfrozen < best) { best = (capacity - used) / unfrozen; bestLink = link; }
    });
    if (bestLink < 0) return rates;
    routes.forEach((route, f) => { if (route.includes(bestLink) && Number.isNaN(rates[f]!)) rates[f] = best; });
  }
}

function referenceCompletions(c: Case): number[] {
  const joinAt = c.flows.map((f) => f.startAt + f.route.reduce((sum, l) => sum + c.latencies[l]!, 0));
  const left = c.flows.map((f) => f.bytes);
  const doneAt = c.flows.map(() => NaN);
  let now = 0;
  for (;;) {
    const active = c.flows.map((_, i) => i).filter((i) => joinAt[i]! <= now && Number.isNaN(doneAt[i]!));
    const rates = naiveMaxMin(c.capacities, active.map((i) => c.flows[i]!.route));
    let next = Math.min(...joinAt.filter((t) => t > now));
    active.forEach((i, k) => { next = Math.min(next, now + left[i]! / rates[k]!); });
    if (next === Infinity) return doneAt;
    active.forEach((i, k) => {
      const finish = now + left[i]! / rates[k]!;
      left[i] = left[i]! - rates[k]! * (next - now);
      if (finish <= next * (1 + 1e-12)) doneAt[i] = next;
    });
    now = next;
  }
}

function simulatedCompletions(c: Case): number[] {
  const kernel = new SimKernel({ startMs: 0 });
  const network = new FlowNetwork(kernel);
  const links = c.capacities.map((bw, i) => network.addLink({ id: `l${i}`, bandwidthBytesPerMs: bw, latencyMs: c.latencies[i]! }));
  const doneAt = c.flows.map(() => NaN);
  c.flows.forEach((f, i) => kernel.schedule(f.startAt, () => void network.startFlow({
    route: f.route.map((l) => links[l]!), bytes: f.bytes, onDone: () => void (doneAt[i] = kernel.now()),
  })));
  kernel.run();
  return doneAt;
}

function randomCase(seed: number, shape: 'mesh' | 'star'): Case {
  const rnd = new SeededRandom(seed).stream(shape);
  const flowCount = 40;
  if (shape === 'star') {
    const capacities = [1000, ...Array.from({ length: flowCount }, () => rnd.int(5, 120))];
    const latencies = capacities.map(() => rnd.int(0, 3));
    const flows = Array.from({ length: flowCount }, (_, i) => ({ route: [0, i + 1], bytes: rnd.int(100, 5000), startAt: rnd.int(0, 60) }));
    return { capacities, latencies, flows };
  }
  const capacities = Array.from({ length: 6 }, () => rnd.int(20, 200));
  const latencies = capacities.map(() => rnd.int(0, 2));
  const flows = Array.from({ length: flowCount }, () => ({
    route: rnd.shuffle([0, 1, 2, 3, 4, 5]).slice(0, rnd.int(1, 3)), bytes: rnd.int(100, 5000), startAt: rnd.int(0, 100),
  }));
  return { capacities, latencies, flows };
}

describe('FlowNetwork against a naive max-min reference', () => {
  for (const shape of ['mesh', 'star'] as const) {
    it(`agrees on completion times to 1e-9 (${shape}, 5 random cases)`, () => {
      for (let seed = 1; seed <= 5; seed++) {
        const c = randomCase(seed, shape);
        const expected = referenceCompletions(c);
        const actual = simulatedCompletions(c);
        expect(expected.every((t) => Number.isFinite(t))).toBe(true);
        actual.forEach((t, i) => {
          if (!(Math.abs(t - expected[i]!) <= 1e-9 * Math.max(1, expected[i]!))) expect({ seed, flow: i, t }).toEqual({ seed, flow: i, t: expected[i] });
        });
      }
    });
  }
});
