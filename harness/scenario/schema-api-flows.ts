// Scenario sections of `mode: api-flows`: which server, which network, which workload.
// (Owned by the API-flow runner; extend here, keep every object closed with additionalProperties: false.)
import { Type } from '@sinclair/typebox';

const closed = { additionalProperties: false } as const;

export const ServerSection = Type.Object(
  {
    kind: Type.Union([Type.Literal('embedded'), Type.Literal('url')], { description: 'embedded: boot the reference server; url: any Octopus-compatible server' }),
    process: Type.Optional(Type.Union([Type.Literal('in-process'), Type.Literal('child')], { description: 'embedded only: same process or a child process', default: 'in-process' })),
    fixture: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'embedded only: fixture sizes (see the fixture reference)' })),
    url: Type.Optional(Type.String({ pattern: '^https?://', description: 'url only: the server base URL' })),
    apiKeyEnv: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'url only: environment variable holding the API key' })),
    space: Type.Optional(Type.String({ minLength: 1, description: 'space name', default: 'Default' })),
  },
  closed,
);

export const NetworkSection = Type.Object(
  {
    rttMs: Type.Optional(Type.Number({ minimum: 0, maximum: 60_000, description: 'round-trip latency added to every request', default: 0 })),
    uplinkMbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'client → server bandwidth' })),
    downlinkMbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'server → client bandwidth' })),
    emulation: Type.Optional(Type.Union([Type.Literal('in-process'), Type.Literal('proxy'), Type.Literal('none')], { default: 'in-process' })),
  },
  closed,
);

export const Operation = Type.Union([Type.Literal('create-release'), Type.Literal('deploy-release'), Type.Literal('run-runbook')]);
export const Api = Type.Union([Type.Literal('legacy'), Type.Literal('executions'), Type.Literal('executions-client')], {
  description: "legacy: the old octo CLI's call sequence; executions: the new CLI's single /v1 call; executions-client: the official TS client (root document per client, space lookup per process, then the call)",
});

export const WorkloadSection = Type.Object(
  {
    operations: Type.Array(Operation, { minItems: 1, uniqueItems: true }),
    apis: Type.Array(Api, { minItems: 1, uniqueItems: true }),
    model: Type.Optional(Type.Union([Type.Literal('closed'), Type.Literal('open')], { default: 'closed' })),
    vus: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'closed model: virtual users' })),
    iterations: Type.Optional(Type.Integer({ minimum: 1, description: 'closed model: iterations per point (all VUs together)' })),
    durationMs: Type.Optional(Type.Integer({ minimum: 1, description: 'time limit per point' })),
    rate: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'open model: operations started per second' })),
    maxInFlight: Type.Optional(Type.Integer({ minimum: 1, description: 'open model: concurrent operations before starts are dropped' })),
    waitForTask: Type.Optional(Type.Boolean({ description: 'also wait for the resulting task, as a separate phase', default: false })),
    pollMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 600_000, description: 'wait phase: task poll interval', default: 250 })),
    waitTimeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 3_600_000, description: 'wait phase: give up after this long', default: 60_000 })),
    maxStartDelayMs: Type.Optional(Type.Integer({ minimum: 0, description: 'open model: how long a due start may wait for a slot before it is dropped', default: 0 })),
    workers: Type.Optional(Type.Integer({ minimum: 1, maximum: 64, description: 'worker threads sharing the load (histograms merged)', default: 1 })),
    project: Type.Optional(Type.String({ minLength: 1, description: 'project name', default: 'OctoPetShop' })),
    environment: Type.Optional(Type.String({ minLength: 1, description: 'environment deployed to / run in', default: 'Development' })),
    runbook: Type.Optional(Type.String({ minLength: 1, description: 'runbook name', default: 'Restart' })),
    releaseVersion: Type.Optional(Type.String({ minLength: 1, description: 'deploy-release: the release deployed', default: '1.0.1' })),
  },
  closed,
);
