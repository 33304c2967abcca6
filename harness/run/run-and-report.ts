// One scenario run end to end: runScenario (results.json, atomically) then the full report directory
// (writeReport: index.html, summary.md, points.csv, charts/*) in the same directory, drawing the
// scenario's declared `charts` (defaults when it declares none). An interrupted run
// still gets its report; the report marks it incomplete (result.status).
import type { WrittenReport } from '../report/write-report.js';
import { writeReport } from '../report/write-report.js';
import { runScenario, type RunOptions, type RunOutcome } from './run-scenario.js';

export interface ReportedRun extends RunOutcome {
  report: WrittenReport;
}

export async function runAndReport(o: RunOptions): Promise<ReportedRun> {
  const outcome = await runScenario(o);
  const charts = o.scenario.charts;
  const report = await writeReport(outcome.result, o.outDir, { clock: o.clock, ...(charts === undefined ? {} : { charts }) });
  return { ...outcome, report };
}
