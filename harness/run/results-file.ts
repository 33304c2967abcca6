// Writes results.json atomically (temp file in the same directory, then rename), so that a reader never
// sees half a file and a failed run leaves no partial results behind.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OctobenchError } from '../core/errors.js';
import { processId } from '../core/env.js';
import type { RunResult } from '../metrics/results.js';

export const RESULTS_FILE = 'results.json';

export async function writeResults(dir: string, result: RunResult): Promise<string> {
  const path = join(dir, RESULTS_FILE);
  const temp = `${path}.${processId()}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, `${JSON.stringify(result, null, 2)}\n`);
    await rename(temp, path);
    return path;
  } catch (cause) {
    await rm(temp, { force: true });
    throw new OctobenchError('OCTOBENCH_ERR_RESULTS_WRITE', `cannot write ${path}: ${(cause as Error).message}`, { cause });
  }
}
