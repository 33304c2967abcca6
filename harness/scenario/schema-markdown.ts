// The scenario schema reference (scenarios/README.md) GENERATED from the typebox schema: one table per
// section, one row per key with its type, default, limits, description and one example. Examples come
// from the shipped scenarios (the first one that sets the key, in file-name order), else from the
// key's default (serverModel.*: the simulator's default model), else a hand-picked value for the few
// keys nothing ships. Pure: schema and example documents in, markdown out.
import type { TSchema } from '@sinclair/typebox';
import { DEFAULT_SERVER_MODEL } from '../simulate/server-model.js';
import { REQUIRED_SECTIONS, ScenarioSchema } from './schema.js';

interface Row { path: string; schema: TSchema; required: boolean }
type Doc = Record<string, unknown>;

/** Examples for keys that no shipped scenario sets and that have no default. */
const FALLBACK_EXAMPLES: Record<string, unknown> = {
  'server.fixture': { projectsPerSpace: 20, variablesPerProject: 500 },
  'server.url': 'https://octopus.example.com',
  'server.apiKeyEnv': 'OCTOPUS_API_KEY',
  'workload.durationMs': 30_000,
  'workload.rate': 20,
  'workload.maxInFlight': 50,
  'fleet.cpuSpeed': { logNormal: { median: 1, sigma: 0.3 } },
  'fleet.backgroundLoad': { uniform: [0, 0.5] },
  'fleet.failures': { stepFailureProbability: 0.01 },
  'fleet.failures.disconnectProbability': 0.001,
  'fleet.failures.stepFailureProbability': 0.01,
  'fleet.failures.stragglerProbability': 0.05,
  'fleet.failures.stragglerFactor': 3,
  'serverModel.region': 'local',
  'charts[].groupBy': ['network.rttMs'],
  'charts[].baseline': 'legacy',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(s: TSchema): string {
  if (s['const'] !== undefined) return JSON.stringify(s['const']);
  if (Array.isArray(s['anyOf'])) {
    const alts = (s['anyOf'] as TSchema[]).map(typeOf);
    return alts.every((a) => a.startsWith('"')) ? alts.join(' | ') : alts.join(' or ');
  }
  if (s['type'] === 'array') return s['items'] && !Array.isArray(s['items']) ? `${/ /.test(typeOf(s['items'] as TSchema)) ? `(${typeOf(s['items'] as TSchema)})` : typeOf(s['items'] as TSchema)}[]` : `[${((s['items'] as TSchema[] | undefined) ?? []).map(typeOf).join(', ')}]`;
  if (s['type'] === 'object') {
    if (s['patternProperties']) return `map of ${typeOf(Object.values(s['patternProperties'] as Record<string, TSchema>)[0]!)}`;
    const keys = Object.keys((s['properties'] as Record<string, TSchema> | undefined) ?? {});
    return keys.length === 0 ? 'object' : `{${keys.join(', ')}}`;
  }
  return String(s['type'] ?? 'any');
}

function limitsOf(s: TSchema): string {
  const parts: string[] = [];
  if (s['minimum'] !== undefined) parts.push(`≥ ${String(s['minimum'])}`);
  if (s['exclusiveMinimum'] !== undefined) parts.push(`> ${String(s['exclusiveMinimum'])}`);
  if (s['maximum'] !== undefined) parts.push(`≤ ${String(s['maximum'])}`);
  if (s['minItems'] !== undefined) parts.push(`≥ ${String(s['minItems'])} items`);
  if (s['maxItems'] !== undefined) parts.push(`≤ ${String(s['maxItems'])} items`);
  if (s['uniqueItems'] === true) parts.push('unique');
  if (s['minLength'] !== undefined) parts.push(`length ≥ ${String(s['minLength'])}`);
  if (s['maxLength'] !== undefined) parts.push(`length ≤ ${String(s['maxLength'])}`);
  if (s['pattern'] !== undefined) parts.push(`pattern \`${String(s['pattern'])}\``);
  return parts.join(', ');
}

function rows(s: TSchema, prefix: string, out: Row[]): void {
  const props = (s['properties'] as Record<string, TSchema> | undefined) ?? {};
  const required = new Set((s['required'] as string[] | undefined) ?? []);
  for (const [key, child] of Object.entries(props)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push({ path, schema: child, required: required.has(key) });
    if (child['type'] === 'object' && child['properties']) rows(child, path, out);
    const items = child['items'] as TSchema | undefined;
    if (child['type'] === 'array' && items && !Array.isArray(items) && items['type'] === 'object') rows(items, `${path}[]`, out);
  }
}

/** Every value at `path` in doc (`a[].b`: b of each item of a), in document order. */
function valuesAt(doc: unknown, parts: readonly string[]): unknown[] {
  if (parts.length === 0) return doc === undefined ? [] : [doc];
  if (doc === null || typeof doc !== 'object') return [];
  const [part, ...rest] = parts as [string, ...string[]];
  if (!part.endsWith('[]')) return valuesAt((doc as Doc)[part], rest);
  const items = (doc as Doc)[part.slice(0, -2)];
  return Array.isArray(items) ? items.flatMap((item) => valuesAt(item, rest)) : [];
}

function example(row: Row, docs: readonly Doc[]): string {
  const leaf = row.path.split('.').pop()!;
  const [section, key] = row.path.split('.');
  const model = section === 'serverModel' && key !== undefined ? (DEFAULT_SERVER_MODEL as unknown as Doc)[key] : undefined;
  const v = docs.flatMap((doc) => valuesAt(doc, row.path.split('.')))[0] ?? row.schema['default'] ?? model ?? FALLBACK_EXAMPLES[row.path];
  return v === undefined ? '' : `\`${leaf}: ${JSON.stringify(v)}\``;
}

const MODES_NEEDING = (section: string): string[] => Object.entries(REQUIRED_SECTIONS).filter(([, s]) => (s as readonly string[]).includes(section)).map(([m]) => m);

/** scenarios/README.md. `examples`: the shipped scenario documents, in file-name order. */
export function schemaMarkdown(examples: readonly Doc[]): string {
  const all: Row[] = [];
  rows(ScenarioSchema, '', all);
  const sections = new Map<string, Row[]>();
  for (const row of all) {
    const top = row.path.split('.')[0]!;
    const isSection = row.path === top && row.schema['type'] === 'object' && row.schema['properties'] !== undefined;
    const key = row.path === top && !isSection ? '' : top;
    if (isSection) continue;
    sections.set(key, [...(sections.get(key) ?? []), row]);
  }
  const props = ScenarioSchema.properties as Record<string, TSchema>;
  const lines = [
    '<!-- GENERATED by `octobench schema --markdown > scenarios/README.md` from harness/scenario/schema*.ts; do not edit by hand (a test keeps it in sync). -->',
    '# Scenario reference (version 1)',
    '',
    'A scenario is a YAML (or JSON) file: one `mode`, its sections, and an optional `matrix` that sweeps any',
    'key below by its dotted path (cartesian product; `repeat` runs each point n times). Validate with',
    '`octobench validate <file>`, list the points with `octobench plan <file>`, run with `octobench run <file>`',
    '(`--quick` for the small variant). The JSON Schema is `scenarios/scenario-v1.schema.json`. Examples',
    'are taken from the shipped scenarios in this directory where one sets the key, else the default.',
  ];
  for (const [section, rs] of sections) {
    const s = section === '' ? undefined : props[section];
    const modes = section === '' ? [] : MODES_NEEDING(section);
    lines.push('', `## ${section === '' ? 'Top level' : `\`${section}\``}`, '');
    if (s?.['description']) lines.push(String(s['description']), '');
    if (modes.length > 0) lines.push(`Required for mode ${modes.map((m) => `\`${m}\``).join(', ')}.`, '');
    lines.push('| key | type | default | limits | description | example |', '|---|---|---|---|---|---|');
    for (const row of rs) {
      const def = row.schema['default'] === undefined ? (row.required ? '**required**' : '') : `\`${JSON.stringify(row.schema['default'])}\``;
      lines.push(`| \`${row.path}\` | ${cell(typeOf(row.schema))} | ${cell(def)} | ${cell(limitsOf(row.schema))} | ${cell(String(row.schema['description'] ?? ''))} | ${cell(example(row, examples))} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
