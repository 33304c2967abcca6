// Writes results.json atomically (temp file in the same directory, then rename), so that a reader never
// sees half a file and a failed run leaves no partial results behind.
import { join } from 'node:path';
import { writeTextAtomically } from '../core/output-file.js';
import type { RunResult } from '../metrics/results.js';

export const RESULTS_FILE = 'results.json';

export async function writeResults(dir: string, result: RunResult): Promise<string> {
  const path = join(dir, RESULTS_FILE);
  await writeTextAtomically(path, `${JSON.stringify(result, null, 2)}\n`, 'OCTOBENCH_ERR_RESULTS_WRITE');
  return path;
}
