// Specs for simulator tests: a free server (no CPU costs), no polling, no variables or logs, so that
// durations follow the analytic formulas exactly.
import { FREE_SERVER_MODEL } from '../../../harness/simulate/server-model.js';
import { defaultSimSpec, type DeploymentSpec, type SimSpec } from '../../../harness/simulate/spec.js';
import type { FleetSpec } from '../../../harness/fleet/model/index.js';

export function analyticSpec(targets: number, d: Partial<DeploymentSpec> = {}, fleet: Partial<FleetSpec> = {}): SimSpec {
  const spec = defaultSimSpec(targets, 1);
  return {
    ...spec,
    deployment: { ...spec.deployment, steps: 1, stepMs: 0, variableCount: 0, logLinesPerStep: 0, pollingTargets: false, ...d },
    fleet: { ...spec.fleet, rttMs: 0, diskMBps: 1e12, ...fleet },
    server: { ...FREE_SERVER_MODEL, uplinkMbps: 1e6, feedUplinkMbps: 1e6 },
  };
}
