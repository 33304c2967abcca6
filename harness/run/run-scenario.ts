// The run pipeline: validated scenario → points → the mode's runner (prepared once; it fails with coded
// errors before any load) → results.json (written atomically) and the console table. Several sim points
// run in parallel on worker threads (simWorkers). Ctrl-C stops after the current point (sim workers: at
// once); the finished points are kept and the run is marked incomplete.
import type { Clock } from '../core/clock.js';
import type { RunResult, PointResult } from '../metrics/results.js';
import { RESULTS_SCHEMA_VERSION } from '../metrics/results.js';
import type { Scenario } from '../scenario/schema.js';
import { runPoints } from './points.js';
import { provenance } from './provenance.js';
import { writeResults } from './results-file.js';
import { runnerFor } from './runners.js';
import { runSimJobs } from './sim-pool.js';

export interface RunOptions {
  scenario: Scenario;
  source: string;
  document: unknown;
  outDir: string;
  seed?: number;
  clock: Clock;
  command: string;
  signal: AbortSignal;
  log(line: string): void;
  /** Worker threads for sim points (several points only; default 1 = in this thread). */
  simWorkers?: number;
  /** Called after each point (and repeat) with a label of its parameters (live progress). */
  onPointDone?(label: string): void;
}

/** `a=1, b=x` (and ` #r` for repeats): how progress lines name a point. */
export function pointLabel(params: Record<string, unknown>, repeat: number, repeats: number): string {
  const text = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(', ') || 'point';
  return repeats > 1 ? `${text} #${repeat}` : text;
}

export interface RunOutcome {
  result: RunResult;
  path: string;
}

export async function runScenario(o: RunOptions): Promise<RunOutcome> {
  const seed = o.seed ?? o.scenario.seed ?? 1;
  const points = runPoints(o.scenario);
  const repeats = o.scenario.repeat ?? 1;
  const startedAt = new Date(o.clock.now()).toISOString();
  const prepared = await runnerFor(o.scenario.mode).prepare(o.scenario, { seed, signal: o.signal });
  const results: PointResult[] = [];
  let interrupted = false;
  const jobs = points.flatMap((point) => Array.from({ length: repeats }, (_, repeat) => ({ point, repeat, seed: repeats === 1 ? seed : (seed + repeat * 0x9e3779b1) >>> 0 })));
  try {
    if (o.scenario.mode === 'sim' && jobs.length > 1 && (o.simWorkers ?? 1) > 1) {
      const done: (PointResult | undefined)[] = [];
      await runSimJobs(jobs.map((j) => ({ scenario: j.point.scenario, seed: j.seed })), o.simWorkers ?? 1, o.clock, o.signal, (i, r, wallMs) => {
        const j = jobs[i]!;
        done[i] = { index: j.point.index, repeat: j.repeat, params: j.point.params, seed: j.seed, wallMs: Math.round(wallMs), ...r };
        o.onPointDone?.(pointLabel(j.point.params, j.repeat, repeats));
      });
      results.push(...done.filter((r): r is PointResult => r !== undefined));
      if (results.length < jobs.length) interrupted = true;
    } else {
      for (const { point, repeat, seed: pointSeed } of jobs) {
        if (o.signal.aborted) {
          interrupted = true;
          break;
        }
        const began = o.clock.now();
        const r = await prepared.runPoint(point, { seed: pointSeed, repeat, signal: o.signal, log: o.log });
        results.push({ index: point.index, repeat, params: point.params, seed: pointSeed, wallMs: Math.round(o.clock.now() - began), ...r });
        o.onPointDone?.(pointLabel(point.params, repeat, repeats));
        if (r.status === 'interrupted') interrupted = true;
      }
    }
  } finally {
    await prepared.dispose();
  }
  const result: RunResult = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    scenario: { name: o.scenario.name, ...(o.scenario.description ? { description: o.scenario.description } : {}), mode: o.scenario.mode, source: o.source, document: o.document },
    provenance: await provenance({
      seed, mode: o.scenario.mode, emulation: prepared.emulation(), startedAt, endedAt: new Date(o.clock.now()).toISOString(), command: o.command,
    }),
    status: interrupted ? 'incomplete' : 'complete',
    points: results,
  };
  return { result, path: await writeResults(o.outDir, result) };
}
