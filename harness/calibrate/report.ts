// What `octobench calibrate` shows and keeps: the before/after error table (markdown), the YAML snippet
// of the fitted constants for a sim scenario, and calibration.json (written atomically: temp file in
// the same directory, then rename). Pure functions except writeCalibration.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { OctobenchError } from '../core/errors.js';
import { processId } from '../core/env.js';
import type { Provenance } from '../metrics/results.js';
import type { CalibrationOutcome, FittedConstants } from './calibrate.js';
import type { CalibrationShape } from './points.js';

export const CALIBRATION_FILE = 'calibration.json';

const pct = (e: number): string => `${(e * 100).toFixed(1)} %`;

export function calibrationTable(o: CalibrationOutcome): string[] {
  const lines = [
    '| transfer | acquire ∥ | metric | live (s) | sim before (s) | error before | sim after (s) | error after |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of o.rows) {
    lines.push(`| ${r.transfer} | ${r.acquireParallelism} | ${r.metric} | ${r.live.toFixed(2)} | ${r.simBefore.toFixed(2)} | ${pct(r.errorBefore)} | ${r.simAfter.toFixed(2)} | ${pct(r.errorAfter)} |`);
  }
  return lines;
}

/** Max |error| before and after, over all rows. */
export function errorSummary(o: CalibrationOutcome): { maxBefore: number; maxAfter: number } {
  return {
    maxBefore: Math.max(...o.rows.map((r) => Math.abs(r.errorBefore))),
    maxAfter: Math.max(...o.rows.map((r) => Math.abs(r.errorAfter))),
  };
}

/** Scenario sections to paste into a `mode: sim` scenario (values rounded to 4 significant digits). */
export function constantsYaml(c: FittedConstants): string {
  const r = (v: number): number => Number(v.toPrecision(4));
  return stringify({ fleet: { downlinkMbps: r(c['fleet.downlinkMbps']) }, serverModel: { cpuPerActionMs: r(c['serverModel.cpuPerActionMs']) } });
}

export interface CalibrationDocument {
  kind: 'octobench-calibration';
  version: 1;
  shape: CalibrationShape;
  seed: number;
  initial: FittedConstants;
  fitted: FittedConstants;
  fit: { method: string; iterations: number; notIdentifiable: string[]; atBound: string[] };
  scenarioSnippet: string;
  rows: CalibrationOutcome['rows'];
  maxAbsError: { before: number; after: number };
  provenance: Provenance;
}

export function calibrationDocument(o: CalibrationOutcome, shape: CalibrationShape, seed: number, provenance: Provenance): CalibrationDocument {
  const s = errorSummary(o);
  return {
    kind: 'octobench-calibration', version: 1, shape, seed, initial: o.initial, fitted: o.fitted,
    fit: {
      method: 'Gauss–Newton weighted least squares on (sim − live)/live of acquisitionPhase and stepPhase per point; downlinkMbps fitted as 1/Mbps',
      iterations: o.iterations, notIdentifiable: o.notIdentifiable, atBound: o.atBound,
    },
    scenarioSnippet: constantsYaml(o.fitted), rows: o.rows, maxAbsError: { before: s.maxBefore, after: s.maxAfter }, provenance,
  };
}

export async function writeCalibration(dir: string, doc: CalibrationDocument): Promise<string> {
  const path = join(dir, CALIBRATION_FILE);
  const temp = `${path}.${processId()}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, `${JSON.stringify(doc, null, 2)}\n`);
    await rename(temp, path);
    return path;
  } catch (cause) {
    await rm(temp, { force: true });
    throw new OctobenchError('OCTOBENCH_ERR_RESULTS_WRITE', `cannot write ${path}: ${(cause as Error).message}`, { cause });
  }
}
