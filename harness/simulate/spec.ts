// What one simulated point is: the deployment(s), the fleet, the regions and the server model, fully
// resolved (every default applied; sim-runner.ts maps a scenario onto this). Plain data.
import type { FleetSpec } from '../fleet/model/index.js';
import { DEFAULT_FLEET_SPEC } from '../fleet/model/index.js';
import { DEFAULT_SERVER_MODEL, type ServerModel } from './server-model.js';
import type { RegionLinks } from './topology.js';

export type TransferMode = 'push' | 'pull' | 'delta';

export interface DeploymentSpec {
  /** Targets per deployment; each deployment has its own targets. */
  targets: number;
  /** Deployments (server tasks) submitted at once; the task cap decides how many run together. */
  deployments: number;
  /** Steps per deployment: step 1 deploys the package, the rest run scripts. */
  steps: number;
  /** Extra script steps marked BeforePackageAcquisition (e.g. opening a VPN), run before the
   *  acquisition phase; they come first in the process. */
  preAcquisitionSteps: number;
  /** Reference script time of a step, ms. */
  stepMs: number;
  packageSizeMB: number;
  /** push: the server sends the whole package; pull: targets download from a feed; delta: push with
   *  Octodiff against the previous version, which every target already has. */
  transfer: TransferMode;
  /** Fraction of the package that changed since the previous version (delta). */
  changedFraction: number;
  /** Fraction of targets that already hold this version (spread evenly over the fleet). */
  cachedFraction: number;
  acquireParallelism: number;
  /** Rolling window per step (Octopus.Action.MaxParallelism on the step); undefined = all at once. */
  windowSize: number | undefined;
  taskCap: number;
  logLinesPerStep: number;
  logBytesPerLine: number;
  variableCount: number;
  variableBytes: number;
  /** Octopus.Action.AutoRetry.MaximumCount on every step (0 = no step retries), with backoff in s. */
  stepRetries: number;
  stepRetryBackoffS: number;
  /** Targets are polling Tentacles (each costs the server a little CPU all the time). */
  pollingTargets: boolean;
}

export interface SimSpec {
  seed: number;
  deployment: DeploymentSpec;
  fleet: Omit<FleetSpec, 'count' | 'idPrefix'>;
  regions: RegionLinks[];
  server: ServerModel;
  /** Points per time series (bucketed). */
  seriesBuckets: number;
}

export const DEFAULT_DEPLOYMENT: Readonly<Omit<DeploymentSpec, 'targets'>> = Object.freeze({
  deployments: 1,
  steps: 5,
  preAcquisitionSteps: 0,
  stepMs: 10_000,
  packageSizeMB: 100,
  transfer: 'push',
  changedFraction: 0.05,
  cachedFraction: 0,
  acquireParallelism: 10,
  windowSize: undefined,
  taskCap: 5,
  logLinesPerStep: 20,
  logBytesPerLine: 100,
  variableCount: 200,
  variableBytes: 100,
  stepRetries: 0,
  stepRetryBackoffS: 15,
  pollingTargets: true,
});

/** A spec with every default, for `targets` targets. */
export function defaultSimSpec(targets: number, seed = 1): SimSpec {
  return {
    seed,
    deployment: { ...DEFAULT_DEPLOYMENT, targets },
    fleet: { ...DEFAULT_FLEET_SPEC },
    regions: [],
    server: { ...DEFAULT_SERVER_MODEL },
    seriesBuckets: 120,
  };
}
