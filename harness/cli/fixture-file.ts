// Reads a fixture description file (YAML or JSON; JSON is YAML) and validates it with the store's
// schema. Read/parse failures and validation problems become coded errors; nothing is half-built.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { OctobenchError } from '../core/errors.js';
import { parseFixture, type FixtureSpec } from '../../mock-server/store/index.js';

export async function readFixtureFile(path: string): Promise<FixtureSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(cause);
    throw new OctobenchError('OCTOBENCH_ERR_FIXTURE_READ', `cannot read fixture file ${path}: ${reason}`, { cause });
  }
  let data: unknown;
  try {
    data = parseYaml(text, { uniqueKeys: true });
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? ` (line ${cause.linePos[0].line})` : '';
    throw new OctobenchError('OCTOBENCH_ERR_FIXTURE_READ', `fixture file ${path} is not valid YAML/JSON${where}: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  return parseFixture(data ?? {});
}
