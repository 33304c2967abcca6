// The seam between the generic run pipeline (matrix → points → results.json) and what a mode does for
// one point. A runner is set up once per run (e.g. boots the embedded server), runs each point, and is
// disposed at the end, also after an interruption.
import type { Scenario } from '../scenario/schema.js';
import type { ScenarioPoint } from '../scenario/matrix.js';
import type { PointResult } from '../metrics/results.js';

export interface RunContext {
  /** The point's seed: the scenario seed, or one derived per repeat. */
  seed: number;
  repeat: number;
  /** Aborted on Ctrl-C: a runner stops its point promptly and reports status 'interrupted'. */
  signal: AbortSignal;
  /** Progress lines for the console (no-op in quiet mode). */
  log(line: string): void;
}

export interface PreparedRunner {
  /** Provenance the runner knows (e.g. emulation used). */
  emulation(): Record<string, unknown>;
  runPoint(point: ScenarioPoint, ctx: RunContext): Promise<Omit<PointResult, 'index' | 'repeat' | 'params' | 'seed' | 'wallMs'>>;
  dispose(): Promise<void>;
}

export interface ModeRunner {
  mode: Scenario['mode'];
  /** The console table of a finished run's points, in this mode's terms. */
  consoleTable(points: readonly PointResult[]): string[];
  /** Checks the environment and boots what the run needs; throws coded errors BEFORE any load starts. */
  prepare(scenario: Scenario, options: { seed: number; signal: AbortSignal }): Promise<PreparedRunner>;
}
