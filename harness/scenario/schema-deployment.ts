// Scenario sections of `mode: sim` (and later `live`): the deployment to run and the fleet it runs on.
// (Owned by the deployment simulator; extend here, keep every object closed.)
import { Type } from '@sinclair/typebox';

const closed = { additionalProperties: false } as const;

export const DeploymentSection = Type.Object(
  {
    targets: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    steps: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 5 })),
    packageSizeMB: Type.Optional(Type.Number({ minimum: 0, default: 100 })),
    transfer: Type.Optional(Type.Union([Type.Literal('push'), Type.Literal('pull'), Type.Literal('delta')], { default: 'push' })),
    acquireParallelism: Type.Optional(Type.Integer({ minimum: 1, default: 10 })),
    windowSize: Type.Optional(Type.Integer({ minimum: 1 })),
    taskCap: Type.Optional(Type.Integer({ minimum: 1, default: 5 })),
  },
  closed,
);
