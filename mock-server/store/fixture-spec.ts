// The fixture description: how big the reference server's world is (spaces, projects, environments,
// tenants, targets, process shape, variables, releases, feed). One TypeBox schema is the source of the
// TS type and of validation; parseFixture reports every problem at once, with its path, and rejects
// unknown keys. Omitted keys take the defaults below (DEFAULT_FIXTURE = parseFixture({})).
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { OctobenchError, type Problem } from '../../harness/core/errors.js';
import { pointerToPath } from '../../harness/core/input-file.js';
import { DEFAULT_PACKAGE_CHANGE_FRACTION } from './package-changes.js';

const Int = (minimum: number, maximum: number, description: string) =>
  Type.Integer({ minimum, maximum, description });

export const FixtureSchema = Type.Object(
  {
    spaces: Type.Optional(Int(1, 100, 'Spaces; the first is `Default` (Spaces-1, IsDefault).')),
    projectsPerSpace: Type.Optional(Int(1, 5000, 'Projects per space; the first is OctoPetShop.')),
    environments: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 500, description: 'Environment names, in lifecycle order.' }),
    ),
    tenants: Type.Optional(Int(0, 100_000, 'Tenants per space (Tenant-A, Tenant-B…), each connected to every project in every environment.')),
    targetsPerEnvironment: Type.Optional(Int(0, 100_000, 'Deployment targets (role `web`) per environment per space.')),
    totalTargets: Type.Optional(Int(0, 1_000_000, 'Deployment targets per space, spread round-robin over the environments; overrides targetsPerEnvironment.')),
    targetCommunicationStyle: Type.Optional(Type.Union([Type.Literal('TentaclePassive'), Type.Literal('TentacleActive')])),
    stepsPerProcess: Type.Optional(Int(1, 500, 'Steps of each deployment process (package and script steps mixed).')),
    packagesPerStep: Type.Optional(Int(0, 50, 'Package references per package step.')),
    runbookSteps: Type.Optional(Int(1, 100, 'Steps of each runbook process.')),
    variablesPerProject: Type.Optional(Int(0, 1_000_000, 'Variables in each project variable set.')),
    variableValueBytes: Type.Optional(Int(0, 10_000_000, 'Length of each variable value.')),
    releasesPerProject: Type.Optional(Int(0, 100_000, 'Pre-existing releases per project.')),
    packageVersionsInFeed: Type.Optional(Int(1, 10_000, 'Versions of every package in the built-in feed.')),
    packageSizeBytes: Type.Optional(Int(1, 1_000_000_000_000, 'Median package size.')),
    packageSizeSpread: Type.Optional(Type.Number({ minimum: 0, maximum: 0.95, description: 'Relative uniform spread of package sizes around the median.' })),
    packageChangeFraction: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Fraction of a package that changes from one version to the next (delta compression; versions k apart differ by min(1, k·fraction)).' })),
    acquisitionLocation: Type.Optional(Type.Union([Type.Literal('Server'), Type.Literal('ExecutionTarget')])),
    maxParallelism: Type.Optional(Int(1, 100_000, 'Rolling window: `Octopus.Action.MaxParallelism` on every target step; omitted = unbounded.')),
    acquireMaxParallelism: Type.Optional(Int(1, 100_000, 'Project variable `Octopus.Acquire.MaxParallelism`; omitted = engine default (10).')),
  },
  { additionalProperties: false },
);

export type FixtureInput = Static<typeof FixtureSchema>;
type NoDefault = 'maxParallelism' | 'acquireMaxParallelism' | 'totalTargets';
type Defaulted = Exclude<keyof FixtureInput, NoDefault>;
export type FixtureSpec = Required<Pick<FixtureInput, Defaulted>> & Pick<FixtureInput, NoDefault>;

const DEFAULTS: Required<Pick<FixtureInput, Defaulted>> = {
  spaces: 1,
  projectsPerSpace: 4,
  environments: ['Development', 'Test', 'Production'],
  tenants: 3,
  targetsPerEnvironment: 3,
  targetCommunicationStyle: 'TentaclePassive',
  stepsPerProcess: 6,
  packagesPerStep: 1,
  runbookSteps: 2,
  variablesPerProject: 20,
  variableValueBytes: 48,
  releasesPerProject: 2,
  packageVersionsInFeed: 5,
  packageSizeBytes: 20 * 1024 * 1024,
  packageSizeSpread: 0.25,
  packageChangeFraction: DEFAULT_PACKAGE_CHANGE_FRACTION,
  acquisitionLocation: 'Server',
};

const ALLOWED_KEYS = Object.keys(FixtureSchema.properties).join(', ');

/** TypeBox's message, made specific for unknown keys and literal unions. */
function describeError(schema: { anyOf?: { const?: unknown }[] }, message: string): string {
  if (message === 'Unexpected property') return `unknown key (allowed: ${ALLOWED_KEYS})`;
  const literals = schema.anyOf?.map((s) => s.const);
  if (literals && literals.length > 0 && literals.every((l) => typeof l === 'string')) return `must be one of ${literals.map((l) => `'${String(l)}'`).join(', ')}`;
  return message;
}

function problemsOf(input: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const e of Value.Errors(FixtureSchema, input)) {
    problems.push({ path: pointerToPath(e.path), message: describeError(e.schema as { anyOf?: { const?: unknown }[] }, e.message) });
  }
  const envs = (input as { environments?: unknown } | null)?.environments;
  if (Array.isArray(envs)) {
    const seen = new Map<string, number>();
    envs.forEach((name: unknown, i) => {
      if (typeof name !== 'string' || name === '') return;
      const first = seen.get(name.toLowerCase());
      if (first !== undefined) problems.push({ path: `environments[${i}]`, message: `duplicate of environments[${first}] ('${name}')` });
      else seen.set(name.toLowerCase(), i);
    });
  }
  return problems;
}

/** Validates a fixture description (from JSON/YAML) and fills in defaults; never mutates input. */
export function parseFixture(input: unknown): FixtureSpec {
  const problems = problemsOf(input);
  if (problems.length > 0) {
    throw new OctobenchError('OCTOBENCH_ERR_FIXTURE_INVALID', `fixture is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, { problems });
  }
  const given = input as FixtureInput;
  const spec: FixtureSpec = { ...DEFAULTS, environments: [...DEFAULTS.environments] };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) (spec as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
  }
  return spec;
}

/** The defaults; frozen (copy it to change it). */
export const DEFAULT_FIXTURE: FixtureSpec = (() => {
  const spec = parseFixture({});
  Object.freeze(spec.environments);
  return Object.freeze(spec);
})();
