// The api-flows mode: prepare() boots or probes the server (coded errors before any load), runPoint()
// runs one (operation, api) point — each operation a fresh client over the emulated link — and returns
// its metrics, with the server's own view (per-route counts, handler time, CPU, event-loop delay).
import { RealClock } from '../../core/clock.js';
import type { Problem } from '../../core/errors.js';
import type { ExecutionsOperation } from '../../flows/executions/index.js';
import { startDelayProxy, type DelayProxy } from '../../load/delay-proxy.js';
import { TokenBucket } from '../../load/interceptors/token-bucket.js';
import type { Scenario } from '../../scenario/schema.js';
import type { ModeRunner, PreparedRunner } from '../mode-runner.js';
import type { ApiName } from './operation.js';
import { mergeShares, pointMetrics, serverCounters } from './metrics.js';
import { openServerTarget } from './server-target.js';
import type { LinkSpec, ShareSpec } from './share-spec.js';
import type { ShareLoad } from './share.js';
import { runShares } from './workers.js';
import { seedTable } from '../table.js';

const MBPS = 1_000_000 / 8;
export const DEFAULT_MAX_IN_FLIGHT = 1_000;

/** api-flows rules beyond the schema (checked with validation, before anything starts). */
export function apiFlowsProblems(s: Scenario): Problem[] {
  const w = s.workload;
  if (s.mode !== 'api-flows' || !w) return [];
  const out: Problem[] = [];
  if (w.model === 'open' && w.durationMs === undefined) out.push({ path: 'workload.durationMs', message: "is required when workload.model is 'open'" });
  if (w.model === 'open' && w.vus !== undefined) out.push({ path: 'workload.vus', message: "applies only when workload.model is 'closed'" });
  if (w.model === 'closed' && w.rate !== undefined) out.push({ path: 'workload.rate', message: "applies only when workload.model is 'open'" });
  if (s.network?.emulation === 'none' && (s.network.rttMs ?? 0) > 0) out.push({ path: 'network.rttMs', message: "must be 0 when network.emulation is 'none'" });
  return out;
}

export function shareLoad(w: NonNullable<Scenario['workload']>): ShareLoad {
  return {
    model: w.model ?? 'closed', vus: w.vus ?? 1, maxInFlight: w.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, maxStartDelayMs: w.maxStartDelayMs ?? 0,
    ...(w.iterations === undefined ? {} : { iterations: w.iterations }), ...(w.durationMs === undefined ? {} : { durationMs: w.durationMs }),
    ...(w.rate === undefined ? {} : { rate: w.rate }),
  };
}

export function emulationOf(network: Scenario['network']): Record<string, unknown> {
  return {
    kind: network?.emulation ?? 'in-process', rttMs: network?.rttMs ?? 0,
    uplinkMbps: network?.uplinkMbps ?? null, downlinkMbps: network?.downlinkMbps ?? null,
  };
}

export const apiFlowsRunner: ModeRunner = {
  mode: 'api-flows',
  consoleTable: seedTable,
  async prepare(scenario, options): Promise<PreparedRunner> {
    const clock = new RealClock();
    const target = await openServerTarget(scenario, { seed: options.seed, clock });
    return {
      emulation: () => {
        const swept = Object.keys(scenario.matrix ?? {}).filter((k) => k.startsWith('network.'));
        return { ...emulationOf(scenario.network), server: target.kind, ...(swept.length > 0 ? { sweptPerPoint: swept } : {}) };
      },
      async runPoint(point, ctx) {
        const s = point.scenario;
        const w = s.workload!;
        const operation = String(point.params['operation'] ?? w.operations[0]) as ExecutionsOperation;
        const api = String(point.params['api'] ?? w.apis[0]) as ApiName;
        const rttMs = s.network?.rttMs ?? 0;
        const up = s.network?.uplinkMbps ? s.network.uplinkMbps * MBPS : undefined;
        const down = s.network?.downlinkMbps ? s.network.downlinkMbps * MBPS : undefined;
        let proxy: DelayProxy | undefined;
        let link: LinkSpec;
        if (s.network?.emulation === 'proxy') {
          proxy = await startDelayProxy({ clock, rttMs, ...(up ? { uplink: new TokenBucket(clock, up) } : {}), ...(down ? { downlink: new TokenBucket(clock, down) } : {}) });
          link = { kind: 'proxy', proxyUrl: proxy.url };
        } else if (s.network?.emulation === 'none') link = { kind: 'none' };
        else link = { kind: 'in-process', rttMs, ...(up ? { uplinkBytesPerSec: up } : {}), ...(down ? { downlinkBytesPerSec: down } : {}) };
        const spec: ShareSpec = {
          baseUrl: target.url, apiKey: target.apiKey, space: target.space, operation, api, link, load: shareLoad(w),
          input: { projectName: w.project ?? 'OctoPetShop', environmentName: w.environment ?? 'Development', runbookName: w.runbook ?? 'Restart',
            ...(operation === 'deploy-release' ? { releaseVersion: w.releaseVersion ?? '1.0.1' } : {}) },
          ...(w.waitForTask ? { wait: { pollMs: w.pollMs ?? 250, timeoutMs: w.waitTimeoutMs ?? 60_000 } } : {}),
        };
        if (ctx.signal.aborted) return { status: 'interrupted', metrics: {} };
        await target.resetStats();
        try {
          const merged = mergeShares(await runShares(clock, spec, w.workers ?? 1));
          const server = await target.stats();
          const metrics = pointMetrics(merged, proxy?.connects(), server);
          ctx.log(`${operation} ${api}: ${merged.operations} ok, ${merged.errors} failed, p50 ${metrics['operationDuration'] && 'p50' in metrics['operationDuration'] ? metrics['operationDuration'].p50 : 0} ms`);
          const failed = merged.operations === 0 && merged.errors > 0;
          return {
            status: failed ? 'failed' : 'ok',
            ...(merged.errors > 0 ? { error: { code: merged.errorMessages[0]?.split(':')[0] ?? 'OCTOBENCH_ERR_FLOW', message: merged.errorMessages.join(' | ') } } : {}),
            metrics,
            counters: serverCounters(server),
          };
        } finally {
          await proxy?.close();
        }
      },
      dispose: () => target.close(),
    };
  },
};
