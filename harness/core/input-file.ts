// Reading user input files (scenarios, fixtures): a missing or unreadable file, and YAML that does not
// parse (syntax errors, duplicate keys), become coded errors listing every problem with its line.
// JSON is YAML, so one parser serves both.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { OctobenchError, type ErrorCode } from './errors.js';

export interface InputCodes {
  /** For a file that cannot be read. */
  read: ErrorCode;
  /** For text that is not valid YAML/JSON. */
  invalid: ErrorCode;
}

export async function readInputFile(path: string, what: string, codes: InputCodes): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(cause);
    throw new OctobenchError(codes.read, `cannot read ${what} ${path}: ${reason}`, { cause });
  }
}

/** The data of a YAML (or JSON) document; an empty document is `{}`. */
export function parseYamlText(text: string, source: string, codes: InputCodes): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : '', message: e.message.split('\n')[0] ?? e.message }));
    throw new OctobenchError(codes.invalid, `${source}: not valid YAML`, { problems });
  }
  return doc.toJS() ?? {};
}

/** `/matrix/network.rttMs/2` → `matrix.network.rttMs[2]`: a validator's JSON pointer as a problem path. */
export function pointerToPath(pointer: string): string {
  if (pointer === '' || pointer === '/') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
