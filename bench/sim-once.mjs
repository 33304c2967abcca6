// One simulated push deployment from a given build, for A/B comparisons (bench/sim-ab.sh): prints one
// JSON line {wallMs, events, commands, heapMiB, digest}. digest hashes collectMetrics' output, so two
// builds that simulate the same thing print the same digest.
// Run: node --max-semi-space-size=64 bench/sim-once.mjs <dist dir> <targets> <steps>
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [dist, targets, steps] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(resolve(dist, 'harness/simulate', file)).href);
const { simulate } = await load('simulate.js');
const { collectMetrics } = await load('metrics.js');
const { defaultSimSpec } = await load('spec.js');

const spec = defaultSimSpec(Number(targets), 1);
spec.deployment = { ...spec.deployment, steps: Number(steps), packageSizeMB: 100, transfer: 'push' };
const t0 = performance.now();
const run = simulate(spec);
const wallMs = performance.now() - t0;
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
const digest = createHash('sha256').update(JSON.stringify(collectMetrics(run))).digest('hex').slice(0, 16);
console.log(JSON.stringify({ wallMs: Math.round(wallMs), events: run.kernel.eventsProcessed, commands: run.fleet.commands, heapMiB: Math.round(heapMiB), digest }));
