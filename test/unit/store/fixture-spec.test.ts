// Fixture validation: defaults, every problem at once with its path, unknown keys rejected, input untouched.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE, parseFixture } from '../../../mock-server/store/index.js';
import { OctobenchError } from '../../../harness/core/errors.js';

function problemsOf(input: unknown): { path: string; message: string }[] {
  try {
    parseFixture(input);
  } catch (e) {
    expect(e).toBeInstanceOf(OctobenchError);
    expect((e as OctobenchError).code).toBe('OCTOBENCH_ERR_FIXTURE_INVALID');
    return [...(e as OctobenchError).problems];
  }
  throw new Error('expected parseFixture to throw');
}

describe('parseFixture', () => {
  it('fills every default for an empty object', () => {
    expect(parseFixture({})).toEqual({
      spaces: 1, projectsPerSpace: 4, environments: ['Development', 'Test', 'Production'], tenants: 3, targetsPerEnvironment: 3,
      targetCommunicationStyle: 'TentaclePassive', stepsPerProcess: 6, packagesPerStep: 1, runbookSteps: 2, variablesPerProject: 20,
      variableValueBytes: 48, releasesPerProject: 2, packageVersionsInFeed: 5, packageSizeBytes: 20 * 1024 * 1024, packageSizeSpread: 0.25,
      packageChangeFraction: 0.07, acquisitionLocation: 'Server',
    });
    expect(DEFAULT_FIXTURE).toEqual(parseFixture({}));
    expect(Object.isFrozen(DEFAULT_FIXTURE)).toBe(true);
  });

  it('keeps given values, copies arrays and never mutates the input', () => {
    const input = Object.freeze({ environments: Object.freeze(['Dev', 'Prod']), totalTargets: 10, maxParallelism: 2 });
    const spec = parseFixture(input);
    expect(spec.environments).toEqual(['Dev', 'Prod']);
    expect(spec.environments).not.toBe(input.environments);
    expect(spec.totalTargets).toBe(10);
    expect(spec.maxParallelism).toBe(2);
    expect(spec.acquireMaxParallelism).toBeUndefined();
  });

  it('reports every problem at once, with paths, including unknown keys and duplicate environments', () => {
    expect(problemsOf({
      spaces: 0, environments: ['Dev', 'dev', ''], bogus: 1, packageSizeSpread: 2, targetsPerEnvironment: 1.5, acquisitionLocation: 'Cloud',
    })).toEqual([
      { path: 'bogus', message: expect.stringMatching(/^unknown key \(allowed: spaces, projectsPerSpace, environments, /) },
      { path: 'spaces', message: 'Expected integer to be greater or equal to 1' },
      { path: 'environments[2]', message: 'Expected string length greater or equal to 1' },
      { path: 'targetsPerEnvironment', message: 'Expected integer' },
      { path: 'packageSizeSpread', message: 'Expected number to be less or equal to 0.95' },
      { path: 'acquisitionLocation', message: "must be one of 'Server', 'ExecutionTarget'" },
      { path: 'environments[1]', message: "duplicate of environments[0] ('dev')" },
    ]);
  });

  it('rejects a non-object with one root problem', () => {
    for (const input of ['x', null, [], 3]) expect(problemsOf(input)).toEqual([{ path: '', message: 'Expected object' }]);
  });
});
