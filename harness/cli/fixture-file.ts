// Reads a fixture description file (YAML or JSON) and validates it with the store's schema. Read and
// parse failures and validation problems become coded errors; nothing is half-built.
import { parseYamlText, readInputFile } from '../core/input-file.js';
import { parseFixture, type FixtureSpec } from '../../mock-server/store/index.js';

const FIXTURE_CODES = { read: 'OCTOBENCH_ERR_FIXTURE_READ', invalid: 'OCTOBENCH_ERR_FIXTURE_INVALID' } as const;

export async function readFixtureFile(path: string): Promise<FixtureSpec> {
  const text = await readInputFile(path, 'fixture file', FIXTURE_CODES);
  return parseFixture(parseYamlText(text, path, FIXTURE_CODES));
}
