// One live deployment point, the real twin of harness/simulate's simulate(): the same DeploymentSpec
// and fleet spec, the same TaskPlans (plan-builder.ts's buildPlans) and the same target models
// (drawTarget with the same seed, so live agent i is simulated target i), but run by the reference
// server's engine in real time against real polling agents over loopback: the server's uplink and the
// feed's are token buckets, each agent's downlink its own, pull goes to a separate feed server.
// Before the measured plans, a preparation task puts the previous version on every target (delta)
// and the current version on the cached share, through the same agents, so caches are real files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RealClock } from '../../core/clock.js';
import { TokenBucket } from '../../load/interceptors/token-bucket.js';
import { buildServer } from '../../../mock-server/app.js';
import { parseFixture } from '../../../mock-server/store/index.js';
import { ensurePackageFile, packageSpecOf, tentacleHubOf } from '../../../mock-server/tentacle/index.js';
import { COMPLETED_STATES, type TaskPlan, type TaskRuntime } from '../../../mock-server/engine/types.js';
import { buildPlans, simPackage, SIM_PREVIOUS_VERSION, SIM_VERSION } from '../../simulate/plan-builder.js';
import { isCached } from '../../simulate/simulate.js';
import type { SimSpec } from '../../simulate/spec.js';
import type { TargetModel } from '../model/index.js';
import { startFeedServer } from '../feed-server.js';
import { LiveFleet } from './live-fleet.js';
import type { ShardStats } from './agent-env.js';

export interface LivePointResult {
  tasks: TaskRuntime[];
  startMs: number;
  endMs: number;
  stats: ShardStats;
  connectMs: number;
  bytesPushed: number;
  bytesFromFeed: number;
  linesAccepted: number;
}

const API_KEY = 'API-LIVERUNNER000000000000';

/** buildPlans reads only id and name of each target model. */
function asModels(targets: readonly { id: string; name: string }[]): TargetModel[] {
  return targets as unknown as TargetModel[];
}

/** A plan that acquires `version` on the given targets (one package step, no scripts). */
function preparationPlan(spec: SimSpec, version: typeof SIM_VERSION | typeof SIM_PREVIOUS_VERSION, targets: { id: string; name: string }[], taskId: string): TaskPlan {
  const d = { ...spec.deployment, steps: 1, deployments: 1, transfer: 'push' as const };
  const [plan] = buildPlans(d, asModels(targets));
  const step = plan!.steps[0]!;
  step.actions[0]!.packages = [simPackage(d, version)];
  step.targets = targets;
  return { ...plan!, taskId, description: `Prepare package caches (${version})` };
}

async function runToEnd(clock: RealClock, submit: () => TaskRuntime[], signal: AbortSignal): Promise<TaskRuntime[]> {
  const tasks = submit();
  while (!signal.aborted && tasks.some((t) => !COMPLETED_STATES.has(t.state))) await clock.sleep(50);
  return tasks;
}

export async function runLivePoint(spec: SimSpec, clock: RealClock, signal: AbortSignal): Promise<LivePointResult> {
  const d = spec.deployment;
  const dir = await mkdtemp(join(tmpdir(), 'octobench-live-'));
  const app = await buildServer({
    apiKey: API_KEY, clock, seed: spec.seed, taskCap: d.taskCap,
    fixture: parseFixture({ projectsPerSpace: 1, tenants: 0, targetsPerEnvironment: 0 }),
    tentacle: { packageDir: join(dir, 'packages'), uplink: new TokenBucket(clock, spec.server.uplinkMbps * 125_000) },
  });
  const feed = await startFeedServer('127.0.0.1', 0, { packageDir: join(dir, 'packages'), uplink: new TokenBucket(clock, spec.server.feedUplinkMbps * 125_000) });
  const count = d.targets * d.deployments;
  let fleet: LiveFleet | undefined;
  try {
    const port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 })).port);
    fleet = new LiveFleet({
      targets: count, workers: count >= 2_000 ? 2 : 0, seed: spec.seed, spec: spec.fleet, server: { host: '127.0.0.1', port },
      feed: { host: '127.0.0.1', port: feed.port }, apiKey: API_KEY, cacheRoot: join(dir, 'agents'),
      actionMs: d.stepMs, actionJitter: 0, logLinesPerAction: Math.max(1, d.logLinesPerStep), busyPollMs: 250,
    }, clock);
    const connect = await fleet.connect();
    const hub = tentacleHubOf(app)!;
    const engine = app.octobench.engine;
    const targets = await machineTargets(app, count);
    const prepare: TaskPlan[] = [];
    if (d.transfer === 'delta') prepare.push(preparationPlan(spec, SIM_PREVIOUS_VERSION, targets, 'Prepare-1'));
    const cached = targets.filter((_, i) => isCached(i, d.cachedFraction));
    if (cached.length > 0) prepare.push(preparationPlan(spec, SIM_VERSION, cached, 'Prepare-2'));
    for (const plan of prepare) await runToEnd(clock, () => [engine.submit(plan)], signal);
    // The package is in the feed before the deployment starts (Octopus' built-in feed already holds it).
    const pkg = simPackage(d);
    if (pkg.sizeBytes > 0) await ensurePackageFile(packageSpecOf(pkg), join(dir, 'packages'));
    const pushedBefore = hub.bytesPushed;
    const feedBefore = feed.bytesServed;
    const startMs = clock.now();
    const tasks = await runToEnd(clock, () => buildPlans(d, asModels(targets)).map((plan) => engine.submit(plan)), signal);
    let endMs = startMs;
    for (const t of tasks) endMs = Math.max(endMs, t.completedTime ?? clock.now());
    return {
      tasks, startMs, endMs, stats: await fleet.stats(), connectMs: connect.connectMs,
      bytesPushed: hub.bytesPushed - pushedBefore, bytesFromFeed: feed.bytesServed - feedBefore, linesAccepted: hub.linesAccepted,
    };
  } finally {
    await fleet?.stop();
    await feed.close();
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The registered agents as plan targets, in agent index order (names are live-00001…). */
async function machineTargets(app: Awaited<ReturnType<typeof buildServer>>, count: number): Promise<{ id: string; name: string }[]> {
  const machines = app.octobench.store.listMachines('Spaces-1');
  const byName = new Map(machines.map((m) => [m.Name, m.Id]));
  return Array.from({ length: count }, (_, i) => {
    const name = `live-${String(i + 1).padStart(5, '0')}`;
    return { id: byName.get(name) ?? name, name };
  });
}
