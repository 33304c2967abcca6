// openSchedule / openPlan are pure: exact intended start times for constant and ramping rates.
import { describe, expect, it } from 'vitest';
import { OctobenchError } from '../../../harness/core/errors.js';
import { openPlan, openSchedule } from '../../../harness/load/open-schedule.js';

describe('openSchedule', () => {
  it('places a constant rate at k·1000/rate, excluding the end of the window', () => {
    expect(openSchedule({ rate: 4, durationMs: 1000 })).toEqual([0, 250, 500, 750]);
    expect(openSchedule({ rate: 3, durationMs: 1000 })).toEqual([0, 333.333, 666.667]);
    expect(openSchedule({ rate: 0.5, durationMs: 5000 })).toEqual([0, 2000, 4000]);
    expect(openSchedule({ rate: 0, durationMs: 5000 })).toEqual([]);
  });

  it('ramps linearly: start k where the cumulative arrivals reach k', () => {
    // 0→8/s over 1 s: N(t) = 4t², so t_k = √k / 2 s; then 8/s flat; then 8→0/s: N = 8t − 4t².
    const load = { stages: [{ durationMs: 1000, targetRate: 8 }, { durationMs: 500, targetRate: 8 }, { durationMs: 1000, targetRate: 0 }] };
    expect(openSchedule(load)).toEqual([0, 500, 707.107, 866.025, 1000, 1125, 1250, 1375, 1500, 1633.975, 1792.893, 2000]);
    expect(openPlan(load)).toEqual({
      model: 'open',
      durationMs: 2500,
      scheduled: 12,
      stages: [
        { fromMs: 0, toMs: 1000, fromRate: 0, toRate: 8, starts: 4 },
        { fromMs: 1000, toMs: 1500, fromRate: 8, toRate: 8, starts: 4 },
        { fromMs: 1500, toMs: 2500, fromRate: 8, toRate: 0, starts: 4 },
      ],
    });
  });

  it('starts ramps from startRate', () => {
    // 2→4/s over 1 s: N(t) = 2t + t², t_k = −1 + √(1 + k).
    expect(openSchedule({ startRate: 2, stages: [{ durationMs: 1000, targetRate: 4 }] })).toEqual([0, 414.214, 732.051]);
  });

  it('rejects invalid numbers with a coded error naming the path', () => {
    const attempt = () => openSchedule({ stages: [{ durationMs: 1000, targetRate: -1 }] });
    expect(attempt).toThrow(OctobenchError);
    expect(attempt).toThrow(/stages\[0\]\.targetRate/);
    expect(() => openSchedule({ rate: Number.NaN, durationMs: 1 })).toThrow(/rate/);
  });
});
