// points.csv (exact text), the headline table and provenance rows, summary.md and results reading.
import { describe, expect, it } from 'vitest';
import { pointsCsv } from '../../../harness/report/csv.js';
import { parseResults, readResults } from '../../../harness/report/read-results.js';
import { headlineTable, provenanceRows } from '../../../harness/report/tables.js';
import { num, paramLabel, parseMetricRef, withUnit } from '../../../harness/report/model.js';
import { fixture, fixturePath } from './helpers.js';

describe('points.csv', () => {
  it('has a column per parameter, metric statistic and counter, one row per point and repeat', () => {
    expect(pointsCsv(fixture('sim-interrupted'))).toBe([
      'index,repeat,status,error,fleet.targets,run.makespan (s),target.completion.count,target.completion.mean (s),target.completion.p50 (s),target.completion.p90 (s),target.completion.p95 (s),target.completion.p99 (s),target.completion.max (s)',
      '0,0,ok,,100,50,4,21.25,20,30,30,30,30',
      '0,1,ok,,100,60,4,21.5,20,31,31,31,31',
      '1,0,ok,,1000,500,4,77.5,20,250,250,250,250',
      '1,1,failed,OCTOBENCH_ERR_SIM: simulated server ran out of memory,1000,,,,,,,,',
      '',
    ].join('\n'));
  });

  it('quotes cells with commas, quotes and newlines (RFC 4180)', () => {
    const r = fixture('sim-interrupted');
    const quoted = { ...r, points: [{ ...r.points[3]!, error: { code: 'X', message: 'a "b", c\nd' } }] };
    expect(pointsCsv(quoted).split('\n')[1]).toBe('1,1,failed,"X: a ""b"", c');
  });
});

describe('headline table', () => {
  it('shows swept parameters, repeat, status and the key metrics in words', () => {
    expect(headlineTable(fixture('sim-interrupted'))).toEqual({
      header: ['targets', 'repeat', 'status', 'total deployment duration', 'per-target completion (p95)'],
      rows: [['100', '0', 'ok', '50 s', '30 s'], ['100', '1', 'ok', '60 s', '31 s'], ['1000', '0', 'ok', '500 s', '250 s'], ['1000', '1', 'failed', '–', '–']],
      omitted: 0,
    });
  });

  it('provenance: version, commit, machine, Node, seed, mode, emulation', () => {
    expect(provenanceRows(fixture('api-flows').provenance).slice(0, 7)).toEqual([
      ['octobench', '0.1.0'], ['git commit', '1c5d1f3aa1b2c3d4e5f60718293a4b5c6d7e8f90'], ['machine', 'Example CPU @ 2.00GHz × 2, 24 GiB, linux/x64'],
      ['Node', 'v20.20.2'], ['seed', '42'], ['mode', 'api-flows'], ['emulation', '{"kind":"in-process","rttMs":[0,60]}'],
    ]);
  });
});

describe('labels and numbers', () => {
  it('reads parameter paths and metric references', () => {
    expect([paramLabel('network.rttMs'), paramLabel('deployment.acquireParallelism'), paramLabel('api')]).toEqual(['RTT (ms)', 'acquire parallelism', 'api']);
    expect([parseMetricRef('deployment.duration:p95'), parseMetricRef('run.makespan'), parseMetricRef('a:b')]).toEqual([{ name: 'deployment.duration', stat: 'p95' }, { name: 'run.makespan' }, { name: 'a:b' }]);
  });

  it('formats with three significant digits and scaled units', () => {
    expect([num(1234.5), num(0.012345), num(7.19), num(16)]).toEqual(['1235', '0.0123', '7.19', '16']);
    expect([withUnit(48_500, 'bytes'), withUnit(4.2e9, 'bytes'), withUnit(0.97, 'ratio'), withUnit(1, 'requests'), withUnit(480, 's')]).toEqual(['48.5 kB', '4200 MB', '97 %', '1 request', '480 s']);
  });
});

describe('reading results.json', () => {
  it('reads a valid file', async () => {
    expect((await readResults(fixturePath('sim-sweep'))).points).toHaveLength(7);
  });

  it('lists every schema problem with its path (OCTOBENCH_ERR_RESULTS_INVALID)', async () => {
    await expect(readResults(fixturePath('invalid'))).rejects.toMatchObject({
      code: 'OCTOBENCH_ERR_RESULTS_INVALID',
      problems: [
        { path: 'scenario', message: 'must have a name and a mode' },
        { path: 'provenance', message: 'must be an object' },
        { path: 'status', message: "must be 'complete', 'incomplete' or 'failed'" },
        { path: 'points', message: 'must be an array' },
      ],
    });
    const r = fixture('sim-sweep');
    const bad = { ...r, points: [{ ...r.points[0]!, params: { x: null }, metrics: { m: { unit: 's', value: 'fast' } }, series: { s: { unit: 'x', points: [[1]] } } }] };
    expect(() => parseResults(JSON.stringify(bad), 'bad.json')).toThrow(expect.objectContaining({
      problems: [
        { path: 'points[0].params.x', message: 'must be a number, string or boolean' },
        { path: 'points[0].metrics.m.value', message: 'must be a finite number' },
        { path: 'points[0].series.s', message: 'must be { unit, points: [t, v][] }' },
      ],
    }));
  });

  it('not JSON or missing → OCTOBENCH_ERR_RESULTS_READ', async () => {
    expect(() => parseResults('{', 'x.json')).toThrow(expect.objectContaining({ code: 'OCTOBENCH_ERR_RESULTS_READ' }));
    await expect(readResults('/nonexistent/results.json')).rejects.toMatchObject({ code: 'OCTOBENCH_ERR_RESULTS_READ' });
  });
});
