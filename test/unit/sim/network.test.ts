// FlowNetwork: completion times against max-min fair sharing worked out by hand (in the comments),
// byte accounting, cancellation, series links, and the rate trace of a shared uplink.
import { describe, expect, it } from 'vitest';
import { SimKernel } from '../../../harness/sim/kernel.js';
import { FlowNetwork } from '../../../harness/sim/network.js';
import type { FlowHandle, Link } from '../../../harness/sim/flow-model.js';
import { SeededRandom } from '../../../harness/core/random.js';

/** Equal within 1e-9 relative (absolute for expected 0). */
function expectClose(actual: number, expected: number): void {
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tolerance)) expect(actual).toBe(expected);
}

function expectAllClose(actual: Record<string, number>, expected: Record<string, number>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) expectClose(actual[name]!, value);
}

function setup() {
  const kernel = new SimKernel({ startMs: 0 });
  const network = new FlowNetwork(kernel, { recordSamples: true });
  const done: Record<string, number> = {};
  const start = (name: string, route: Link[], bytes: number): FlowHandle =>
    network.startFlow({ route, bytes, onDone: () => void (done[name] = kernel.now()) });
  return { kernel, network, done, start };
}

describe('FlowNetwork', () => {
  it('one flow of S bytes over bandwidth B and latency L completes at L + S/B', () => {
    const { kernel, network, done, start } = setup();
    const link = network.addLink({ id: 'l', bandwidthBytesPerMs: 125, latencyMs: 20 });
    const flow = start('f', [link], 1_000_000);
    kernel.run({ until: 10 });
    expect(flow.state).toBe('latency');
    kernel.run();
    expect(done).toEqual({ f: 20 + 1_000_000 / 125 });
    expect(flow.state).toBe('done');
    expect(flow.transferStartedAt).toBe(20);
    expect(flow.bytesTransferred()).toBe(1_000_000);
    expectClose(link.bytesThrough, 1_000_000);
    expect(link.throughput.samples()).toEqual([{ time: 0, level: 0 }, { time: 20, level: 125 }, { time: 8020, level: 0 }]);
  });

  it('shares an uplink max-min fairly with private downlinks, re-sharing as flows finish', () => {
    const { kernel, network, done, start } = setup();
    const up = network.addLink({ id: 'up', bandwidthBytesPerMs: 100, latencyMs: 2 });
    const down = [10, 40, 100, 100].map((bw, i) => network.addLink({ id: `d${i + 1}`, bandwidthBytesPerMs: bw, latencyMs: 3 }));
    const sizes = [600, 1200, 600, 900];
    const flows = sizes.map((bytes, i) => start(`f${i + 1}`, [up, down[i]!], bytes));
    // Transfers begin at 5. Shares: 100/4 = 25 > d1 = 10, so f1 = 10; 90/3 = 30 < 40, so f2..f4 = 30.
    kernel.run({ until: 5 });
    expect(flows.map((f) => f.rate)).toEqual([10, 30, 30, 30]);
    // f3 (600 at 30) ends at 5 + 20 = 25; left: f1 400, f2 600, f4 300.
    // Re-share: f1 = 10, then 90/2 = 45 > d2 = 40, so f2 = 40, f4 = 50 → f4 ends at 25 + 300/50 = 31.
    // Left: f1 340, f2 360. Re-share: f1 = 10, f2 = 40 → f2 ends at 31 + 9 = 40, f1 at 31 + 34 = 65.
    kernel.run();
    expectAllClose(done, { f3: 25, f4: 31, f2: 40, f1: 65 });
    expectClose(up.bytesThrough, 3300);
    expect(up.peakConcurrentFlows).toBe(4);
    expect(network.getStats()).toMatchObject({ flowsStarted: 4, flowsCompleted: 4, activeFlows: 0, peakConcurrentFlows: 4 });
    const upRates = up.throughput.samples().map((s) => [s.time, s.level]);
    expect(upRates).toEqual([[0, 0], [5, 100], [31, 50], [40, 10], [65, 0]]);
  });

  it('flows starting at different times share from the moment they join', () => {
    const { kernel, network, done, start } = setup();
    const link = network.addLink({ id: 'l', bandwidthBytesPerMs: 100, latencyMs: 0 });
    start('a', [link], 1000);
    kernel.schedule(4, () => void start('b', [link], 500));
    // a alone 0–4: 400 bytes. Then 50 each: b ends at 4 + 500/50 = 14, a has 100 left → 15.
    kernel.run();
    expectAllClose(done, { b: 14, a: 15 });
  });

  it('cancel frees bandwidth, keeps the bytes already sent, and never calls onDone', () => {
    const { kernel, network, done, start } = setup();
    const link = network.addLink({ id: 'l', bandwidthBytesPerMs: 100, latencyMs: 0 });
    const slowLink = network.addLink({ id: 'slow', bandwidthBytesPerMs: 100, latencyMs: 50 });
    start('a', [link], 1000);
    const b = start('b', [link], 1000);
    const c = start('c', [slowLink], 10);
    kernel.schedule(4, () => {
      b.cancel();
      c.cancel();
    });
    // 0–4 at 50 each: 200 bytes each. Then a alone at 100: 800 left → 12.
    kernel.run();
    expectAllClose(done, { a: 12 });
    expect([b.state, b.finishedAt, b.bytesTransferred()]).toEqual(['cancelled', 4, 200]);
    expect([c.state, c.bytesTransferred()]).toEqual(['cancelled', 0]);
    expectClose(link.bytesThrough, 1200);
    expect(slowLink.bytesThrough).toBe(0);
    expect(network.getStats()).toMatchObject({ flowsCompleted: 1, flowsCancelled: 2 });
  });

  it('two links in series: latencies add, the slower link bounds the rate, the rest goes to others', () => {
    const { kernel, network, done, start } = setup();
    const l1 = network.addLink({ id: 'l1', bandwidthBytesPerMs: 100, latencyMs: 3 });
    const l2 = network.addLink({ id: 'l2', bandwidthBytesPerMs: 40, latencyMs: 7 });
    const x = start('x', [l1, l2], 400);
    start('y', [l1], 1000);
    // y alone on l1 from 3 to 10: 700 bytes. From 10: x = 40 (l2), y = 60 → y ends at 10 + 300/60 = 15.
    // x stays at 40 (l2 bound): 10 + 400/40 = 20.
    kernel.run({ until: 12 });
    expect(x.rate).toBe(40);
    kernel.run();
    expectAllClose(done, { y: 15, x: 20 });
    expectClose(l1.bytesThrough, 1400);
    expectClose(l2.bytesThrough, 400);
  });

  it('solves the parking-lot topology by progressive filling', () => {
    const { kernel, network, start } = setup();
    const a = network.addLink({ id: 'a', bandwidthBytesPerMs: 10, latencyMs: 0 });
    const b = network.addLink({ id: 'b', bandwidthBytesPerMs: 4, latencyMs: 0 });
    const long = start('long', [a, b], 1e9);
    const onA = start('onA', [a], 1e9);
    const onB = start('onB', [b], 1e9);
    // b saturates first at 4/2 = 2 for long and onB; a then gives 10 - 2 = 8 to onA.
    kernel.run({ until: 1 });
    expect([long.rate, onA.rate, onB.rate]).toEqual([2, 8, 2]);
    expect([a.utilisation(), b.utilisation()]).toEqual([1, 1]);
  });

  it('an incremental hub (star of 8+ flows) gives the same times and exact per-link bytes, also after it dissolves', () => {
    const sizes = [1000, 1000, 1000, 900, 1000, 1000, 1000, 1000, 600];
    const runStar = (incrementalHubs: boolean) => {
      const kernel = new SimKernel({ startMs: 0 });
      const network = new FlowNetwork(kernel, { incrementalHubs });
      const up = network.addLink({ id: 'up', bandwidthBytesPerMs: 100, latencyMs: 0 });
      const downs = [5, 10, 50, 50, 50, 50, 50, 50, 50, 50].map((bw, i) => network.addLink({ id: `d${i}`, bandwidthBytesPerMs: bw, latencyMs: 0 }));
      const done: number[] = [];
      sizes.forEach((bytes, i) => network.startFlow({ route: [up, downs[i]!], bytes, onDone: () => void (done[i] = kernel.now()) }));
      // Level: (100 − 5 − 10) / 7 = 85/7 for the seven fast downlinks.
      kernel.run({ until: 10 });
      const mid = { fast: downs[2]!.rate, slow: downs[0]!.rate, up: up.rate, fastBytes: downs[2]!.bytesThrough };
      // A flow sharing d2 breaks the star. It leaves at ≈57.1 (after the 600-byte flow), the star of
      // 8 returns, and the 900-byte flow then leaves the hub while the others keep going.
      network.startFlow({ route: [up, downs[2]!], bytes: 500, onDone: () => void (done[9] = kernel.now()) });
      kernel.run();
      return { done, mid, bytes: [up, ...downs].map((l) => l.bytesThrough), stats: network.getStats() };
    };
    const fast = runStar(true);
    const general = runStar(false);
    expect([fast.stats.hubsActivated, fast.stats.hubsDissolved, general.stats.hubsActivated]).toEqual([2, 1, 0]);
    expectClose(fast.mid.fast, 85 / 7);
    expect(fast.mid.slow).toBe(5);
    expectClose(fast.mid.up, 100);
    expectClose(fast.mid.fastBytes, (85 / 7) * 10);
    expect(fast.done).toHaveLength(10);
    fast.done.forEach((t, i) => expectClose(t, general.done[i]!));
    const expectedBytes = [9000, 1000, 1000, 1500, 900, 1000, 1000, 1000, 1000, 600, 0];
    fast.bytes.forEach((b, i) => expectClose(b, expectedBytes[i]!));
    general.bytes.forEach((b, i) => expectClose(b, expectedBytes[i]!));
  });

  it('a zero-byte flow completes when its latency ends', () => {
    const { kernel, network, done, start } = setup();
    const link = network.addLink({ id: 'l', bandwidthBytesPerMs: 1, latencyMs: 9 });
    start('empty', [link], 0);
    kernel.run();
    expect(done).toEqual({ empty: 9 });
  });

  it('reports rate changes through onRateChange and is deterministic across runs', () => {
    const runOnce = () => {
      const kernel = new SimKernel({ startMs: 0 });
      const trace: string[] = [];
      const network = new FlowNetwork(kernel, { onRateChange: (link, rate, t) => trace.push(`${t}:${link.id}=${rate}`) });
      const rnd = new SeededRandom(7).stream('net');
      const up = network.addLink({ id: 'up', bandwidthBytesPerMs: 1000, latencyMs: 1 });
      for (let i = 0; i < 20; i++) {
        const down = network.addLink({ id: `d${i}`, bandwidthBytesPerMs: rnd.int(20, 200), latencyMs: rnd.int(0, 5) });
        kernel.schedule(rnd.int(0, 50), () => void network.startFlow({
          route: [up, down], bytes: rnd.int(1, 10_000), onDone: () => trace.push(`${kernel.now()}:done${i}`),
        }));
      }
      kernel.run();
      return trace;
    };
    const first = runOnce();
    expect(first.filter((line) => line.includes(':done'))).toHaveLength(20);
    expect(runOnce()).toEqual(first);
  });

  it('rejects empty routes, repeated links and negative sizes', () => {
    const { network, start } = setup();
    const link = network.addLink({ id: 'l', bandwidthBytesPerMs: 1, latencyMs: 0 });
    expect(() => start('x', [], 1)).toThrow(RangeError);
    expect(() => start('x', [link, link], 1)).toThrow(RangeError);
    expect(() => start('x', [link], -1)).toThrow(RangeError);
    expect(() => network.addLink({ id: 'z', bandwidthBytesPerMs: 0, latencyMs: 0 })).toThrow(RangeError);
  });
});
