// Every shipped scenario: it opens with the question it answers, validates, and its quick variant
// (harness/run/quick.ts: ≤2 values per matrix key, ≤20 targets, ≤3 steps, 1 iteration) runs to a
// complete result whose report holds its declared charts (none missing) or else the default charts (a sweep over one of the scenario's matrix keys,
// the legacy-vs-executions bars for api-flows) as .vl.json, .svg and .png, plus index.html.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadValidScenario } from '../../../harness/cli/commands/run.js';
import { RealClock } from '../../../harness/core/clock.js';
import { defaultDeclarations, missingCharts } from '../../../harness/report/charts/index.js';
import { writeReport } from '../../../harness/report/write-report.js';
import { runPoints } from '../../../harness/run/points.js';
import { quickScenario } from '../../../harness/run/quick.js';
import { runScenario } from '../../../harness/run/run-scenario.js';

const dir = new URL('../../../scenarios/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const out = mkdtempSync(join(tmpdir(), 'octobench-scenarios-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const ISSUE_SCENARIOS = [
  'acquire-parallelism', 'fleet-size', 'legacy-vs-executions', 'log-volume', 'package-size', 'quickstart-sim', 'quickstart',
  'regional-feed', 'rolling-window', 'rtt-sweep', 'step-count', 'task-cap', 'variables',
];

describe('shipped scenarios', () => {
  it('four of them declare their charts', async () => {
    const declaring = [];
    for (const f of files) if ((await loadValidScenario(join(dir, f))).charts !== undefined) declaring.push(f);
    expect(declaring).toEqual(['acquire-parallelism.yaml', 'package-size.yaml', 'regional-feed.yaml', 'rtt-sweep.yaml']);
  });

  it('are exactly the issue-6 set, each named after its file', async () => {
    expect(files.map((f) => f.replace(/\.yaml$/, ''))).toEqual(ISSUE_SCENARIOS);
    for (const f of files) expect((await loadValidScenario(join(dir, f))).name).toBe(f.replace(/\.yaml$/, ''));
  });

  for (const f of files) {
    it(`${f}: opens with the question it answers, validates, sweeps something`, async () => {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text.split('\n')[0]).toMatch(/^# /);
      expect(text).toMatch(/Question/);
      const scenario = await loadValidScenario(join(dir, f));
      expect(runPoints(scenario).length).toBeGreaterThan(1);
    });

    it(`${f}: the quick variant runs and its report holds its charts`, async () => {
      const scenario = quickScenario(await loadValidScenario(join(dir, f)));
      const clock = new RealClock();
      const target = join(out, scenario.name);
      const { result } = await runScenario({
        scenario, source: f, document: scenario, outDir: target, clock, command: 'test', signal: new AbortController().signal, log: () => {},
      });
      expect(result.status).toBe('complete');
      expect(result.points.filter((p) => p.status === 'failed' || p.error !== undefined)).toEqual([]);
      expect(result.points).toHaveLength(runPoints(scenario).length * (scenario.repeat ?? 1));
      const written = await writeReport(result, target, { clock, ...(scenario.charts === undefined ? {} : { charts: scenario.charts }) });
      const declared = scenario.charts ?? defaultDeclarations(result);
      expect(missingCharts(result, declared)).toEqual([]);
      expect(written.charts.map((c) => c.declaration)).toEqual(declared);
      const swept = Object.keys(scenario.matrix ?? {});
      if (scenario.mode === 'api-flows') expect(declared.some((d) => d.kind === 'api-compare')).toBe(true);
      else expect(declared.some((d) => d.kind === 'sweep' && d.x !== undefined && swept.includes(d.x))).toBe(true);
      const onDisk = readdirSync(join(target, 'charts'));
      for (const chart of written.charts) {
        for (const ext of ['vl.json', 'svg', 'png']) expect(onDisk).toContain(`${chart.id}.${ext}`);
      }
      expect(readdirSync(target)).toEqual(expect.arrayContaining(['index.html', 'summary.md', 'points.csv', 'results.json']));
    }, 30_000);
  }
});
