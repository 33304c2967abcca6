// Microbenchmark of harness/sim: raw kernel events/s, and 10,000 (or 100,000) flows over a shared
// uplink with private downlinks at a fixed concurrency P (a new flow starts when one finishes, like
// an acquisition-parallelism limit). Run: npx tsx bench/sim-kernel.bench.ts [--quick]
// Reports the median of 3 runs per case; compare numbers only within one run of this script.
// Kernel events include the network's own (latency ends, completions, coalesced rate solves).
import { RealClock } from '../harness/core/clock.js';
import { SeededRandom } from '../harness/core/random.js';
import { SimKernel, SIM_DEFAULT_EPOCH_MS } from '../harness/sim/kernel.js';
import { FlowNetwork } from '../harness/sim/network.js';
import { bytesPerMsFromMbitPerS } from '../harness/sim/flow-model.js';
import { ProcessorSharing } from '../harness/sim/resources.js';
import { timerChains } from './kernel-cases.js';

const clock = new RealClock();
const quick = process.argv.includes('--quick');
const REPEATS = 3;

interface CaseResult {
  wallMs: number;
  events: number;
  detail: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(name: string, body: () => Omit<CaseResult, 'wallMs'>): void {
  const runs: CaseResult[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = clock.monotonic();
    const result = body();
    runs.push({ ...result, wallMs: clock.monotonic() - t0 });
  }
  const wall = median(runs.map((r) => r.wallMs));
  const events = runs[0]!.events;
  const rate = (events / wall) * 1000;
  console.log(`${name.padEnd(52)} ${wall.toFixed(0).padStart(7)} ms  ${String(events).padStart(9)} events  ${(rate / 1e6).toFixed(2).padStart(6)} M events/s  ${runs[0]!.detail}`);
}

/** (a1) n timers scheduled up front at random times: a heap of n entries. */
function prescheduledTimers(n: number) {
  const kernel = new SimKernel();
  const rnd = new SeededRandom(1).stream('delays');
  let fired = 0;
  const fn = () => void fired++;
  for (let i = 0; i < n; i++) kernel.setTimer(rnd.uniform(0, 1e6), fn);
  const stats = kernel.run();
  return { events: stats.events, detail: `fired=${fired}` };
}

/** (b) `total` flows of `bytes` over a 1 Gbit/s uplink + private 10–1000 Mbit/s downlinks, P at once. */
function uplinkFlows(total: number, concurrency: number, bytes: number, incrementalHubs = true) {
  const kernel = new SimKernel();
  const network = new FlowNetwork(kernel, { incrementalHubs });
  const rnd = new SeededRandom(3).stream('links');
  const uplink = network.addLink({ id: 'server-uplink', bandwidthBytesPerMs: bytesPerMsFromMbitPerS(1000), latencyMs: 1 });
  let started = 0;
  const startNext = (): void => {
    if (started >= total) return;
    const target = started++;
    const downlink = network.addLink({
      id: `target-${target}`,
      bandwidthBytesPerMs: bytesPerMsFromMbitPerS(rnd.uniform(10, 1000)),
      latencyMs: rnd.uniform(5, 50),
    });
    network.startFlow({ route: [uplink, downlink], bytes, onDone: startNext });
  };
  for (let i = 0; i < concurrency; i++) startNext();
  const stats = kernel.run();
  const net = network.getStats();
  const virtualS = (stats.endTime - SIM_DEFAULT_EPOCH_MS) / 1000;
  return {
    events: stats.events,
    detail: `virtual=${virtualS.toFixed(0)}s solves=${net.solves} flowsSolved=${net.flowsSolved} hubUpdates=${net.hubUpdates} peak=${net.peakConcurrentFlows} uplinkGB=${(uplink.bytesThrough / 1e9).toFixed(1)}`,
  };
}

/** (c) n jobs on a 4-core processor-sharing CPU, 200 at once. */
function psJobs(n: number) {
  const kernel = new SimKernel();
  const cpu = new ProcessorSharing(kernel, 4);
  const rnd = new SeededRandom(4).stream('work');
  let submitted = 0;
  const next = (): void => {
    if (submitted++ < n) cpu.submit(rnd.exponential(50), next);
  };
  for (let i = 0; i < 200; i++) next();
  const stats = kernel.run();
  return { events: stats.events, detail: `utilisation=${cpu.busy.meanUtilisation().toFixed(3)}` };
}

const scale = quick ? 0.1 : 1;
console.log(`node ${process.version}, median of ${REPEATS} runs${quick ? ' (quick: 1/10 scale)' : ''}`);
measure(`(a1) ${5_000_000 * scale} prescheduled timers`, () => prescheduledTimers(5_000_000 * scale));
measure(`(a2) ${5_000_000 * scale} events, 1,000 timer chains`, () => timerChains(5_000_000 * scale, 1000));
measure(`(a3) ${5_000_000 * scale} events, 100,000 timer chains`, () => timerChains(5_000_000 * scale, 100_000));
const MB100 = 100 * 1024 * 1024;
uplinkFlows(2000, 100, MB100); // JIT warm-up for the network code, not reported
uplinkFlows(2000, 100, MB100, false);
for (const p of [10, 1000, 10_000]) {
  measure(`(b) ${10_000 * scale} flows x 100 MB, P=${p}`, () => uplinkFlows(10_000 * scale, p, MB100));
}
measure(`(b') same, general solver only, P=10`, () => uplinkFlows(10_000 * scale, 10, MB100, false));
measure(`(b') same, general solver only, P=1000`, () => uplinkFlows(10_000 * scale, 1000, MB100, false));
measure(`(b) ${100_000 * scale} flows x 100 MB, P=10`, () => uplinkFlows(100_000 * scale, 10, MB100));
measure(`(b) ${100_000 * scale} flows x 100 MB, P=100000`, () => uplinkFlows(100_000 * scale, 100_000, MB100));
measure(`(c) ${1_000_000 * scale} PS jobs on 4 cores, 200 at once`, () => psJobs(1_000_000 * scale));
