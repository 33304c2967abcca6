// `mode: live`: each point is one real deployment with the same scenario keys as `mode: sim`
// (deployment, fleet, serverModel's uplinks), mapped by the simulator's own simSpecFromScenario and
// run by harness/fleet/live/live-point.ts: the reference server's engine in this process, real
// polling agents over loopback, real package bytes. Metric names match the simulator's where the
// quantity is the same, so a live and a simulated result compare key by key.
import { RealClock } from '../core/clock.js';
import type { ScenarioPoint } from '../scenario/matrix.js';
import { valueMetric, type Metric } from '../metrics/metric.js';
import { taskPhaseMetrics } from '../simulate/task-phases.js';
import { runLivePoint, type LivePointResult } from '../fleet/live/live-point.js';
import type { ModeRunner, PreparedRunner, RunContext } from './mode-runner.js';
import { simSpecFromScenario } from './sim-runner.js';
import { countLogElements } from '../../mock-server/engine/index.js';
import { simTable } from '../simulate/table.js';

const s = (ms: number): number => ms / 1000;

export function liveMetrics(r: LivePointResult): { metrics: Record<string, Metric>; counters: Record<string, number> } {
  const phases = taskPhaseMetrics(r.tasks, r.startMs, r.endMs);
  let logLines = 0;
  for (const task of r.tasks) logLines += countLogElements(task.activity);
  return {
    metrics: {
      ...phases.metrics,
      'run.makespan': valueMetric(s(r.endMs - r.startMs), 's'),
      'network.serverUplink.bytes': valueMetric(r.bytesPushed, 'bytes'),
      'network.feedUplink.bytes': valueMetric(r.bytesFromFeed, 'bytes'),
      'taskLog.lines': valueMetric(logLines, 'lines'),
      'fleet.connect': valueMetric(s(r.connectMs), 's'),
    },
    counters: {
      targets: r.stats.registered,
      ...phases.counters,
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
