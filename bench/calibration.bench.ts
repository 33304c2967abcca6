// `npm run bench:calibration [-- --targets 50 --steps 5 --package-mb 5 --step-ms 1000]`: the same small
// deployments run live (real agents, harness/fleet/live/live-point.ts) and simulated (harness/simulate),
// for acquire parallelism 1, 5 and 10 and push and pull, and the simulator's error against live per
// metric. The points and both measurements are harness/calibrate's (the code behind `octobench
// calibrate`, which also fits the constants). Prints a markdown table and writes
// reports/calibration/<stamp>.json. Timings on a shared 2-core VM vary; compare within one run.
import { mkdir, writeFile } from 'node:fs/promises';
import { RealClock } from '../harness/core/clock.js';
import { CALIBRATION_METRICS, measureLive, measureSim, relativeError } from '../harness/calibrate/measure.js';
import { calibrationPoints, defaultBase, FULL_SHAPE } from '../harness/calibrate/points.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const shape = {
  ...FULL_SHAPE,
  targets: arg('targets', FULL_SHAPE.targets),
  steps: arg('steps', FULL_SHAPE.steps),
  packageSizeMB: arg('package-mb', FULL_SHAPE.packageSizeMB),
  stepMs: arg('step-ms', FULL_SHAPE.stepMs),
};

async function main(): Promise<void> {
  const clock = new RealClock();
  const rows: Record<string, unknown>[] = [];
  console.log(`| transfer | acquire ∥ | metric | live (s) | sim (s) | sim error |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const point of calibrationPoints(defaultBase(), shape)) {
    const live = await measureLive(point, 1, clock, new AbortController().signal);
    const sim = measureSim(point.scenario, 1);
    for (const metric of CALIBRATION_METRICS) {
      const error = relativeError(sim[metric], live[metric]);
      rows.push({ transfer: point.transfer, acquireParallelism: point.acquireParallelism, metric, live: live[metric], sim: sim[metric], error });
      console.log(`| ${point.transfer} | ${point.acquireParallelism} | ${metric} | ${live[metric].toFixed(2)} | ${sim[metric].toFixed(2)} | ${(error * 100).toFixed(1)} % |`);
    }
  }
  await mkdir('reports/calibration', { recursive: true });
  await writeFile(`reports/calibration/${new Date().toISOString().replace(/[:.]/g, '-')}.json`, JSON.stringify({ targets: shape.targets, steps: shape.steps, packageMB: shape.packageSizeMB, stepMs: shape.stepMs, rows }, null, 2));
}

await main();
