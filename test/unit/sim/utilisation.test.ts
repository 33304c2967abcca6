// UtilisationMeter: exact integral of a step function, mean utilisation and the recorded samples.
import { describe, expect, it } from 'vitest';
import { SimKernel } from '../../../harness/sim/kernel.js';
import { UtilisationMeter } from '../../../harness/sim/utilisation.js';

describe('UtilisationMeter', () => {
  it('integrates the level over virtual time and keeps one sample per change', () => {
    const kernel = new SimKernel({ startMs: 100 });
    const meter = new UtilisationMeter(kernel, 4, { recordSamples: true });
    kernel.schedule(102, () => meter.set(3));
    kernel.schedule(105, () => { meter.set(1); meter.set(3); });
    kernel.schedule(106, () => { meter.set(4); meter.set(2); });
    kernel.schedule(110, () => meter.set(0));
    kernel.run({ until: 120 });
    // 3 × (106 − 102) + 2 × (110 − 106) = 20 level-ms over 20 ms at capacity 4.
    expect(meter.integral()).toBe(20);
    expect(meter.meanUtilisation()).toBe(20 / (20 * 4));
    expect(meter.samples()).toEqual([
      { time: 100, level: 0 }, { time: 102, level: 3 }, { time: 106, level: 2 }, { time: 110, level: 0 },
    ]);
  });

  it('reports 0 before any time passes and keeps no samples unless asked', () => {
    const kernel = new SimKernel({ startMs: 0 });
    const meter = new UtilisationMeter(kernel, 1);
    meter.set(1);
    expect([meter.meanUtilisation(), meter.integral(), meter.samples().length]).toEqual([0, 0, 0]);
    kernel.run({ until: 8 });
    expect([meter.meanUtilisation(), meter.integral()]).toEqual([1, 8]);
  });
});
