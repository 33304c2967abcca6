// `octobench gate` through the built CLI: two runs of one simulated scenario pass (exit 0, a table of
// ok rows); the same baseline against a current run with one point 50 % slower fails with exit 3 and
// OCTOBENCH_ERR_GATE_FAILED; bad flags are exit 2 with every problem listed, before anything is read.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'octobench-e2e-gate-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(CLI))('octobench gate (built CLI)', () => {
  it('passes two runs of one sim scenario, fails a slower one with exit 3, rejects bad flags with exit 2', async () => {
    for (const name of ['a', 'b']) {
      const r = await runCli(['run', 'scenarios/quickstart-sim.yaml', '--quick', '--out', join(dir, name), '--quiet']);
      expect(r.code).toBe(0);
    }
    const baseline = join(dir, 'a', 'results.json');
    const same = await runCli(['gate', baseline, join(dir, 'b', 'results.json')]);
    expect([same.code, same.err]).toEqual([0, '']);
    expect(same.out.split('\n')).toEqual([
      'gate: run.makespan (lower is better), tolerance 10 %; ranges must be apart when both runs repeat a point',
      '| point | baseline | current | change | verdict |',
      '|---|---|---|---|---|',
      expect.stringMatching(/^\| acquire parallelism=1 \| [\d.]+ \| [\d.]+ \| \+0\.0 % \| ok \|$/),
      expect.stringMatching(/^\| acquire parallelism=100 \| [\d.]+ \| [\d.]+ \| \+0\.0 % \| ok \|$/),
      'gate passed: 2 points, none worse than the tolerance',
      '',
    ]);

    const slower = JSON.parse(await readFile(join(dir, 'b', 'results.json'), 'utf8')) as { points: { metrics: Record<string, { value: number }> }[] };
    slower.points[1]!.metrics['run.makespan']!.value *= 1.5;
    await writeFile(join(dir, 'slower.json'), JSON.stringify(slower));
    const junit = join(dir, 'junit', 'gate.xml');
    const failed = await runCli(['gate', baseline, join(dir, 'slower.json'), '--tolerance', '20%', '--junit', junit]);
    expect(failed.code).toBe(3);
    expect(failed.out).toContain(`junit: ${junit}`);
    expect(await readFile(junit, 'utf8')).toContain('<testsuites name="octobench gate" tests="2" failures="1">');
    expect(failed.out).toMatch(/\| acquire parallelism=100 \| [\d.]+ \| [\d.]+ \| \+50\.0 % \| regressed \|/);
    expect(failed.err).toContain('OCTOBENCH_ERR_GATE_FAILED: gate failed: 1 regressed (of 2 baseline points, run.makespan, tolerance 20 %)');

    const bad = await runCli(['gate', baseline, '--tolerance', 'lots', '--metric', '', '--junit', ' ']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('OCTOBENCH_ERR_INVALID_ARGUMENT: gate: 4 invalid flags');
    for (const flag of ['--tolerance', '--metric', '--junit', '<baseline.json> <current.json>']) expect(bad.err).toContain(`  ${flag}: `);
  }, 60_000);
});
