// Release version arithmetic: validating a version string and computing the next version from a
// project's versioning template (`#{Octopus.Version.LastMajor}.#{Octopus.Version.LastMinor}.#{Octopus.Version.NextPatch}`)
// and the last release's version. Unknown template variables are left as they are.

const VERSION_PATTERN = /^\d+(\.\d+){0,3}(-[0-9A-Za-z][0-9A-Za-z.-]*)?(\+[0-9A-Za-z.-]+)?$/;

export function isValidVersion(version: string): boolean {
  return version.length <= 349 && VERSION_PATTERN.test(version);
}

/** Numeric parts (major, minor, patch, build) of a version; missing or unparsable parts are 0. */
export function versionParts(version: string | undefined): [number, number, number, number] {
  const core = (version ?? '').split(/[-+]/)[0] ?? '';
  const nums = core.split('.').map((p) => Number.parseInt(p, 10));
  const at = (i: number) => (Number.isFinite(nums[i]) ? nums[i]! : 0);
  return [at(0), at(1), at(2), at(3)];
}

/** Compares numeric parts, then: a pre-release sorts before the release. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  const preA = a.split('+')[0]!.includes('-');
  const preB = b.split('+')[0]!.includes('-');
  if (preA !== preB) return preA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Evaluates the template against the last release version (undefined: no release yet → 0.0.0). */
export function nextVersionFromTemplate(template: string, lastVersion: string | undefined): string {
  const [major, minor, patch, build] = versionParts(lastVersion);
  const values: Record<string, number> = {
    LastMajor: major, NextMajor: major + 1,
    LastMinor: minor, NextMinor: minor + 1,
    LastPatch: patch, NextPatch: patch + 1,
    LastBuild: build, NextBuild: build + 1,
  };
  return template.replace(/#\{Octopus\.Version\.(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? whole : String(v);
  });
}
