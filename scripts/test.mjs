#!/usr/bin/env node
// `npm test`: typecheck, then the whole vitest suite; ends with the plain line "N passed, N failed[, N skipped]".
// The typecheck counts as one check of its own so that a type error can never hide behind green tests.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const resultsFile = '.vitest-results.json';
let passed = 0;
let failed = 0;
let skipped = 0;

// Typecheck everything (tests included), then build dist/ so that end-to-end tests spawn the current CLI.
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
const build = tsc.status === 0 ? spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' }) : tsc;
if (tsc.status === 0 && build.status === 0) passed += 1;
else {
  failed += 1;
  console.error('typecheck/build: failed');
}

rmSync(resultsFile, { force: true });
const extra = process.argv.slice(2);
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...extra],
  { stdio: 'inherit' },
);
try {
  const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A suite that fails to load (syntax error, import error) has no tests but must still fail the run.
  const brokenSuites = (report.testResults ?? []).filter((s) => s.status === 'failed' && s.assertionResults.length === 0);
  failed += brokenSuites.length;
} catch {
  failed += 1;
  console.error('vitest: no results were written');
}
if (vitest.status !== 0 && failed === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
