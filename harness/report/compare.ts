// Comparing two runs (`octobench report a.json b.json`): the points of both in one result with an
// extra `run` parameter (A, B), so every chart can split by run; bars per matched point for the
// headline metrics with the A ÷ B ratio; findings on how B differs from A and on whether the runs
// are comparable at all (machine, version, commit, seed). Pure.
import type { PointResult, RunResult } from '../metrics/results.js';
import { defaultDeclarations } from './charts/index.js';
import { findings } from './findings.js';
import type { ChartDeclaration } from './charts/common.js';
import { seriesLabel } from './charts/axis.js';
import { metricLabel, metricNumber, num, parseMetricRef, sweptParams } from './model.js';
import { tableMetrics } from './tables.js';

export const RUN_PARAM = 'run';
export const POINT_PARAM = 'point';

const key = (p: PointResult): string => JSON.stringify([Object.entries(p.params).sort(([a], [b]) => a.localeCompare(b)), p.repeat]);

/** Both runs' points in one result; each point gains `run` (A or B) and `point` (its label). */
export function mergeRuns(a: RunResult, b: RunResult): RunResult {
  const swept = [...new Set([...sweptParams(a.points), ...sweptParams(b.points)])];
  const tag = (r: RunResult, run: string) => r.points.map((p) => ({ ...p, params: { ...p.params, [RUN_PARAM]: run, [POINT_PARAM]: `${seriesLabel(p, swept)}${p.repeat > 0 ? ` #${p.repeat}` : ''}` } }));
  const points = [...tag(a, 'A'), ...tag(b, 'B')].map((p, index) => ({ ...p, index }));
  const name = a.scenario.name === b.scenario.name ? a.scenario.name : `${a.scenario.name} vs ${b.scenario.name}`;
  return {
    ...b,
    scenario: { ...b.scenario, name: `${name} (A vs B)`, description: `A: ${a.scenario.source} started ${a.provenance.startedAt}; B: ${b.scenario.source} started ${b.provenance.startedAt}.` },
    status: a.status === 'complete' && b.status === 'complete' ? 'complete' : a.status === 'failed' || b.status === 'failed' ? 'failed' : 'incomplete',
    points,
  };
}

/** Bars of A vs B per point for the headline metrics, then the single-run defaults split by run. */
export function compareDeclarations(merged: RunResult): ChartDeclaration[] {
  const swept = sweptParams(merged.points).filter((k) => k !== POINT_PARAM);
  const bars = tableMetrics(merged).map((metric): ChartDeclaration => ({ kind: 'api-compare', metric, x: POINT_PARAM, series: RUN_PARAM, groupBy: [], baseline: 'A', title: `${metricLabel(parseMetricRef(metric))}: A vs B` }));
  const rest = defaultDeclarations(merged).flatMap((d): ChartDeclaration[] => {
    if (d.kind === 'sweep') return [{ ...d, series: swept.filter((k) => k !== d.x) }];
    if (d.kind === 'api-compare') return [{ ...d, groupBy: swept.filter((k) => k !== d.x && k !== d.series) }];
    return [];
  });
  return [...bars, ...rest];
}

/** Why A and B may not be comparable: machine, build, mode, seed. */
export function provenanceFindings(a: RunResult, b: RunResult): string[] {
  const out: string[] = [];
  const pa = a.provenance;
  const pb = b.provenance;
  const machine = (p: RunResult['provenance']) => `${p.cpuModel} × ${p.cpus}`;
  if (machine(pa) !== machine(pb)) out.push(`A and B ran on different machines (${machine(pa)} vs ${machine(pb)}): differences may be the machine's, not the code's.`);
  if (pa.octobenchVersion !== pb.octobenchVersion || pa.gitCommit !== pb.gitCommit) out.push(`A and B ran different octobench builds (${pa.octobenchVersion} ${pa.gitCommit?.slice(0, 7) ?? '?'} vs ${pb.octobenchVersion} ${pb.gitCommit?.slice(0, 7) ?? '?'}).`);
  if (pa.mode !== pb.mode) out.push(`A is a ${pa.mode} run and B a ${pb.mode} run.`);
  if (pa.seed !== pb.seed) out.push(`A and B used different seeds (${pa.seed} vs ${pb.seed}).`);
  return out;
}

/** Findings on how B differs from A over the points both have, then each run's own findings by run. */
export function compareFindings(a: RunResult, b: RunResult): string[] {
  const merged = mergeRuns(a, b);
  const withoutLabel = { ...merged, points: merged.points.map((p) => ({ ...p, params: Object.fromEntries(Object.entries(p.params).filter(([k]) => k !== POINT_PARAM)) })) };
  return [...differenceFindings(a, b, merged), ...findings(withoutLabel).filter((f) => !f.startsWith('The run '))];
}

function differenceFindings(a: RunResult, b: RunResult, merged: RunResult): string[] {
  const out = provenanceFindings(a, b);
  const inA = new Map(a.points.filter((p) => p.status === 'ok').map((p) => [key(p), p]));
  const inB = new Map(b.points.filter((p) => p.status === 'ok').map((p) => [key(p), p]));
  const both = [...inA.keys()].filter((k) => inB.has(k));
  const onlyA = [...inA.keys()].filter((k) => !inB.has(k)).length;
  const onlyB = [...inB.keys()].filter((k) => !inA.has(k)).length;
  if (both.length === 0) return [...out, 'A and B have no finished point with the same parameters: nothing to compare point by point.'];
  if (onlyA + onlyB > 0) out.push(`${both.length} points are in both runs; ${onlyA} only in A, ${onlyB} only in B.`);
  for (const metric of tableMetrics(merged)) {
    const ref = parseMetricRef(metric);
    const ratios = both.flatMap((k) => {
      const va = metricNumber(inA.get(k)!, ref);
      const vb = metricNumber(inB.get(k)!, ref);
      return va === undefined || vb === undefined || va === 0 || vb === 0 ? [] : [vb / va];
    });
    if (ratios.length === 0) continue;
    const geo = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
    const lo = Math.min(...ratios);
    const hi = Math.max(...ratios);
    const range = lo === hi ? '' : ` (${num(lo)}–${num(hi)} over ${ratios.length} points)`;
    const verdict = Math.abs(geo - 1) < 0.005 ? 'is the same in B as in A' : geo > 1 ? `is ${num(geo)}× higher in B than in A` : `is ${num(1 / geo)}× lower in B than in A`;
    out.push(`${metricLabel(ref)} ${verdict}${range === '' ? '' : `; B ÷ A ${range.slice(2, -1)}`}.`);
  }
  return out;
}
