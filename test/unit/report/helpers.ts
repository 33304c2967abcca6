// Shared by the report tests: the synthetic results fixtures and a validator for vega-lite specs built
// from vega-lite's own JSON Schema (draft-07, compiled once by ajv; the compile takes seconds).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import type { RunResult } from '../../../harness/metrics/results.js';

export const FIXTURES = ['api-flows', 'sim-sweep', 'sim-interrupted'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function fixturePath(name: string): string {
  return new URL(`../../fixtures/results/${name}.json`, import.meta.url).pathname;
}

export function fixture(name: FixtureName): RunResult {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as RunResult;
}

let validator: ValidateFunction | undefined;

/** Validates a spec against node_modules/vega-lite/build/vega-lite-schema.json; returns ajv's errors. */
export function vegaLiteErrors(spec: unknown): string[] {
  if (validator === undefined) {
    const schema = createRequire(import.meta.url)('vega-lite/vega-lite-schema.json') as object;
    validator = new Ajv({ strict: false, allErrors: false, validateFormats: false, logger: false, code: { optimize: false } }).compile(schema);
  }
  if (validator(spec)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
