// The gate's verdict as JUnit XML, the format CI systems show as test results: one test case per
// baseline point, a <failure> for a regressed or missing point, <skipped> never (every point is held).
// Pure: gate result in, XML text out (the CLI writes it with --junit FILE).
import { num } from '../report/model.js';
import { percentChange, type GateResult, type GateRow } from './gate.js';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function failureOf(row: GateRow, tolerancePct: number): string | undefined {
  if (row.verdict === 'missing') return 'missing: the current run has no finished repeat of this point';
  if (row.verdict !== 'regressed') return undefined;
  return `regressed: median ${num(row.baseline.median)} → ${row.current === undefined ? '?' : num(row.current.median)} (${percentChange(row.ratio)}; tolerance ${num(tolerancePct)} %)`;
}

export function gateJunit(result: GateResult, suite: string, tolerancePct: number): string {
  const failures = result.rows.filter((r) => r.verdict === 'regressed' || r.verdict === 'missing').length;
  const cases = result.rows.map((row) => {
    const failure = failureOf(row, tolerancePct);
    const open = `    <testcase classname="${xml(`${suite}.${result.metric}`)}" name="${xml(row.point)}" time="0"`;
    return failure === undefined ? `${open}/>` : `${open}>\n      <failure message="${xml(failure)}" type="${row.verdict}"/>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="octobench gate" tests="${result.rows.length}" failures="${failures}">`,
    `  <testsuite name="${xml(`${suite}: ${result.metric}`)}" tests="${result.rows.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
