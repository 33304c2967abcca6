// The scenario schema: ONE source for the TypeScript types (Static<>), the validator and the published
// JSON Schema (typebox schemas are JSON Schema). Every object is closed: unknown keys are errors.
import { Type, type Static } from '@sinclair/typebox';
import { NetworkSection, ServerSection, WorkloadSection } from './schema-api-flows.js';
import { DeploymentSection, FleetSection, ServerModelSection } from './schema-deployment.js';
import { ChartsSection } from './schema-charts.js';

export const SCENARIO_SCHEMA_VERSION = 1;
export const PARAMETER_PATH_PATTERN = '^[A-Za-z][A-Za-z0-9]*(\\[\\d+\\])*(\\.[A-Za-z][A-Za-z0-9]*(\\[\\d+\\])*)*$';

const MatrixValue = Type.Union([Type.Number(), Type.String(), Type.Boolean()]);

export const ScenarioSchema = Type.Object(
  {
    version: Type.Literal(SCENARIO_SCHEMA_VERSION, { description: 'scenario schema version' }),
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 80, description: 'kebab-case name; reports go to reports/<name>/' }),
    description: Type.Optional(Type.String({ description: 'the question this scenario answers' })),
    mode: Type.Union([Type.Literal('api-flows'), Type.Literal('sim'), Type.Literal('live')], { description: 'api-flows: HTTP flows against a server; sim: a deployment in virtual time; live: the same deployment keys run by real polling agents' }),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, default: 1 })),
    repeat: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1, description: 'runs per matrix point' })),
    matrix: Type.Optional(
      Type.Record(Type.String({ pattern: PARAMETER_PATH_PATTERN }), Type.Array(MatrixValue, { minItems: 1, maxItems: 1000 }), {
        description: 'parameter path → values to sweep (cartesian product)',
      }),
    ),
    server: Type.Optional(ServerSection),
    network: Type.Optional(NetworkSection),
    workload: Type.Optional(WorkloadSection),
    deployment: Type.Optional(DeploymentSection),
    fleet: Type.Optional(FleetSection),
    serverModel: Type.Optional(ServerModelSection),
    charts: Type.Optional(ChartsSection),
  },
  { additionalProperties: false, $id: 'https://octobench.dev/schemas/scenario-v1.json', title: 'octobench scenario' },
);

export type Scenario = Static<typeof ScenarioSchema>;

/** Sections each mode requires (checked after the schema, so that all problems are still reported together). */
export const REQUIRED_SECTIONS: Record<Scenario['mode'], readonly (keyof Scenario)[]> = {
  'api-flows': ['server', 'workload'],
  sim: ['deployment'],
  live: ['deployment'],
};
