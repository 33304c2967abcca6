// Reads a scenario file (YAML; JSON is YAML) and validates it. YAML syntax errors and duplicate keys
// are reported with their line; schema problems with their paths. Nothing runs before this succeeds.
import { parseYamlText, readInputFile } from '../core/input-file.js';
import type { Scenario } from './schema.js';
import { validateScenario } from './validate.js';

const SCENARIO_CODES = { read: 'OCTOBENCH_ERR_SCENARIO_READ', invalid: 'OCTOBENCH_ERR_SCENARIO_INVALID' } as const;

export function parseScenarioText(text: string, source: string): Scenario {
  return validateScenario(parseYamlText(text, source, SCENARIO_CODES), source);
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  return parseScenarioText(await readInputFile(path, 'scenario', SCENARIO_CODES), path);
}
