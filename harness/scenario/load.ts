// Reads a scenario file (YAML; JSON is YAML) and validates it. YAML syntax errors and duplicate keys
// are reported with their line; schema problems with their paths. Nothing runs before this succeeds.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { OctobenchError } from '../core/errors.js';
import type { Scenario } from './schema.js';
import { validateScenario } from './validate.js';

export function parseScenarioText(text: string, source: string): Scenario {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : '', message: e.message.split('\n')[0] ?? e.message }));
    throw new OctobenchError('OCTOBENCH_ERR_SCENARIO_INVALID', `${source}: not valid YAML`, { problems });
  }
  return validateScenario(doc.toJS() ?? {}, source);
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(cause);
    throw new OctobenchError('OCTOBENCH_ERR_SCENARIO_READ', `cannot read scenario ${path}: ${reason}`, { cause });
  }
  return parseScenarioText(text, path);
}
