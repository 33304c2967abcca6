// Spread over repeats: per point mean/min/max/sample sd/cv of the headline metric; nothing without repeats.
import { describe, expect, it } from 'vitest';
import type { PointResult } from '../../../harness/metrics/results.js';
import { reportHtml } from '../../../harness/report/html.js';
import { summaryMarkdown } from '../../../harness/report/summary-md.js';
import { fixture } from './helpers.js';
import { spreadLines, spreads } from '../../../harness/report/spread.js';

const pt = (index: number, repeat: number, makespan: number): PointResult => ({
  index, repeat, params: { x: index }, seed: repeat, wallMs: 1, status: 'ok', metrics: { 'run.makespan': { unit: 's', value: makespan } },
});

describe('spread over repeats', () => {
  it('computes mean, min, max, sample sd and cv per point', () => {
    const points = [pt(0, 0, 10), pt(0, 1, 12), pt(0, 2, 14), pt(1, 0, 200), pt(1, 1, 200)];
    expect(spreads(points)).toEqual({
      metric: 'run.makespan', unit: 's',
      rows: [{ label: 'x=0', n: 3, mean: 12, min: 10, max: 14, sd: 2 }, { label: 'x=1', n: 2, mean: 200, min: 200, max: 200, sd: 0 }],
    });
    expect(spreadLines(points).slice(-2)).toEqual(['| x=0 | 3 | 12.00 | 10.00 | 14.00 | 2.00 | 16.7 % |', '| x=1 | 2 | 200 | 200 | 200 | 0.00 | 0.0 % |']);
  });

  it('summary.md and index.html carry the table when the run has repeats, and not otherwise', () => {
    const withRepeats = fixture('sim-interrupted');
    const md = summaryMarkdown({ result: withRepeats, findings: [], charts: [], missing: [] });
    expect(md).toContain([
      '## Spread over repeats', '',
      'spread over repeats: run.makespan (s); sd is the sample standard deviation, cv = sd ÷ mean.', '',
      '| point | n | mean | min | max | sd | cv |', '|---|---|---|---|---|---|---|',
      '| targets=100 | 2 | 55.00 | 50.00 | 60.00 | 7.07 | 12.9 % |',
      '| targets=1000 | 1 | 500 | 500 | 500 | 0.00 | 0.0 % |',
    ].join('\n'));
    const html = reportHtml({ result: withRepeats, findings: [], charts: [], svgs: new Map(), missing: [] });
    expect(html).toContain('<h2>Spread over repeats</h2>');
    expect(html).toContain('<tr><td>targets=100</td><td>2</td><td>55.00</td><td>50.00</td><td>60.00</td><td>7.07</td><td>12.9 %</td></tr>');
    const single = fixture('sim-sweep');
    expect(summaryMarkdown({ result: single, findings: [], charts: [], missing: [] })).not.toContain('Spread over repeats');
    expect(reportHtml({ result: single, findings: [], charts: [], svgs: new Map(), missing: [] })).not.toContain('Spread over repeats');
  });

  it('prints nothing for a run without repeats', () => {
    expect(spreadLines([pt(0, 0, 10), pt(1, 0, 12)])).toEqual([]);
  });
});
