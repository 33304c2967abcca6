// Scenario sections of `mode: sim` (and later `live`): the deployment to run (`deployment`), the fleet it
// runs on (`fleet`) and the server's cost model (`serverModel`). Owned by the deployment simulator;
// extend here, keep every object closed. Defaults are applied by harness/run/sim-runner.ts from
// harness/simulate/spec.ts and server-model.ts (their values are repeated in the descriptions).
import { Type } from '@sinclair/typebox';

const closed = { additionalProperties: false } as const;

/** The most targets one simulated point holds (targets × deployments): ~3.7 GB of heap at 1,000,000
 *  with one step (bench:sim figures), just under Node's default 4 GB heap limit. */
export const MAX_SIM_TARGETS = 1_000_000;

export const DeploymentSection = Type.Object(
  {
    targets: Type.Integer({ minimum: 1, maximum: MAX_SIM_TARGETS, description: 'targets per deployment' }),
    deployments: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: 'deployments (server tasks) submitted at once, each to its own targets; the task cap queues the rest' })),
    steps: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 5, description: 'steps per deployment: step 1 deploys the package, the others run scripts' })),
    preAcquisitionSteps: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, default: 0, description: 'script steps marked BeforePackageAcquisition, run before the acquisition phase' })),
    stepMs: Type.Optional(Type.Number({ minimum: 0, default: 10_000, description: 'script time of one step on a reference target, ms' })),
    packageSizeMB: Type.Optional(Type.Number({ minimum: 0, default: 100 })),
    transfer: Type.Optional(Type.Union([Type.Literal('push'), Type.Literal('pull'), Type.Literal('delta')], {
      default: 'push', description: 'push: the server sends the package; pull: targets download from a feed; delta: push with Octodiff against the previous version every target holds',
    })),
    changedFraction: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: 0.05, description: 'delta: fraction of the package that changed (above 0.8 the full package goes)' })),
    cachedFraction: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: 0, description: 'fraction of targets that already hold this version (nothing moves for them)' })),
    acquireParallelism: Type.Optional(Type.Integer({ minimum: 1, default: 10, description: 'Octopus.Acquire.MaxParallelism' })),
    windowSize: Type.Optional(Type.Integer({ minimum: 1, description: 'rolling window per step (Octopus.Action.MaxParallelism); absent = all targets at once' })),
    taskCap: Type.Optional(Type.Integer({ minimum: 1, default: 5 })),
    logLinesPerStep: Type.Optional(Type.Integer({ minimum: 0, default: 20, description: 'output lines each step writes per target' })),
    logBytesPerLine: Type.Optional(Type.Integer({ minimum: 0, default: 100 })),
    variables: Type.Optional(Type.Object({
      count: Type.Integer({ minimum: 0, default: 200 }),
      bytesEach: Type.Integer({ minimum: 0, default: 100, description: 'value size of each variable' }),
    }, { ...closed, description: 'project variables sent with every step' })),
    stepRetries: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, default: 0, description: 'Octopus.Action.AutoRetry.MaximumCount on every step' })),
    stepRetryBackoffS: Type.Optional(Type.Integer({ minimum: 0, default: 15 })),
  },
  closed,
);

const Distribution = Type.Union([
  Type.Number({ minimum: 0 }),
  Type.Object({ uniform: Type.Tuple([Type.Number({ minimum: 0 }), Type.Number({ minimum: 0 })]) }, closed),
  Type.Object({ logNormal: Type.Object({ median: Type.Number({ exclusiveMinimum: 0 }), sigma: Type.Number({ minimum: 0 }) }, closed) }, closed),
  Type.Object({ each: Type.Array(Type.Number({ minimum: 0 }), { minItems: 1 }) }, closed),
], { description: 'a number, {uniform: [min, max]}, {logNormal: {median, sigma}} or {each: [...]} (target i takes item i mod n)' });

const Probability = Type.Number({ minimum: 0, maximum: 1 });

export const FleetSection = Type.Object(
  {
    downlinkMbps: Type.Optional(Distribution),
    rttMs: Type.Optional(Distribution),
    diskMBps: Type.Optional(Distribution),
    cpuSpeed: Type.Optional(Distribution),
    backgroundLoad: Type.Optional(Distribution),
    polling: Type.Optional(Type.Boolean({ default: true, description: 'targets are polling Tentacles (idle server CPU per target)' })),
    regions: Type.Optional(Type.Array(Type.Object({
      name: Type.String({ minLength: 1 }),
      weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 1 })),
      wanMbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'WAN link to the server region' })),
      wanLatencyMs: Type.Optional(Type.Number({ minimum: 0 })),
      feedUplinkMbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'a feed inside this region that its targets pull from' })),
    }, closed), { minItems: 1 })),
    failures: Type.Optional(Type.Object({
      disconnectProbability: Type.Optional(Probability),
      stepFailureProbability: Type.Optional(Probability),
      stragglerProbability: Type.Optional(Probability),
      stragglerFactor: Type.Optional(Type.Number({ minimum: 1 })),
    }, closed)),
  },
  closed,
);

const Cost = Type.Number({ minimum: 0 });

export const ServerModelSection = Type.Object(
  {
    cores: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    uplinkMbps: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    feedUplinkMbps: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    region: Type.Optional(Type.String({ minLength: 1 })),
    cpuPerActionMs: Type.Optional(Cost),
    cpuPerPollingTargetPerSecMs: Type.Optional(Cost),
    cpuPerInFlightCommandPerSecMs: Type.Optional(Cost),
    cpuPerLogLineMs: Type.Optional(Cost),
    cpuPerLogKBMs: Type.Optional(Cost),
    cpuPerDeltaMBMs: Type.Optional(Cost),
    cpuPerPushedMBMs: Type.Optional(Cost),
    cpuPerVariableKBMs: Type.Optional(Cost),
  },
  { ...closed, description: 'the simulated server; every constant defaults to harness/simulate/server-model.ts (sources in the README)' },
);
