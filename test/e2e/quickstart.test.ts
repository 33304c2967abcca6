// The main job through the built CLI (dist/, built by `npm test` before vitest): `octobench quickstart`
// (what `npm start` runs) exits 0 within 60 s, prints both headline tables and both report paths, and
// leaves both complete reports on disk with a page over both at their root; `octobench run --quick` writes the full report directory too.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';


const octobench = (args: string[]) => runCli(args, { NO_COLOR: '1' });

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'octobench-e2e-quickstart-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('octobench quickstart (built CLI)', () => {
  it('runs legacy vs executions and the acquire-parallelism sweep in under 60 s and writes both reports', async () => {
    const out = join(dir, 'qs');
    const r = await octobench(['quickstart', '--out', out, '--quiet']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(60_000);
    expect(r.out).toMatch(/\| deploy-release \| 17\.0 \|/);
    expect(r.out).toMatch(/\| deployment\.acquireParallelism \| repeat \| makespan s \|/);
    expect(r.out).toContain(`report: ${out}/api-flows/index.html`);
    expect(r.out).toContain(`report: ${out}/sim/index.html`);
    expect(r.out).toContain(`quickstart report: ${out}/index.html (links api-flows/index.html and sim/index.html)`);
    const landing = readFileSync(join(out, 'index.html'), 'utf8');
    expect(landing).toContain('<a href="api-flows/index.html">quickstart</a>');
    expect(landing).toContain('<a href="sim/index.html">quickstart-sim</a>');
    expect(landing).toMatch(/<li>total deployment duration is lowest /);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('## [quickstart-sim](sim/index.html)');
    for (const [part, points] of [['api-flows', 12], ['sim', 6]] as const) {
      const files = readdirSync(join(out, part));
      expect(files).toEqual(expect.arrayContaining(['index.html', 'summary.md', 'points.csv', 'results.json', 'charts']));
      const results = JSON.parse(readFileSync(join(out, part, 'results.json'), 'utf8')) as { status: string; points: unknown[] };
      expect(results.status).toBe('complete');
      expect(results.points).toHaveLength(points);
    }
  }, 90_000);

  it('octobench run --quick writes the report directory and prints its path', async () => {
    const out = join(dir, 'run');
    const r = await octobench(['run', 'scenarios/quickstart-sim.yaml', '--quick', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`report: ${out}/index.html`);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { points: { params: Record<string, unknown> }[] };
    expect(results.points.map((p) => p.params['deployment.acquireParallelism'])).toEqual([1, 100]);
    expect(readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(0);
  }, 60_000);
});
