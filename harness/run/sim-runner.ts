// `mode: sim`: each point is one simulation (harness/simulate) of the scenario's deployment on its
// modelled fleet and server, in virtual time, synchronously. Nothing to boot or dispose. The point's
// metrics are virtual-time facts; only wallMs (set by the pipeline) depends on the machine.
import { OctobenchError } from '../core/errors.js';
import type { Scenario } from '../scenario/schema.js';
import type { ScenarioPoint } from '../scenario/matrix.js';
import type { ModeRunner, PreparedRunner, RunContext } from './mode-runner.js';
import { NO_FAILURES, type Distribution } from '../fleet/model/index.js';
import { collectMetrics } from '../simulate/metrics.js';
import { simulate } from '../simulate/simulate.js';
import { DEFAULT_DEPLOYMENT, defaultSimSpec, type SimSpec } from '../simulate/spec.js';
import { DEFAULT_SERVER_MODEL, type ServerModel } from '../simulate/server-model.js';
import { simTable } from '../simulate/table.js';

/** The simulator's spec for a (matrix-substituted) scenario: the scenario's values over every default. */
export function simSpecFromScenario(scenario: Scenario, seed: number): SimSpec {
  const d = scenario.deployment;
  if (d === undefined) throw new OctobenchError('OCTOBENCH_ERR_INTERNAL', 'simSpecFromScenario: the scenario has no deployment section (validation requires it for mode sim)');
  const base = defaultSimSpec(d.targets, seed);
  const f = scenario.fleet ?? {};
  const server: ServerModel = { ...DEFAULT_SERVER_MODEL };
  for (const [key, value] of Object.entries(scenario.serverModel ?? {})) {
    if (value !== undefined) (server as unknown as Record<string, unknown>)[key] = value;
  }
  const dist = (value: Distribution | undefined, fallback: Distribution): Distribution => value ?? fallback;
  return {
    ...base,
    deployment: {
      ...DEFAULT_DEPLOYMENT,
      targets: d.targets,
      deployments: d.deployments ?? DEFAULT_DEPLOYMENT.deployments,
      steps: d.steps ?? DEFAULT_DEPLOYMENT.steps,
      preAcquisitionSteps: d.preAcquisitionSteps ?? DEFAULT_DEPLOYMENT.preAcquisitionSteps,
      stepMs: d.stepMs ?? DEFAULT_DEPLOYMENT.stepMs,
      packageSizeMB: d.packageSizeMB ?? DEFAULT_DEPLOYMENT.packageSizeMB,
      transfer: d.transfer ?? DEFAULT_DEPLOYMENT.transfer,
      changedFraction: d.changedFraction ?? DEFAULT_DEPLOYMENT.changedFraction,
      cachedFraction: d.cachedFraction ?? DEFAULT_DEPLOYMENT.cachedFraction,
      acquireParallelism: d.acquireParallelism ?? DEFAULT_DEPLOYMENT.acquireParallelism,
      windowSize: d.windowSize,
      taskCap: d.taskCap ?? DEFAULT_DEPLOYMENT.taskCap,
      logLinesPerStep: d.logLinesPerStep ?? DEFAULT_DEPLOYMENT.logLinesPerStep,
      logBytesPerLine: d.logBytesPerLine ?? DEFAULT_DEPLOYMENT.logBytesPerLine,
      variableCount: d.variables?.count ?? DEFAULT_DEPLOYMENT.variableCount,
      variableBytes: d.variables?.bytesEach ?? DEFAULT_DEPLOYMENT.variableBytes,
      stepRetries: d.stepRetries ?? DEFAULT_DEPLOYMENT.stepRetries,
      stepRetryBackoffS: d.stepRetryBackoffS ?? DEFAULT_DEPLOYMENT.stepRetryBackoffS,
      pollingTargets: f.polling ?? DEFAULT_DEPLOYMENT.pollingTargets,
    },
    fleet: {
      downlinkMbps: dist(f.downlinkMbps, base.fleet.downlinkMbps),
      rttMs: dist(f.rttMs, base.fleet.rttMs),
      diskMBps: dist(f.diskMBps, base.fleet.diskMBps),
      cpuSpeed: dist(f.cpuSpeed, base.fleet.cpuSpeed),
      backgroundLoad: dist(f.backgroundLoad, base.fleet.backgroundLoad),
      regions: f.regions?.map((r) => ({ name: r.name, weight: r.weight ?? 1 })) ?? base.fleet.regions,
      failures: { ...NO_FAILURES, ...f.failures },
    },
    regions: (f.regions ?? []).map((r) => ({
      name: r.name,
      ...(r.wanMbps === undefined ? {} : { wanMbps: r.wanMbps }),
      ...(r.wanLatencyMs === undefined ? {} : { wanLatencyMs: r.wanLatencyMs }),
      ...(r.feedUplinkMbps === undefined ? {} : { feedUplinkMbps: r.feedUplinkMbps }),
    })),
    server,
  };
}

/** One simulated point, synchronously (also what a sim worker thread runs). */
export function simPoint(scenario: Scenario, seed: number): Awaited<ReturnType<PreparedRunner['runPoint']>> {
  const { metrics, counters, series } = collectMetrics(simulate(simSpecFromScenario(scenario, seed)));
  return { status: 'ok', metrics, counters, series };
}

class PreparedSim implements PreparedRunner {
  emulation(): Record<string, unknown> {
    return { kind: 'sim', network: 'flow-level max-min fair sharing', clock: 'virtual' };
  }

  async runPoint(point: ScenarioPoint, ctx: RunContext): ReturnType<PreparedRunner['runPoint']> {
    if (ctx.signal.aborted) return { status: 'interrupted', metrics: {} };
    const spec = simSpecFromScenario(point.scenario, ctx.seed);
    const d = spec.deployment;
    ctx.log(`sim point ${point.index}: ${d.deployments} × ${d.targets} targets, ${d.steps} steps, ${d.packageSizeMB} MB ${d.transfer}, acquire ×${d.acquireParallelism}`);
    return simPoint(point.scenario, ctx.seed);
  }

  async dispose(): Promise<void> {}
}

export const simRunner: ModeRunner = {
  mode: 'sim',
  consoleTable: simTable,
  prepare: async () => new PreparedSim(),
};
