// The results schema (results.json, schemaVersion 1): what a run produced and where every number came
// from. A point keeps raw distributions (encoded HDR histograms in its distribution metrics), not only
// averages. Reporters, gates and capacity plans read only this.
import type { Metric } from './metric.js';

export const RESULTS_SCHEMA_VERSION = 1;

export type ParamValue = number | string | boolean;

/** Where a number came from: enough to reproduce it and to refuse comparing it with a foreign one. */
export interface Provenance {
  octobenchVersion: string;
  gitCommit: string | null;
  node: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cpus: number;
  memoryBytes: number;
  seed: number;
  mode: 'api-flows' | 'sim' | 'live';
  /** How the network was emulated, e.g. { kind: 'in-process', rttMs: 60 } or { kind: 'none' }. */
  emulation: Record<string, unknown>;
  startedAt: string;
  endedAt: string;
  command: string;
}

export interface TimeSeries {
  unit: string;
  /** [ms since the point started, value] */
  points: [number, number][];
}

export type PointStatus = 'ok' | 'failed' | 'interrupted';

export interface PointResult {
  index: number;
  /** 0-based repeat number when the scenario has `repeat: n`. */
  repeat: number;
  params: Record<string, ParamValue>;
  status: PointStatus;
  error?: { code: string; message: string };
  seed: number;
  metrics: Record<string, Metric>;
  counters?: Record<string, number>;
  series?: Record<string, TimeSeries>;
  /** Wall time the point took to run, ms. */
  wallMs: number;
}

export interface RunResult {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  scenario: { name: string; description?: string; mode: 'api-flows' | 'sim' | 'live'; source: string; document: unknown };
  provenance: Provenance;
  /** complete: every point ran; incomplete: interrupted, finished points kept; failed: the run itself failed. */
  status: 'complete' | 'incomplete' | 'failed';
  points: PointResult[];
}
