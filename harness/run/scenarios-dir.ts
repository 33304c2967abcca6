// Where the shipped scenarios live: <package root>/scenarios, found by walking up from this module to the
// octobench package.json (the same code runs from harness/ under tsx and from dist/harness/ when built).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OctobenchError } from '../core/errors.js';

export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'octobench') return dir;
    if (dirname(dir) === dir) throw new OctobenchError('OCTOBENCH_ERR_INTERNAL', `no octobench package.json above ${from}`);
  }
}

export function shippedScenario(name: string): string {
  return join(packageRoot(), 'scenarios', `${name}.yaml`);
}
