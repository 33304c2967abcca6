// Deployment simulator at scale (issue 4's goals): the server's Engine in virtual time against a
// modelled fleet. Cases: (1) 10,000 targets × 20 steps × a 100 MB push (goal < 10 s); (2) 100,000
// targets × one step, the same 100 MB push (goal < 60 s); (0) the sim kernel alone, timer chains
// (goal ≥ 1M events/s). Prints wall time, kernel events and events/s, fleet commands and commands/s
// (the simulator's throughput: a deployment's kernel events are few and heavy, since one CPU or
// network event can finish 10,000 commands), and memory (heap used after the run, peak RSS).
// Median of REPEATS runs. Compare numbers only within one run of this script.
// Run: npm run bench:sim [-- --quick]. It builds first and loads the simulator from dist/ (what
// `octobench run` executes): under tsx every closure pays esbuild's keep-names wrapper, 2–3× slower.
// node --max-semi-space-size=64: the simulator allocates in bursts of 10,000 in-flight commands; a
// 64 MB young generation cuts GC time several-fold.
import { RealClock } from '../harness/core/clock.js';
import { argv, memoryUsage, writeOut } from '../harness/core/env.js';
import type * as SimulateModule from '../harness/simulate/simulate.js';
import type * as MetricsModule from '../harness/simulate/metrics.js';
import type * as SpecModule from '../harness/simulate/spec.js';
import { timerChains } from './kernel-cases.js';

const fromDist = <T>(path: string): Promise<T> => import(new URL(`../dist/harness/simulate/${path}`, import.meta.url).href) as Promise<T>;
const { simulate } = await fromDist<typeof SimulateModule>('simulate.js');
const { collectMetrics } = await fromDist<typeof MetricsModule>('metrics.js');
const { defaultSimSpec } = await fromDist<typeof SpecModule>('spec.js');

const quick = argv().includes('--quick');
const REPEATS = quick ? 1 : 3;
const wall = new RealClock();

interface Sample { wallMs: number; events: number; commands: number; heapMiB: number; detail: string }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(name: string, goal: string, body: () => Omit<Sample, 'wallMs' | 'heapMiB'>): void {
  const runs: Sample[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = wall.monotonic();
    const r = body();
    const wallMs = wall.monotonic() - t0;
    runs.push({ ...r, wallMs, heapMiB: memoryUsage().heapUsed / 2 ** 20 });
  }
  const ms = median(runs.map((r) => r.wallMs));
  const { events, commands } = runs[0]!;
  const perSecond = (n: number): string => Math.round(n / (ms / 1000)).toLocaleString('en');
  writeOut(`${name.padEnd(46)} wall ${(ms / 1000).toFixed(2).padStart(6)} s (runs: ${runs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')}; goal ${goal})`);
  writeOut(`${''.padEnd(46)} ${events.toLocaleString('en')} kernel events, ${perSecond(events)} events/s${commands > 0 ? `; ${commands.toLocaleString('en')} fleet commands, ${perSecond(commands)} commands/s` : ''}`);
  writeOut(`${''.padEnd(46)} heap ${median(runs.map((r) => r.heapMiB)).toFixed(0)} MiB after the run, peak RSS ${(memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  writeOut(`${''.padEnd(46)} ${runs[0]!.detail}`);
}

function deployment(targets: number, steps: number) {
  const spec = defaultSimSpec(targets, 1);
  spec.deployment = { ...spec.deployment, steps, packageSizeMB: 100, transfer: 'push' };
  const run = simulate(spec);
  const m = collectMetrics(run);
  const completion = m.metrics['target.completion'] as { p50: number; p95: number; max: number };
  return {
    events: run.kernel.eventsProcessed,
    commands: run.fleet.commands,
    detail: `${run.tasks[0]!.state}: virtual ${((run.endMs - run.startMs) / 3600e3).toFixed(2)} h, ${run.fleet.commands.toLocaleString('en')} commands, `
      + `completion p50/p95/max ${completion.p50.toFixed(0)}/${completion.p95.toFixed(0)}/${completion.max.toFixed(0)} s, uplink ${(run.topology.serverUplink.bytesThrough / 1e12).toFixed(2)} TB`,
  };
}

writeOut(`octobench bench:sim — node ${process.version}, ${REPEATS} run(s) per case`);
measure('kernel: 2M events, 1,000 timer chains', '≥ 1M events/s', () => ({ ...timerChains(2_000_000, 1000), commands: 0 }));
measure('10,000 targets × 20 steps × 100 MB push', '< 10 s', () => deployment(10_000, 20));
measure('100,000 targets × 1 step × 100 MB push', '< 60 s', () => deployment(100_000, 1));
