// The open model's arrival plan as pure data: intended start times (ms from the run's start) for a
// constant rate or for ramping stages (rate changes linearly within a stage, k6 ramping-arrival-rate
// style). Start k is placed where the cumulative arrivals ∫rate reach k, so start 0 is at 0 and a
// constant rate r gives k·1000/r. Times are rounded to 1 µs so that plans print and compare exactly.
import { OctobenchError } from '../core/errors.js';

export interface RateStage {
  durationMs: number;
  /** Arrivals per second at the end of the stage (linear from the previous stage's rate). */
  targetRate: number;
}

export type OpenLoad =
  | { rate: number; durationMs: number }
  | { startRate?: number; stages: readonly RateStage[] };

/** One linear segment of the plan, with the number of starts that fall into it. */
export interface OpenPlanStage {
  fromMs: number;
  toMs: number;
  fromRate: number;
  toRate: number;
  starts: number;
}

export interface OpenPlan {
  model: 'open';
  durationMs: number;
  scheduled: number;
  stages: OpenPlanStage[];
}

function roundUs(ms: number): number {
  return Math.round(ms * 1_000) / 1_000;
}

function bad(path: string, message: string): never {
  throw new OctobenchError('OCTOBENCH_ERR_INVALID_ARGUMENT', `open load: ${path} ${message}`, { problems: [{ path, message }] });
}

/** Normalises either form into linear segments; validates every number. */
function segments(load: OpenLoad): Array<Omit<OpenPlanStage, 'starts'>> {
  const nonNegative = (path: string, v: number) => {
    if (!Number.isFinite(v) || v < 0) bad(path, `must be a finite number ≥ 0, got ${v}`);
  };
  if ('rate' in load) {
    nonNegative('rate', load.rate);
    nonNegative('durationMs', load.durationMs);
    return [{ fromMs: 0, toMs: load.durationMs, fromRate: load.rate, toRate: load.rate }];
  }
  let rate = load.startRate ?? 0;
  nonNegative('startRate', rate);
  let at = 0;
  return load.stages.map((stage, i) => {
    nonNegative(`stages[${i}].durationMs`, stage.durationMs);
    nonNegative(`stages[${i}].targetRate`, stage.targetRate);
    const seg = { fromMs: at, toMs: at + stage.durationMs, fromRate: rate, toRate: stage.targetRate };
    at = seg.toMs;
    rate = stage.targetRate;
    return seg;
  });
}

/** Intended start times in ms from the run start, lazily (plans of millions of starts stay cheap). */
export function* openStartTimes(load: OpenLoad): Generator<number> {
  let before = 0; // cumulative arrivals at the start of the current segment
  let k = 0; // index of the next start
  for (const seg of segments(load)) {
    const durS = (seg.toMs - seg.fromMs) / 1_000;
    if (durS === 0) continue;
    const b = seg.fromRate;
    const a = (seg.toRate - seg.fromRate) / (2 * durS); // cumulative(t) = b·t + a·t², t in s
    const total = b * durS + a * durS * durS;
    for (;;) {
      const need = k - before;
      if (need >= total) break;
      // Root of a·t² + b·t − need = 0 in the numerically stable form (also valid when a = 0).
      const tS = need === 0 ? 0 : (2 * need) / (b + Math.sqrt(b * b + 4 * a * need));
      const at = seg.fromMs + tS * 1_000;
      if (!(at < seg.toMs)) break;
      yield roundUs(at);
      k++;
    }
    before += total;
  }
}

/** The exact array of intended start times (ms from the run start). */
export function openSchedule(load: OpenLoad): number[] {
  return [...openStartTimes(load)];
}

/** The printable plan: segments with their start counts, total duration and total starts. */
export function openPlan(load: OpenLoad): OpenPlan {
  const segs = segments(load);
  const stages = segs.map((s) => ({ ...s, starts: 0 }));
  let i = 0;
  for (const t of openStartTimes(load)) {
    while (i < stages.length - 1 && t >= stages[i]!.toMs) i++;
    stages[i]!.starts++;
  }
  const durationMs = segs.length === 0 ? 0 : segs[segs.length - 1]!.toMs;
  return { model: 'open', durationMs, scheduled: stages.reduce((n, s) => n + s.starts, 0), stages };
}
