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

function simulatedCompletions(c: Case, incrementalHubs: boolean): { doneAt: number[]; network: FlowNetwork } {
  const kernel = new SimKernel({ startMs: 0 });
  const network = new FlowNetwork(kernel, { incrementalHubs });
  const links = c.capacities.map((bw, i) => network.addLink({ id: `l${i}`, bandwidthBytesPerMs: bw, latencyMs: c.latencies[i]! }));
  const doneAt = c.flows.map(() => NaN);
  c.flows.forEach((f, i) => kernel.schedule(f.startAt, () => void network.startFlow({
    route: f.route.map((l) => links[l]!), bytes: f.bytes, onDone: () => void (doneAt[i] = kernel.now()),
  })));
  kernel.run();
  return { doneAt, network };
}

type Shape = 'mesh' | 'star' | 'broken-star';

function randomCase(seed: number, shape: Shape): Case {
  const rnd = new SeededRandom(seed).stream(shape);
  const flowCount = 40;
  if (shape === 'star') {
    const capacities = [1000, ...Array.from({ length: flowCount }, () => rnd.int(5, 120))];
    const latencies = capacities.map(() => rnd.int(0, 3));
    const flows = Array.from({ length: flowCount }, (_, i) => ({ route: [0, i + 1], bytes: rnd.int(100, 5000), startAt: rnd.int(0, 60) }));
    return { capacities, latencies, flows };
  }
  if (shape === 'broken-star') {
    // A star most of the time, broken by flows that share a downlink, skip the hub or use only it.
    const capacities = [1000, ...Array.from({ length: 30 }, () => rnd.int(5, 120))];
    const latencies = capacities.map(() => rnd.int(0, 3));
    const flows = Array.from({ length: flowCount }, (_, i) => {
      const kind = i < 28 ? 'star' : rnd.pick(['shared-downlink', 'downlink-only', 'hub-only']);
      const route = kind === 'star' ? [0, i + 1] : kind === 'hub-only' ? [0] : kind === 'downlink-only' ? [rnd.int(1, 30)] : [0, rnd.int(1, 30)];
      return { route, bytes: rnd.int(100, 5000), startAt: kind === 'star' ? rnd.int(0, 30) : rnd.int(10, 80) };
    });
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
  for (const shape of ['mesh', 'star', 'broken-star'] as const) {
    it(`agrees on completion times to 1e-9 (${shape}, 5 random cases, incremental hubs on and off)`, () => {
      const hubStats = { activated: 0, dissolved: 0 };
      for (let seed = 1; seed <= 5; seed++) {
        const c = randomCase(seed, shape);
        const expected = referenceCompletions(c);
        expect(expected.every((t) => Number.isFinite(t))).toBe(true);
        for (const incrementalHubs of [false, true]) {
          const { doneAt, network } = simulatedCompletions(c, incrementalHubs);
          doneAt.forEach((t, i) => {
            if (!(Math.abs(t - expected[i]!) <= 1e-9 * Math.max(1, expected[i]!))) {
              expect({ seed, incrementalHubs, flow: i, t }).toEqual({ seed, incrementalHubs, flow: i, t: expected[i] });
            }
          });
          const stats = network.getStats();
          hubStats.activated += stats.hubsActivated;
          hubStats.dissolved += stats.hubsDissolved;
        }
      }
      // The fast path must actually have been exercised where the shape allows it.
      if (shape === 'star') expect(hubStats.activated).toBeGreaterThanOrEqual(5);
      if (shape === 'broken-star') expect(hubStats.dissolved).toBeGreaterThanOrEqual(5);
    });
  }
});
