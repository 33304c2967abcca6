// The deployment simulator: the server's own Engine (mock-server/engine, the same class the reference
// server runs) on the sim kernel's virtual clock, against a modelled fleet over a flow-level network,
// with a modelled server (CPU shared by processor sharing; the task cap is the engine's). One call runs
// one point to completion, synchronously and deterministically: same spec → same outcome.
// startSimulation builds and submits without running (tests drive the kernel, e.g. to cancel midway);
// finishSimulation runs the kernel until idle.
import { SeededRandom } from '../core/random.js';
import { SimKernel } from '../sim/kernel.js';
import { FlowNetwork } from '../sim/network.js';
import { Engine, MemoryPackageCache } from '../../mock-server/engine/index.js';
import type { TaskRuntime } from '../../mock-server/engine/types.js';
import { drawFleet, type TargetModel } from '../fleet/model/index.js';
import { buildPlans, SIM_PACKAGE_ID, SIM_PREVIOUS_VERSION, SIM_VERSION } from './plan-builder.js';
import { ServerCpu } from './server-cpu.js';
import { SimServerResources } from './server-resources.js';
import { SimFleet } from './sim-fleet.js';
import type { SimSpec } from './spec.js';
import { Topology } from './topology.js';

/** Everything a finished simulation exposes to metrics (metrics.ts) and tests. */
export interface SimRun {
  spec: SimSpec;
  startMs: number;
  endMs: number;
  tasks: TaskRuntime[];
  targets: readonly TargetModel[];
  kernel: SimKernel;
  /** The engine instance: mock-server/engine's Engine, the class the reference server runs. */
  engine: Engine;
  network: FlowNetwork;
  topology: Topology;
  cpu: ServerCpu;
  resources: SimServerResources;
  fleet: SimFleet;
  /** Target ids the engine retried a command on, and how many retries it scheduled. */
  retriedTargets: Set<string>;
  readonly retries: number;
}

/** Whether target i of n is in the evenly spread `fraction` that already holds the version. */
export function isCached(i: number, fraction: number): boolean {
  return Math.floor((i + 1) * fraction) > Math.floor(i * fraction);
}

export function startSimulation(spec: SimSpec): SimRun {
  const d = spec.deployment;
  const kernel = new SimKernel();
  const random = new SeededRandom(spec.seed);
  const network = new FlowNetwork(kernel);
  const server = spec.server;
  const topology = new Topology(network, {
    serverRegion: server.region, serverUplinkMbps: server.uplinkMbps, feedUplinkMbps: server.feedUplinkMbps, regions: spec.regions,
  });
  const targets = drawFleet({ ...spec.fleet, count: d.targets * d.deployments }, random);
  const cpu = new ServerCpu(kernel, server.cores, true);
  if (d.pollingTargets) cpu.addBackground((targets.length * server.cpuPerPollingTargetPerSecMs) / 1000);
  const resources = new SimServerResources(kernel, cpu, server);
  const fleet = new SimFleet({
    kernel, network, topology, random, targets, stepMs: d.stepMs, logLinesPerStep: d.logLinesPerStep, logBytesPerLine: d.logBytesPerLine,
  });
  const cache = new MemoryPackageCache();
  targets.forEach((t, i) => {
    if (d.transfer === 'delta') cache.add(t.id, SIM_PACKAGE_ID, SIM_PREVIOUS_VERSION);
    if (isCached(i, d.cachedFraction)) cache.add(t.id, SIM_PACKAGE_ID, SIM_VERSION);
  });
  const retriedTargets = new Set<string>();
  const counts = { retries: 0 };
  const engine = new Engine({
    clock: kernel, fleet, taskCap: d.taskCap, serverResources: resources, packageCache: cache,
    onRetry: (_task, retry) => {
      counts.retries++;
      retriedTargets.add(retry.command.target.id);
    },
  });
  const startMs = kernel.now();
  const tasks = buildPlans(d, targets).map((plan) => engine.submit(plan));
  return {
    spec, startMs, endMs: startMs, tasks, targets, kernel, engine, network, topology, cpu, resources, fleet, retriedTargets,
    get retries() {
      return counts.retries;
    },
  };
}

/** Runs the kernel until nothing is left and stamps endMs (the last task completion). */
export function finishSimulation(run: SimRun): SimRun {
  run.kernel.run();
  let endMs = run.startMs;
  for (const t of run.tasks) endMs = Math.max(endMs, t.completedTime ?? run.startMs);
  run.endMs = endMs;
  return run;
}

export function simulate(spec: SimSpec): SimRun {
  return finishSimulation(startSimulation(spec));
}
