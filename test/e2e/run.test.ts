// Spawns the built CLI (dist/, made by `npm test`/`npm ci`): `octobench run` exits 0 with the seed table
// and results.json; invalid scenarios fail with exit 2 listing every problem; an unreachable server fails
// with exit 4; in both failure cases before any load, so no output directory is created.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

const fixture = (name: string) => join(ROOT, 'test/fixtures/scenarios', name);

const octobench = runCli;

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'octobench-e2e-run-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(CLI))('octobench run (built CLI)', () => {
  it('runs a scenario: exit 0, the seed-style table, results.json', async () => {
    const out = join(dir, 'tiny');
    const r = await octobench(['run', fixture('tiny.yaml'), '--out', out, '--seed', '7', '--quiet']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('| operation | legacy reqs | legacy ms |');
    expect(r.out).toMatch(/\| create-release \| 16\.0 \|/);
    expect(r.out).toMatch(/\| deploy-release \| 17\.0 \|/);
    expect(r.out).toMatch(/\| run-runbook \| 13\.0 \|/);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.schemaVersion).toBe(1);
    expect(results.provenance).toMatchObject({ seed: 7, mode: 'api-flows' });
    expect(results.points).toHaveLength(9);
  }, 30_000);

  it('lists every schema problem with its path and exits 2, before anything runs', async () => {
    const out = join(dir, 'invalid');
    const r = await octobench(['run', fixture('invalid-many.yaml'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('OCTOBENCH_ERR_SCENARIO_INVALID');
    for (const path of ['colour', 'server.port', 'network.rttMs', 'workload.operations[1]', 'workload.vus', 'workload.iterations']) {
      expect(r.err).toContain(`  ${path}:`);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('reports bad YAML with its line and exits 2', async () => {
    const r = await octobench(['run', fixture('bad-yaml.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/OCTOBENCH_ERR_SCENARIO_INVALID: .*not valid YAML\n {2}line \d+:/);
  });

  it('reports every api-flows rule a schema-valid scenario breaks, at once, and exits 2', async () => {
    const r = await octobench(['validate', fixture('open-no-duration.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('  workload.durationMs: is required');
    expect(r.err).toContain('  workload.vus: applies only');
  });

  it('fails with exit 4 when the server is unreachable, and writes nothing', async () => {
    const out = join(dir, 'unreachable');
    const r = await octobench(['run', fixture('unreachable.yaml'), '--out', out], { OCTOBENCH_TEST_API_KEY: 'API-XXXXXXXXXXXXXXXXXXXX' });
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^OCTOBENCH_ERR_SERVER_UNREACHABLE: http:\/\/127\.0\.0\.1:9\/api did not answer/);
    expect(existsSync(out)).toBe(false);
  });

  it('fails with exit 2 when the API key variable is not set', async () => {
    const r = await octobench(['run', fixture('unreachable.yaml')], { OCTOBENCH_TEST_API_KEY: '' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('OCTOBENCH_ERR_API_KEY_MISSING');
  });
});
