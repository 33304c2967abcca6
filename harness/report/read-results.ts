// Reads a results.json for `octobench report`: not JSON → OCTOBENCH_ERR_RESULTS_READ; not the results
// schema (harness/metrics/results.ts) → OCTOBENCH_ERR_RESULTS_INVALID with every problem and its path,
// before anything is drawn. The check is structural: what the report reads must be there and typed.
import { readFile } from 'node:fs/promises';
import { OctobenchError, type Problem } from '../core/errors.js';
import { RESULTS_SCHEMA_VERSION, type RunResult } from '../metrics/results.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkMetric(path: string, m: unknown, problems: Problem[]): void {
  if (!isObj(m) || typeof m['unit'] !== 'string') return void problems.push({ path, message: 'must be a metric with a unit' });
  if ('value' in m) {
    if (!isNum(m['value'])) problems.push({ path: `${path}.value`, message: 'must be a finite number' });
    return;
  }
  for (const key of ['count', 'mean', 'p50', 'p90', 'p95', 'p99', 'max']) {
    if (!isNum(m[key])) problems.push({ path: `${path}.${key}`, message: 'must be a finite number (a metric has value, or count, mean and percentiles)' });
  }
  if (m['histogram'] !== undefined && typeof m['histogram'] !== 'string') problems.push({ path: `${path}.histogram`, message: 'must be a base64 string' });
}

function checkPoint(path: string, p: unknown, problems: Problem[]): void {
  if (!isObj(p)) return void problems.push({ path, message: 'must be an object' });
  for (const key of ['index', 'repeat']) if (!isNum(p[key])) problems.push({ path: `${path}.${key}`, message: 'must be a number' });
  if (!['ok', 'failed', 'interrupted'].includes(p['status'] as string)) problems.push({ path: `${path}.status`, message: "must be 'ok', 'failed' or 'interrupted'" });
  if (!isObj(p['params'])) problems.push({ path: `${path}.params`, message: 'must be an object' });
  else for (const [k, v] of Object.entries(p['params'])) if (!['number', 'string', 'boolean'].includes(typeof v)) problems.push({ path: `${path}.params.${k}`, message: 'must be a number, string or boolean' });
  if (!isObj(p['metrics'])) problems.push({ path: `${path}.metrics`, message: 'must be an object' });
  else for (const [k, m] of Object.entries(p['metrics'])) checkMetric(`${path}.metrics.${k}`, m, problems);
  if (p['counters'] !== undefined && (!isObj(p['counters']) || !Object.values(p['counters']).every(isNum))) problems.push({ path: `${path}.counters`, message: 'must map names to numbers' });
  if (p['series'] !== undefined) {
    if (!isObj(p['series'])) problems.push({ path: `${path}.series`, message: 'must be an object' });
    else for (const [k, s] of Object.entries(p['series'])) {
      const ok = isObj(s) && typeof s['unit'] === 'string' && Array.isArray(s['points']) && s['points'].every((pt) => Array.isArray(pt) && pt.length === 2 && isNum(pt[0]) && isNum(pt[1]));
      if (!ok) problems.push({ path: `${path}.series.${k}`, message: 'must be { unit, points: [t, v][] }' });
    }
  }
}

/** Every way `value` differs from the results schema, with paths (empty: it is a RunResult). */
export function resultsProblems(value: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isObj(value)) return [{ path: '', message: 'must be a results object' }];
  if (value['schemaVersion'] !== RESULTS_SCHEMA_VERSION) problems.push({ path: 'schemaVersion', message: `must be ${RESULTS_SCHEMA_VERSION}` });
  const s = value['scenario'];
  if (!isObj(s) || typeof s['name'] !== 'string' || typeof s['mode'] !== 'string') problems.push({ path: 'scenario', message: 'must have a name and a mode' });
  const prov = value['provenance'];
  if (!isObj(prov)) problems.push({ path: 'provenance', message: 'must be an object' });
  else for (const key of ['octobenchVersion', 'node', 'platform', 'cpuModel', 'mode', 'startedAt']) if (typeof prov[key] !== 'string') problems.push({ path: `provenance.${key}`, message: 'must be a string' });
  if (!['complete', 'incomplete', 'failed'].includes(value['status'] as string)) problems.push({ path: 'status', message: "must be 'complete', 'incomplete' or 'failed'" });
  if (!Array.isArray(value['points'])) problems.push({ path: 'points', message: 'must be an array' });
  else value['points'].forEach((p, i) => checkPoint(`points[${i}]`, p, problems));
  return problems;
}

export function parseResults(text: string, source: string): RunResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new OctobenchError('OCTOBENCH_ERR_RESULTS_READ', `${source}: not JSON (${(cause as Error).message})`, { cause });
  }
  const problems = resultsProblems(value);
  if (problems.length > 0) throw new OctobenchError('OCTOBENCH_ERR_RESULTS_INVALID', `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, { problems });
  return value as RunResult;
}

export async function readResults(path: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new OctobenchError('OCTOBENCH_ERR_RESULTS_READ', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  return parseResults(text, path);
}
