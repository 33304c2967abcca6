import { describe, expect, it } from 'vitest';
import { OctobenchError } from '../../../harness/core/errors.js';
import { parseScenarioText } from '../../../harness/scenario/load.js';
import { expandMatrix } from '../../../harness/scenario/matrix.js';
import { getAt, pointerToPath, setAt } from '../../../harness/scenario/paths.js';
import { scenarioProblems } from '../../../harness/scenario/validate.js';

const valid = {
  version: 1,
  name: 'rtt',
  mode: 'api-flows',
  server: { kind: 'embedded' },
  network: { rttMs: 0 },
  workload: { operations: ['create-release'], apis: ['legacy', 'executions'], model: 'closed', vus: 1, iterations: 5 },
  matrix: { 'network.rttMs': [0, 60], 'workload.vus': [1, 4] },
};

describe('scenario validation', () => {
  it('accepts a valid scenario', () => {
    expect(scenarioProblems(valid)).toEqual([]);
  });

  it('reports every problem at once with its path, unknown keys included', () => {
    const problems = scenarioProblems({
      ...valid,
      name: 'Has Spaces',
      extra: true,
      network: { rttMs: -5, jitter: 3 },
      workload: { ...valid.workload, vus: 0 },
    });
    expect(problems).toEqual([
      { path: 'extra', message: 'Unexpected property' },
      { path: 'name', message: "Expected string to match '^[a-z0-9][a-z0-9-]*$'" },
      { path: 'network.jitter', message: 'Unexpected property' },
      { path: 'network.rttMs', message: 'Expected number to be greater or equal to 0' },
      { path: 'workload.vus', message: 'Expected integer to be greater or equal to 1' },
    ]);
  });

  it('checks each matrix value as if it were written in place', () => {
    const problems = scenarioProblems({ ...valid, matrix: { 'network.rttMs': [0, -1, 'slow'], 'workload.vus': [2] } });
    expect(problems).toEqual([
      { path: 'matrix.network.rttMs[1]', message: 'Expected number to be greater or equal to 0' },
      { path: 'matrix.network.rttMs[2]', message: 'Expected number' },
    ]);
  });

  it('reports missing mode sections and cross-field rules', () => {
    const problems = scenarioProblems({ version: 1, name: 'x', mode: 'api-flows', server: { kind: 'url' } });
    expect(problems).toEqual([
      { path: 'workload', message: "is required when mode is 'api-flows'" },
      { path: 'server.url', message: "is required when server.kind is 'url'" },
      { path: 'server.apiKeyEnv', message: "is required when server.kind is 'url'" },
    ]);
  });

  it('rejects a sim point larger than one process holds, naming the largest point', () => {
    const sim = { version: 1, name: 'big', mode: 'sim', deployment: { targets: 200_000, deployments: 4 } };
    expect(scenarioProblems(sim)).toEqual([]);
    expect(scenarioProblems({ ...sim, matrix: { 'deployment.deployments': [1, 5, 6], 'deployment.steps': [1, 2] } })).toEqual([{
      path: 'deployment',
      message: 'targets × deployments reaches 1,200,000 (at deployment.deployments=6); one simulated point holds at most 1,000,000 targets (about 4 GB of heap): lower either',
    }]);
    expect(scenarioProblems({ ...sim, deployment: { targets: 500_000, deployments: 3 } })).toEqual([{
      path: 'deployment',
      message: 'targets × deployments reaches 1,500,000; one simulated point holds at most 1,000,000 targets (about 4 GB of heap): lower either',
    }]);
  });

  it('turns YAML syntax errors and duplicate keys into coded errors with lines', () => {
    const attempt = (text: string) => {
      try {
        parseScenarioText(text, 'test.yaml');
      } catch (e) {
        return e as OctobenchError;
      }
      throw new Error('expected a failure');
    };
    const dup = attempt('version: 1\nname: a\nname: b\n');
    expect(dup.code).toBe('OCTOBENCH_ERR_SCENARIO_INVALID');
    expect(dup.problems[0]!.path).toBe('line 3');
    expect(attempt('version: [1\n').problems.length).toBeGreaterThan(0);
  });
});

describe('matrix expansion', () => {
  it('is the cartesian product, first key outermost, with values substituted', () => {
    const points = expandMatrix(parseScenarioText(JSON.stringify(valid), 'inline'));
    expect(points.map((p) => p.params)).toEqual([
      { 'network.rttMs': 0, 'workload.vus': 1 },
      { 'network.rttMs': 0, 'workload.vus': 4 },
      { 'network.rttMs': 60, 'workload.vus': 1 },
      { 'network.rttMs': 60, 'workload.vus': 4 },
    ]);
    expect(points[2]!.scenario.network?.rttMs).toBe(60);
    expect(points[1]!.scenario.workload?.vus).toBe(4);
    expect(points[0]!.scenario.matrix).toBeUndefined();
  });

  it('is a single point without a matrix', () => {
    const { matrix: _m, ...rest } = valid;
    expect(expandMatrix(parseScenarioText(JSON.stringify(rest), 'inline')).map((p) => p.params)).toEqual([{}]);
  });
});

describe('parameter paths', () => {
  it('converts pointers and reads/writes without mutating', () => {
    expect(pointerToPath('/matrix/network.rttMs/2')).toBe('matrix.network.rttMs[2]');
    const root = { a: { b: [1, 2] } };
    const changed = setAt(root, 'a.b[1]', 9);
    expect(changed).toEqual({ a: { b: [1, 9] } });
    expect(root).toEqual({ a: { b: [1, 2] } });
    expect(getAt(changed, 'a.b[1]')).toBe(9);
  });
});
