// Spawns the built CLI: `octobench calibrate --quick` runs the tiny calibration points live (real agents on
// loopback, ~8 s) and in sim, and writes calibration.json whose fitted constants fit the live numbers at
// least as well as the defaults; bad flags exit 2 listing every problem, before anything runs.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalibrationDocument } from '../../harness/calibrate/report.js';
import { CLI, runCli } from '../helpers/cli.js';


const octobench = runCli;

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'octobench-e2e-calibrate-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const sse = (doc: CalibrationDocument, key: 'errorBefore' | 'errorAfter'): number =>
  doc.rows.filter((r) => r.metric !== 'deployment.duration').reduce((s, r) => s + r[key] ** 2, 0);

describe.skipIf(!existsSync(CLI))('octobench calibrate (built CLI)', () => {
  it('--quick: exit 0, the before/after table, the YAML snippet and calibration.json', async () => {
    const out = join(dir, 'quick');
    const r = await octobench(['calibrate', '--quick', '--out', out, '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('| transfer | acquire ∥ | metric | live (s) | sim before (s) | error before | sim after (s) | error after |');
    expect(r.out).toMatch(/\nfleet:\n {2}downlinkMbps: [\d.]+\nserverModel:\n {2}cpuPerActionMs: [\d.]+\n/);
    expect(r.out).toContain(`calibration: ${join(out, 'calibration.json')}`);
    expect(r.err.split('\n').filter((l) => l.startsWith('calibrate: live'))).toEqual([
      'calibrate: live push acquire ∥ 1 (1/4)', 'calibrate: live push acquire ∥ 5 (2/4)',
      'calibrate: live pull acquire ∥ 1 (3/4)', 'calibrate: live pull acquire ∥ 5 (4/4)',
    ]);
    const doc = JSON.parse(await readFile(join(out, 'calibration.json'), 'utf8')) as CalibrationDocument;
    expect(doc.kind).toBe('octobench-calibration');
    expect(doc.seed).toBe(3);
    expect(doc.shape).toMatchObject({ targets: 5, steps: 2, packageSizeMB: 1 });
    expect(doc.initial).toEqual({ 'fleet.downlinkMbps': 100, 'serverModel.cpuPerActionMs': 3 });
    expect(doc.rows.map((row) => `${row.transfer}/${row.acquireParallelism}/${row.metric}`)).toHaveLength(12);
    for (const row of doc.rows) expect(row.live).toBeGreaterThan(0);
    expect(sse(doc, 'errorAfter')).toBeLessThanOrEqual(sse(doc, 'errorBefore'));
    expect(doc.provenance.command).toBe(`octobench calibrate --out ${out} --seed 3 --quick`);
    expect(doc.scenarioSnippet).toContain(`downlinkMbps: ${Number(doc.fitted['fleet.downlinkMbps'].toPrecision(4))}`);
  }, 30_000);

  it('bad flags: exit 2, every problem listed, no output directory', async () => {
    const out = join(dir, 'never');
    const r = await octobench(['calibrate', '--seed', 'x', '--scenario', '', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('OCTOBENCH_ERR_INVALID_ARGUMENT: calibrate: 2 invalid flags');
    expect(r.err).toContain('--scenario: must not be empty');
    expect(r.err).toContain("--seed: must be a whole number, got 'x'");
    expect(existsSync(out)).toBe(false);
  });
});
