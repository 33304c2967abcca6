// Progress: plain lines "[done/total] label · elapsed · ETA" off a TTY; on a TTY a bar rewritten in place
// (cursor up + clear) with runner log lines kept above it; colour only when enabled (NO_COLOR → none).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { Progress, formatSeconds } from '../../../harness/run/progress.js';
import { pointLabel } from '../../../harness/run/run-scenario.js';

function setup(tty: boolean, color: boolean) {
  const clock = new ManualClock(0);
  const lines: string[] = [];
  const progress = new Progress({ total: 4, clock, write: (l) => lines.push(l), tty, color });
  return { clock, lines, progress };
}

describe('Progress', () => {
  it('plain mode: one line per point with elapsed time and ETA', () => {
    const { clock, lines, progress } = setup(false, false);
    progress.log('sim point 0: …');
    clock.advanceBy(2000);
    progress.pointDone('x=1');
    clock.advanceBy(4000);
    progress.pointDone('x=2');
    clock.advanceBy(6000);
    progress.pointDone('x=3');
    progress.pointDone('x=4');
    expect(lines).toEqual([
      'sim point 0: …',
      '[1/4] x=1 · elapsed 2 s · ETA 6 s',
      '[2/4] x=2 · elapsed 6 s · ETA 6 s',
      '[3/4] x=3 · elapsed 12 s · ETA 4 s',
      '[4/4] x=4 · done in 12 s',
    ]);
  });

  it('TTY without colour: the bar is rewritten in place and log lines go above it', () => {
    const { clock, lines, progress } = setup(true, false);
    clock.advanceBy(1000);
    progress.pointDone('a');
    clock.advanceBy(1000);
    progress.pointDone('b');
    progress.log('runner line');
    expect(lines).toEqual([
      '█████░░░░░░░░░░░░░░░ 1/4 points · elapsed 1 s · ETA 3 s',
      '\x1b[1A\x1b[2K██████████░░░░░░░░░░ 2/4 points · elapsed 2 s · ETA 2 s',
      '\x1b[1A\x1b[2Krunner line',
      '██████████░░░░░░░░░░ 2/4 points · elapsed 2 s · ETA 2 s',
    ]);
    expect(lines.join('')).not.toContain('\x1b[32m');
  });

  it('TTY with colour: the bar is green', () => {
    const { lines, progress } = setup(true, true);
    progress.pointDone('a');
    expect(lines[0]).toBe('\x1b[32m█████░░░░░░░░░░░░░░░\x1b[0m 1/4 points · elapsed 0 s · ETA 0 s');
  });

  it('formats durations and labels points', () => {
    expect([formatSeconds(59_400), formatSeconds(61_000), formatSeconds(3_725_000)]).toEqual(['59 s', '1 min 01 s', '1 h 02 min']);
    expect(pointLabel({ 'deployment.taskCap': 5, 'fleet.polling': true }, 1, 3)).toBe('deployment.taskCap=5, fleet.polling=true #1');
    expect(pointLabel({}, 0, 1)).toBe('point');
  });
});
