// Closed vs open model in virtual time against a scripted server that stalls for 1 s once.
// The closed model hides the stall (one sample sees it); the open model, measuring from intended start
// times, shows it in p99, and counts the starts that had to wait for a slot (late) or were dropped.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { OctobenchError } from '../../../harness/core/errors.js';
import { closedPlan, runClosed } from '../../../harness/load/closed-model.js';
import { runOpen, type OpenSample } from '../../../harness/load/open-model.js';
import { LatencyHistogram } from '../../../harness/metrics/histogram.js';
import { drive, stallingServer } from './virtual-time.js';

const SERVICE = { serviceMs: 10, stallFromMs: 1_000, stallToMs: 2_000 };

function histogramOf(values: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of values) h.record(v);
  return h;
}

/** Expected open-model latencies: rate 100/s (start k at 10k ms), 60 slots, stall [1000, 2000). */
function openExpectation(firstStartedFromQueue: number): { latency: number[]; lateness: number[] } {
  const latency: number[] = [];
  const lateness: number[] = [];
  for (let k = 0; k < 500; k++) {
    const t = 10 * k;
    if (k >= 100 && k < 160) latency.push(2_010 - t), lateness.push(0); // in the stall, 60 slots
    else if (k >= firstStartedFromQueue && k <= 201) latency.push(2_020 - t), lateness.push(2_010 - t); // waited for a slot
    else if (k >= 160 && k <= 201) continue; // dropped
    else latency.push(10), lateness.push(0);
  }
  return { latency, lateness };
}

describe('closed model', () => {
  it('hides a 1 s stall: only the one iteration in flight sees it', async () => {
    const clock = new ManualClock();
    const server = stallingServer(clock, { t0: clock.now(), ...SERVICE });
    const latencies: number[] = [];
    const result = await drive(clock, runClosed({ clock, vus: 1, durationMs: 5_000, iteration: server, onSample: (s) => latencies.push(s.latencyMs) }));
    // Starts at 0, 10, …, 990 (100), 1000 (stalled until 2010), then 2010, …, 4990 (299).
    expect(latencies).toEqual([...Array<number>(100).fill(10), 1_010, ...Array<number>(299).fill(10)]);
    expect(result.iterations).toBe(400);
    expect(result.endedAt - result.startedAt).toBe(5_000);
    expect(result.histogram.summary()).toEqual(histogramOf(latencies).summary());
    expect(result.histogram.summary().p99).toBeLessThan(10.01);
  });

  it('shares a fixed number of iterations between users and counts errors', async () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const seen: Array<[vu: number, index: number, at: number]> = [];
    const result = await drive(clock, runClosed({
      clock, vus: 3, iterations: 7,
      iteration: async (vu, i) => {
        seen.push([vu, i, clock.now() - t0]);
        await clock.sleep(10 * (vu + 1));
        if (i === 4) throw new Error('boom');
      },
    }));
    // User u takes 10·(u+1) ms per iteration and takes the next shared index when it is free; at 20 ms
    // user 1 (timer set at 0) finishes before user 0 (timer set at 10), so it takes index 4 first.
    expect(seen).toEqual([[0, 0, 0], [1, 1, 0], [2, 2, 0], [0, 3, 10], [1, 4, 20], [0, 5, 20], [2, 6, 30]]);
    expect([result.iterations, result.errors, result.histogram.count]).toEqual([7, 1, 6]);
    expect(result.endedAt - result.startedAt).toBe(60);
  });

  it('validates the plan and reports every problem', () => {
    expect(closedPlan({ vus: 2, durationMs: 1000 })).toEqual({ model: 'closed', vus: 2, iterations: null, durationMs: 1000 });
    try {
      closedPlan({ vus: 0, iterations: -1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OctobenchError);
      expect((e as OctobenchError).problems.map((p) => p.path)).toEqual(['vus', 'iterations']);
    }
    expect(() => closedPlan({ vus: 1 })).toThrow(OctobenchError);
  });
});

describe('open model', () => {
  async function runStalled(maxStartDelayMs?: number) {
    const clock = new ManualClock();
    const t0 = clock.now();
    const server = stallingServer(clock, { t0, ...SERVICE });
    const samples: OpenSample[] = [];
    const result = await drive(clock, runOpen({
      clock, load: { rate: 100, durationMs: 5_000 }, maxInFlight: 60, maxStartDelayMs,
      iteration: () => server(), onSample: (s) => samples.push(s),
    }));
    samples.sort((a, b) => a.index - b.index);
    return { result, samples };
  }

  it('measures from the intended start: the stall reaches p99, and starts that waited for a slot are late', async () => {
    const { result, samples } = await runStalled(1_000);
    const expected = openExpectation(160);
    expect(samples.map((s) => s.latencyMs)).toEqual(expected.latency);
    expect(samples.map((s) => s.startedAt - s.intendedAt)).toEqual(expected.lateness);
    expect({ ...result, histogram: undefined, lateness: undefined }).toEqual({
      model: 'open', histogram: undefined, lateness: undefined, scheduled: 500, started: 500, completed: 500,
      lateStarts: 41, droppedStarts: 0, errors: 0, startedAt: result.startedAt, endedAt: result.startedAt + 5_000,
    });
    expect(result.histogram.summary()).toEqual(histogramOf(expected.latency).summary());
    expect(result.lateness.summary()).toEqual(histogramOf(expected.lateness).summary());
    expect(result.histogram.summary().p99).toBeGreaterThan(900);
  });

  it('drops starts that waited longer than maxStartDelayMs, and counts them', async () => {
    const { result, samples } = await runStalled(300);
    // At 2010 the queue holds the starts intended for 1600…2010; those older than 300 ms (1600…1700) are dropped.
    expect(samples.map((s) => s.latencyMs)).toEqual(openExpectation(171).latency);
    expect([result.scheduled, result.started, result.droppedStarts, result.lateStarts]).toEqual([500, 489, 11, 30]);
  });

  it('by default drops at once when all slots are busy (k6 style)', async () => {
    const { result } = await runStalled();
    // 1600…2000 find 60 busy slots; so does 2010, which is due in the same instant the stalled ones finish.
    expect([result.scheduled, result.started, result.droppedStarts, result.lateStarts]).toEqual([500, 458, 42, 0]);
  });

  it('counts failed iterations as errors, not as latency samples', async () => {
    const clock = new ManualClock();
    const result = await drive(clock, runOpen({
      clock, load: { rate: 10, durationMs: 1_000 }, maxInFlight: 5,
      iteration: async (i) => {
        await clock.sleep(2);
        if (i % 2 === 1) throw new Error('server said no');
      },
    }));
    expect([result.scheduled, result.completed, result.errors, result.histogram.count]).toEqual([10, 10, 5, 5]);
    expect(result.histogram.summary().max).toBe(2);
  });
});
