// Validates a parsed scenario against the schema and reports EVERY problem at once, each with its
// path (`matrix.network.rttMs[2]: must be >= 0`). Matrix values are checked by substituting each one
// into the scenario and validating the result, so a swept value is held to the same rules as a fixed one.
import { Value } from '@sinclair/typebox/value';
import { OctobenchError, type Problem } from '../core/errors.js';
import { getAt, pointerToPath, setAt, splitPath } from './paths.js';
import { MAX_SIM_TARGETS } from './schema-deployment.js';
import { REQUIRED_SECTIONS, ScenarioSchema, type Scenario } from './schema.js';

function schemaProblems(data: unknown, prefix = ''): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(ScenarioSchema, data)) {
    const path = pointerToPath(error.path);
    const full = prefix && path ? `${prefix}.${path}` : prefix || path;
    const key = `${full}|${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: full, message: error.message });
  }
  return out;
}

function crossProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  for (const section of REQUIRED_SECTIONS[s.mode] ?? []) {
    if (s[section] === undefined) out.push({ path: section, message: `is required when mode is '${s.mode}'` });
  }
  if (s.server?.kind === 'url') {
    if (!s.server.url) out.push({ path: 'server.url', message: "is required when server.kind is 'url'" });
    if (!s.server.apiKeyEnv) out.push({ path: 'server.apiKeyEnv', message: "is required when server.kind is 'url'" });
    if (s.server.fixture) out.push({ path: 'server.fixture', message: "applies only when server.kind is 'embedded'" });
  }
  if (s.server?.kind === 'embedded' && s.server.url) out.push({ path: 'server.url', message: "applies only when server.kind is 'url'" });
  const w = s.workload;
  if (w?.model === 'open' && w.rate === undefined) out.push({ path: 'workload.rate', message: "is required when workload.model is 'open'" });
  if (w && w.iterations === undefined && w.durationMs === undefined) out.push({ path: 'workload', message: 'needs iterations or durationMs (or both)' });
  return out;
}

function matrixProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  for (const [path, values] of Object.entries(s.matrix ?? {})) {
    let parts: (string | number)[];
    try {
      parts = splitPath(path);
    } catch {
      out.push({ path: `matrix.${path}`, message: 'is not a parameter path' });
      continue;
    }
    if (parts[0] === 'matrix' || parts[0] === 'version' || parts[0] === 'mode') {
      out.push({ path: `matrix.${path}`, message: `'${String(parts[0])}' cannot be swept` });
      continue;
    }
    values.forEach((value, i) => {
      const substituted = setAt({ ...s, matrix: undefined }, path, value);
      for (const p of schemaProblems(substituted)) {
        if (p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`) || getAt(s, path) === undefined) {
          out.push({ path: `matrix.${path}[${i}]`, message: p.path === path ? p.message : `${p.path}: ${p.message}` });
        }
      }
    });
  }
  return out;
}

/** A simulated point holds every target of its deployments at once: the largest point must fit. The
 *  matrix is a cross product, so the largest point combines the largest swept (or fixed) value of each. */
function sizeProblems(s: Scenario): Problem[] {
  if (s.mode !== 'sim' || s.deployment === undefined) return [];
  const where: string[] = [];
  const largest = (key: 'targets' | 'deployments', fixed: number): number => {
    const swept = s.matrix?.[`deployment.${key}`]?.filter((v): v is number => typeof v === 'number');
    if (swept === undefined || swept.length === 0) return fixed;
    const max = Math.max(...swept);
    where.push(`deployment.${key}=${max}`);
    return max;
  };
  const targets = largest('targets', s.deployment.targets) * largest('deployments', s.deployment.deployments ?? 1);
  if (targets <= MAX_SIM_TARGETS) return [];
  return [{
    path: 'deployment',
    message: `targets × deployments reaches ${targets.toLocaleString('en')}${where.length > 0 ? ` (at ${where.join(', ')})` : ''}; one simulated point holds at most ${MAX_SIM_TARGETS.toLocaleString('en')} targets (about 4 GB of heap): lower either`,
  }];
}

/** Every problem of a parsed scenario document (empty when valid). */
export function scenarioProblems(data: unknown): Problem[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return [{ path: '', message: 'a scenario must be a mapping (key: value) at the top level' }];
  }
  const problems = schemaProblems(data);
  if (problems.length > 0) return problems;
  const scenario = data as Scenario;
  const rules = [...crossProblems(scenario), ...matrixProblems(scenario)];
  return rules.length > 0 ? rules : sizeProblems(scenario);
}

/** The scenario, typed; throws OCTOBENCH_ERR_SCENARIO_INVALID listing every problem. */
export function validateScenario(data: unknown, source = 'scenario'): Scenario {
  const problems = scenarioProblems(data);
  if (problems.length > 0) {
    const n = problems.length;
    throw new OctobenchError('OCTOBENCH_ERR_SCENARIO_INVALID', `${source}: ${n} problem${n === 1 ? '' : 's'}`, { problems });
  }
  return data as Scenario;
}
