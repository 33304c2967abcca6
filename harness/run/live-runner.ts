// `mode: live`: each point is one real deployment with the same scenario keys as `mode: sim`
// (deployment, fleet, serverModel's uplinks), mapped by the simulator's own simSpecFromScenario and
// run by harness/fleet/live/live-point.ts: the reference server's engine in this process, real
// polling agents over loopback, real package bytes. Metric names match the simulator's where the
// quantity is the same, so a live and a simulated result compare key by key.
import { RealClock } from '../core/clock.js';
import type { ScenarioPoint } from '../scenario/matrix.js';
import { valueMetric, type Metric } from '../metrics/metric.js';
import { exactDistribution } from '../simulate/metrics.js';
import { runLivePoint, type LivePointResult } from '../fleet/live/live-point.js';
import type { ModeRunner, PreparedRunner, RunContext } from './mode-runner.js';
import { simSpecFromScenario } from './sim-runner.js';
import { countLogElements } from '../../mock-server/engine/index.js';
import { simTable } from '../simulate/table.js';

const s = (ms: number): number => ms / 1000;

export function liveMetrics(r: LivePointResult): { metrics: Record<string, Metric>; counters: Record<string, number> } {
  const durations: number[] = [];
  const acquisitions: number[] = [];
  const stepPhases: number[] = [];
  const queueWaits: number[] = [];
  const failedTargets = new Set<string>();
  let logLines = 0;
  for (const task of r.tasks) {
    const started = task.startTime ?? r.startMs;
    const completed = task.completedTime ?? r.endMs;
    durations.push(s(completed - task.queueTime));
    queueWaits.push(s(started - task.queueTime));
    const acquire = task.activity.children.find((c) => c.name === 'Acquire packages');
    const acqEnd = acquire?.ended ?? started;
    if (acquire?.started !== undefined) acquisitions.push(s(acqEnd - acquire.started));
    stepPhases.push(s(completed - acqEnd));
    for (const phase of task.activity.children) for (const unit of phase.children) if (unit.status === 'Failed') failedTargets.add(unit.name);
    logLines += countLogElements(task.activity);
  }
  return {
    metrics: {
      'deployment.duration': exactDistribution(durations, 's'),
      'deployment.acquisitionPhase': exactDistribution(acquisitions, 's'),
      'deployment.stepPhase': exactDistribution(stepPhases, 's'),
      'deployment.queueWait': exactDistribution(queueWaits, 's'),
      'run.makespan': valueMetric(s(r.endMs - r.startMs), 's'),
      'network.serverUplink.bytes': valueMetric(r.bytesPushed, 'bytes'),
      'network.feedUplink.bytes': valueMetric(r.bytesFromFeed, 'bytes'),
      'taskLog.lines': valueMetric(logLines, 'lines'),
      'fleet.connect': valueMetric(s(r.connectMs), 's'),
    },
    counters: {
      targets: r.stats.registered,
      deployments: r.tasks.length,
      deploymentsSucceeded: r.tasks.filter((t) => t.state === 'Success').length,
      deploymentsFailed: r.tasks.filter((t) => t.state === 'Failed').length,
      failedTargets: failedTargets.size,
      agentLinesSent: r.stats.linesSent,
      agentReconnects: r.stats.reconnects,
      agentErrors: r.stats.errors,
    },
  };
}

class PreparedLive implements PreparedRunner {
  private readonly clock = new RealClock();

  emulation(): Record<string, unknown> {
    return { kind: 'in-process', network: 'loopback sockets; per-request RTT and token-bucket links in the agents and servers', clock: 'real' };
  }

  async runPoint(point: ScenarioPoint, ctx: RunContext): ReturnType<PreparedRunner['runPoint']> {
    if (ctx.signal.aborted) return { status: 'interrupted', metrics: {} };
    const spec = simSpecFromScenario(point.scenario, ctx.seed);
    const d = spec.deployment;
    ctx.log(`live point ${point.index}: ${d.deployments} × ${d.targets} agents, ${d.steps} steps, ${d.packageSizeMB} MB ${d.transfer}, acquire ×${d.acquireParallelism}`);
    const result = await runLivePoint(spec, this.clock, ctx.signal);
    if (ctx.signal.aborted) return { status: 'interrupted', metrics: {} };
    return { status: 'ok', ...liveMetrics(result) };
  }

  async dispose(): Promise<void> {}
}

export const liveRunner: ModeRunner = {
  mode: 'live',
  consoleTable: simTable,
  prepare: async () => new PreparedLive(),
};
