// The fit recovers known constants: from a synthetic model linear in its fitting coordinates (exactly,
// in one Gauss–Newton step) and from the real simulator fed "live" numbers it produced itself with known
// constants. A parameter the rows do not depend on is reported, not invented.
import { describe, expect, it } from 'vitest';
import { fitConstants, solveLinear, type FitParameter } from '../../../harness/calibrate/fit.js';
import { runCalibration } from '../../../harness/calibrate/calibrate.js';
import { measureSim } from '../../../harness/calibrate/measure.js';
import { defaultBase, QUICK_SHAPE } from '../../../harness/calibrate/points.js';
import { withConstants } from '../../../harness/calibrate/calibrate.js';

const downlink = (initial: number): FitParameter => ({ key: 'bw', initial, toX: (v) => 1 / v, fromX: (x) => 1 / x, min: 0.001, max: 1e6 });
const perAction = (initial: number): FitParameter => ({ key: 'cpu', initial, toX: (v) => v, fromX: (x) => x, min: 0, max: 1e4 });

// rows: a_i + b_i · 8·5/bw + c_i · cpu (seconds), like waves × transfer time + steps × per-action cost
const A = [0.5, 1.0, 5.0, 5.2, 0.1, 2.0];
const B = [50, 10, 5, 0, 1, 0];
const C = [0.01, 0.02, 0, 0.05, 0.1, 0.2];
const synthetic = (v: readonly number[]): number[] => A.map((a, i) => a + (B[i]! * 40) / v[0]! + C[i]! * v[1]!);

describe('fitConstants', () => {
  it('recovers the constants that generated the observations (model linear in 1/bw and cpu)', () => {
    const observed = synthetic([83.5, 1.75]);
    const fit = fitConstants({ parameters: [downlink(100), perAction(3)], observed, model: synthetic });
    expect(fit.values[0]).toBeCloseTo(83.5, 9);
    expect(fit.values[1]).toBeCloseTo(1.75, 9);
    expect(fit.iterations).toBe(1);
    expect(fit.notIdentifiable).toEqual([]);
    expect(fit.atBound).toEqual([]);
  });

  it('clamps at a bound and says so', () => {
    const observed = synthetic([100, -2]);
    const fit = fitConstants({ parameters: [downlink(100), perAction(3)], observed, model: synthetic });
    expect(fit.values[1]).toBe(0);
    expect(fit.atBound).toEqual(['cpu']);
  });

  it('leaves a parameter the rows do not depend on at its initial value and reports it', () => {
    const model = (v: readonly number[]): number[] => A.map((a, i) => a + (B[i]! * 40) / v[0]!);
    const fit = fitConstants({ parameters: [downlink(100), perAction(3)], observed: model([120, 0]), model });
    expect(fit.values[0]).toBeCloseTo(120, 9);
    expect(fit.values[1]).toBe(3);
    expect(fit.notIdentifiable).toEqual(['cpu']);
  });
});

describe('solveLinear', () => {
  it('solves a 2×2 system with pivoting', () => {
    expect(solveLinear([[0, 2], [4, 1]], [6, 9]).d).toEqual([1.5, 3]);
  });
});

describe('runCalibration on the simulator itself', () => {
  it('fits back the constants that produced the "live" numbers, and the error after is ~0', async () => {
    const truth = { 'fleet.downlinkMbps': 70, 'serverModel.cpuPerActionMs': 1.2 };
    const outcome = await runCalibration({
      base: defaultBase(), shape: QUICK_SHAPE, seed: 1, log: () => {},
      live: (point) => Promise.resolve(measureSim(withConstants(point.scenario, truth), 1)),
    });
    expect(outcome.initial).toEqual({ 'fleet.downlinkMbps': 100, 'serverModel.cpuPerActionMs': 3 });
    expect(outcome.fitted['fleet.downlinkMbps']).toBeCloseTo(70, 3);
    expect(outcome.fitted['serverModel.cpuPerActionMs']).toBeCloseTo(1.2, 3);
    expect(outcome.rows).toHaveLength(12);
    for (const r of outcome.rows) expect(Math.abs(r.errorAfter)).toBeLessThan(1e-5);
    expect(Math.max(...outcome.rows.map((r) => Math.abs(r.errorBefore)))).toBeGreaterThan(0.1);
  });
});
