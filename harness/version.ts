// The octobench version, recorded in every result's provenance.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function findPackageVersion(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'octobench' && pkg.version) return pkg.version;
    } catch {
      // try the next location (source tree vs dist/)
    }
  }
  return '0.0.0-unknown';
}

export const OCTOBENCH_VERSION: string = findPackageVersion();
