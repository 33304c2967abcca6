// `npm run bench:calibration [-- --targets 50 --steps 5 --package-mb 5 --step-ms 1000]`: the same small
// deployments run live (real agents, harness/fleet/live/live-point.ts) and simulated
// (harness/simulate), for acquire parallelism 1, 5 and 10 and push and pull, and the simulator's
// error against live per metric. Same spec, same plans, same target models on both sides; the
// live side runs in this process on loopback. Prints a markdown table and writes
// reports/calibration/<stamp>.json. Timings on a shared 2-core VM vary; compare within one run.
import { mkdir, writeFile } from 'node:fs/promises';
import { RealClock } from '../harness/core/clock.js';
import { runLivePoint } from '../harness/fleet/live/live-point.js';
import { liveMetrics } from '../harness/run/live-runner.js';
import { simSpecFromScenario } from '../harness/run/sim-runner.js';
import { collectMetrics } from '../harness/simulate/metrics.js';
import { simulate } from '../harness/simulate/simulate.js';
import type { Scenario } from '../harness/scenario/schema.js';
import type { Metric } from '../harness/metrics/metric.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const TARGETS = arg('targets', 50);
const STEPS = arg('steps', 5);
const PACKAGE_MB = arg('package-mb', 5);
const STEP_MS = arg('step-ms', 1_000);
const METRICS = ['deployment.duration', 'deployment.acquisitionPhase', 'deployment.stepPhase'] as const;

const value = (m: Metric | undefined): number => (m === undefined ? NaN : 'value' in m ? m.value : m.p50);

async function main(): Promise<void> {
  const clock = new RealClock();
  const rows: Record<string, unknown>[] = [];
  console.log(`| transfer | acquire ∥ | metric | live (s) | sim (s) | sim error |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const transfer of ['push', 'pull'] as const) {
    for (const acquireParallelism of [1, 5, 10]) {
      const scenario = {
        version: 1, name: 'calibration', mode: 'live', seed: 1,
        deployment: { targets: TARGETS, steps: STEPS, stepMs: STEP_MS, packageSizeMB: PACKAGE_MB, transfer, acquireParallelism, logLinesPerStep: 5 },
        fleet: { downlinkMbps: 100, rttMs: 2 },
      } as unknown as Scenario;
      const spec = simSpecFromScenario(scenario, 1);
      const live = liveMetrics(await runLivePoint(spec, clock, new AbortController().signal));
      const sim = collectMetrics(simulate(spec));
      for (const name of METRICS) {
        const l = value(live.metrics[name]);
        const s = value(sim.metrics[name]);
        const error = (s - l) / l;
        rows.push({ transfer, acquireParallelism, metric: name, live: l, sim: s, error });
        console.log(`| ${transfer} | ${acquireParallelism} | ${name} | ${l.toFixed(2)} | ${s.toFixed(2)} | ${(error * 100).toFixed(1)} % |`);
      }
    }
  }
  await mkdir('reports/calibration', { recursive: true });
  await writeFile(`reports/calibration/${new Date().toISOString().replace(/[:.]/g, '-')}.json`, JSON.stringify({ targets: TARGETS, steps: STEPS, packageMB: PACKAGE_MB, stepMs: STEP_MS, rows }, null, 2));
}

await main();
