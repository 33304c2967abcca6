// Spread over repeats: per point mean/min/max/sample sd/cv of the headline metric; nothing without repeats.
import { describe, expect, it } from 'vitest';
import type { PointResult } from '../../../harness/metrics/results.js';
import { spreadTable, spreads } from '../../../harness/run/spread.js';

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
    expect(spreadTable(points).slice(-2)).toEqual(['| x=0 | 3 | 12.00 | 10.00 | 14.00 | 2.00 | 16.7 % |', '| x=1 | 2 | 200 | 200 | 200 | 0.00 | 0.0 % |']);
  });

  it('prints nothing for a run without repeats', () => {
    expect(spreadTable([pt(0, 0, 10), pt(1, 0, 12)])).toEqual([]);
  });
});
