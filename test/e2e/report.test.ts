// `octobench report` through the built CLI: re-rendering a run draws the charts its scenario declared
// (kept in results.json), comparing two runs writes an A-vs-B report, a scenario document that no
// longer validates falls back to the default charts with a note, and a missing file is exit 2 with a
// coded error and nothing written.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'octobench-e2e-report-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const svgs = async (reportDir: string) => (await readdir(join(reportDir, 'charts'))).filter((f) => f.endsWith('.svg')).sort();

describe.skipIf(!existsSync(CLI))('octobench report (built CLI)', () => {
  it('re-renders with the declared charts, compares two runs, falls back on an invalid document, rejects a missing file', async () => {
    const run = join(dir, 'run');
    const ran = await runCli(['run', 'scenarios/acquire-parallelism.yaml', '--quick', '--out', run, '--quiet']);
    expect([ran.code, ran.err]).toEqual([0, '']);
    const declared = await svgs(run);
    expect(declared).toEqual([
      'sweep-run-makespan-by-deployment-acquireParallelism.svg',
      'sweep-server-cpu-meanUtilisation-by-deployment-acquireParallelism.svg',
      'sweep-transfers-peakConcurrent-by-deployment-acquireParallelism.svg',
      'timeseries-server-cpuUtilisation.svg',
    ]);

    const again = join(dir, 'again');
    const rerendered = await runCli(['report', join(run, 'results.json'), '--out', again]);
    expect([rerendered.code, rerendered.err]).toEqual([0, '']);
    expect(rerendered.out).toContain(`report: ${join(again, 'index.html')} (4 charts`);
    expect(await svgs(again)).toEqual(declared);
    expect(await readFile(join(again, 'results.json'), 'utf8')).toBe(await readFile(join(run, 'results.json'), 'utf8'));

    const compare = join(dir, 'compare');
    const compared = await runCli(['report', join(run, 'results.json'), join(again, 'results.json'), '--out', compare]);
    expect([compared.code, compared.err]).toEqual([0, '']);
    expect((await svgs(compare)).length).toBeGreaterThan(declared.length);
    expect(await readFile(join(compare, 'summary.md'), 'utf8')).toContain('A vs B');

    const stale = join(dir, 'stale.json');
    const result = JSON.parse(await readFile(join(run, 'results.json'), 'utf8')) as { scenario: { document: { charts: unknown[] } } };
    result.scenario.document.charts = [{ kind: 'pie', metric: 'run.makespan' }];
    await writeFile(stale, JSON.stringify(result));
    const fallback = await runCli(['report', stale, '--out', join(dir, 'fallback')]);
    expect(fallback.code).toBe(0);
    expect(fallback.err).toMatch(/^note: the scenario kept in the results \(scenarios\/acquire-parallelism\.yaml\) does not validate any more \(\d+ problems?, first: charts\[0\]/);
    expect((await svgs(join(dir, 'fallback'))).length).toBeGreaterThan(0);
    expect(await svgs(join(dir, 'fallback'))).not.toEqual(declared);

    const missing = await runCli(['report', join(dir, 'nope.json'), '--out', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('OCTOBENCH_ERR_RESULTS_READ: cannot read');
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  }, 60_000);
});
