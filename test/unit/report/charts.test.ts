// Chart specs: which charts each kind of result gets by default, that every spec is valid vega-lite
// (against vega-lite's JSON Schema), and the exact specs as file snapshots (test/unit/report/__snapshots__).
import { beforeAll, describe, expect, it } from 'vitest';
import { chartsFor, defaultDeclarations, missingCharts } from '../../../harness/report/charts/index.js';
import { FIXTURES, fixture, vegaLiteErrors } from './helpers.js';

beforeAll(() => {
  expect(vegaLiteErrors({ mark: 'point' })).not.toEqual([]); // compiles the schema once; no data → invalid
}, 60_000);

describe('default charts', () => {
  it('api-flows: legacy vs executions bars for requests, bytes and duration, the RTT sweep and the latency spectrum', () => {
    expect(chartsFor(fixture('api-flows')).map((c) => c.id)).toEqual([
      'api-compare-requestsPerOperation-by-operation',
      'api-compare-requestBytesPerOperation-by-operation',
      'api-compare-responseBytesPerOperation-by-operation',
      'api-compare-operationDuration-by-operation',
      'sweep-operationDuration-by-network-rttMs',
      'sweep-requestsPerOperation-by-network-rttMs',
      'spectrum-operationDuration',
    ]);
  });

  it('sim sweep: headline metrics over acquire parallelism, per-target ECDF, CPU and transfer series', () => {
    expect(chartsFor(fixture('sim-sweep')).map((c) => c.id)).toEqual([
      'sweep-run-makespan-by-deployment-acquireParallelism',
      'sweep-deployment-duration-p95-by-deployment-acquireParallelism',
      'sweep-target-completion-p95-by-deployment-acquireParallelism',
      'sweep-server-cpu-meanUtilisation-by-deployment-acquireParallelism',
      'sweep-transfers-peakConcurrent-by-deployment-acquireParallelism',
      'sweep-network-serverUplink-bytes-by-deployment-acquireParallelism',
      'ecdf-target-completion',
      'timeseries-server-cpuUtilisation',
      'timeseries-transfers-concurrent',
    ]);
  });

  it('repeats get mean lines with a standard-deviation error bar', () => {
    const [sweep] = chartsFor(fixture('sim-interrupted'));
    expect(sweep?.spec).toMatchObject({ layer: [{ mark: { type: 'line' } }, { mark: { type: 'errorbar', extent: 'stdev' } }] });
  });
});

describe('declared charts', () => {
  it('draws exactly the declared charts, with series by the named parameter', () => {
    const charts = chartsFor(fixture('api-flows'), [
      { kind: 'sweep', metric: 'operationDuration:p99', x: 'network.rttMs', series: 'api' },
      { kind: 'api-compare', metric: 'requestsPerOperation' },
    ]);
    expect(charts.map((c) => [c.id, c.title])).toEqual([
      ['sweep-operationDuration-p99-by-network-rttMs-per-api', 'operation duration (p99) by RTT (ms)'],
      ['api-compare-requestsPerOperation-by-operation', 'requests per operation: legacy vs executions'],
    ]);
    const values = (charts[0]?.spec as { data: { values: object[] } }).data.values;
    expect(values.slice(0, 2)).toEqual([{ x: 0, value: 110.015, series: 'legacy' }, { x: 0, value: 50.015, series: 'executions' }]);
    expect(values).toHaveLength(12);
  });

  it('lists declarations the result has no data for instead of dropping them silently', () => {
    const declared = [{ kind: 'timeseries' as const, metric: 'server.cpuUtilisation' }, { kind: 'ecdf' as const, metric: 'target.completion' }];
    expect(missingCharts(fixture('api-flows'), declared)).toEqual(declared);
    expect(chartsFor(fixture('api-flows'), declared)).toEqual([]);
  });

  it('the api-compare bars carry the legacy ÷ executions ratio per operation and RTT', () => {
    const [bars] = chartsFor(fixture('api-flows'), [{ kind: 'api-compare', metric: 'requestsPerOperation' }]);
    const values = (bars?.spec as { data: { values: { kind: string; x: string; group: string; label: string | null }[] } }).data.values;
    expect(values.filter((v) => v.kind === 'ratio').map((v) => `${v.group} ${v.x} ${v.label}`)).toEqual([
      '0 create-release 16×', '0 deploy-release 9×', '0 run-runbook 7×', '60 create-release 16×', '60 deploy-release 9×', '60 run-runbook 7×',
    ]);
  });
});

describe.each(FIXTURES)('%s specs', (name) => {
  const result = fixture(name);
  const charts = chartsFor(result);

  it('are valid vega-lite (JSON Schema)', () => {
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect({ id: chart.id, errors: vegaLiteErrors(chart.spec) }).toEqual({ id: chart.id, errors: [] });
  });

  it('match their snapshots', async () => {
    for (const chart of charts) await expect(`${JSON.stringify(chart.spec, null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/specs/${name}/${chart.id}.vl.json`);
  });

  it('are the same for the same result (pure)', () => {
    expect(chartsFor(fixture(name))).toEqual(charts);
    expect(defaultDeclarations(result).length).toBeGreaterThanOrEqual(charts.length);
  });
});
