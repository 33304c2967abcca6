// Writes a text file atomically: a temporary file beside it, then a rename, so that a reader sees the
// old file or the new one, never half of one. On failure the temporary file is removed and a coded
// error names the path. Used for results.json, report index pages and the gate's JUnit file.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { processId } from './env.js';
import { OctobenchError, type ErrorCode } from './errors.js';

let sequence = 0;

export async function writeTextAtomically(path: string, text: string, code: ErrorCode): Promise<void> {
  const temp = `${path}.${processId()}-${++sequence}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new OctobenchError(code, `cannot write ${path}: ${(cause as Error).message}`, { cause });
  }
}
