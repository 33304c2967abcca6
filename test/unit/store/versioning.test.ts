// Release version arithmetic: templates over the last version, validity, ordering.
import { describe, expect, it } from 'vitest';
import { compareVersions, isValidVersion, nextVersionFromTemplate, DEFAULT_RELEASE_TEMPLATE } from '../../../mock-server/store/index.js';

describe('versioning', () => {
  it('increments the patch with the default template', () => {
    expect(nextVersionFromTemplate(DEFAULT_RELEASE_TEMPLATE, '1.0.1')).toBe('1.0.2');
    expect(nextVersionFromTemplate(DEFAULT_RELEASE_TEMPLATE, '2.9.99-beta+abc')).toBe('2.9.100');
    expect(nextVersionFromTemplate(DEFAULT_RELEASE_TEMPLATE, undefined)).toBe('0.0.1');
  });

  it('evaluates every Last/Next token and leaves unknown ones alone', () => {
    const t = '#{Octopus.Version.NextMajor}.#{Octopus.Version.LastMinor}.#{Octopus.Version.LastPatch}.#{Octopus.Version.NextBuild}-#{Octopus.Date.Year}';
    expect(nextVersionFromTemplate(t, '3.4.5.6')).toBe('4.4.5.7-#{Octopus.Date.Year}');
    expect(nextVersionFromTemplate('1.#{Octopus.Version.NextMinor}.0', '1.7')).toBe('1.8.0');
  });

  it('accepts versions Octopus accepts and rejects others', () => {
    expect(['1', '1.2', '1.2.3', '1.2.3.4', '1.2.3-beta.1', '1.2.3+build.5'].map(isValidVersion)).toEqual([true, true, true, true, true, true]);
    expect(['', 'v1.2', '1.2.3.4.5', '1..2', '1.2-', 'latest'].map(isValidVersion)).toEqual([false, false, false, false, false, false]);
  });

  it('orders numerically, pre-releases before releases', () => {
    expect(['1.0.10', '1.0.2', '1.0.2-beta', '0.9'].sort(compareVersions)).toEqual(['0.9', '1.0.2-beta', '1.0.2', '1.0.10']);
  });
});
