// How much two versions of a package differ, for delta compression (octopus-api.md §5.4): the versions
// of a package in a feed form a series in feed order, each changing `packageChangeFraction` of the
// package relative to the one before, so versions k apart differ by min(1, k·fraction). The plan carries
// the fraction since every older version still within reach (< 1) and the version's position, from
// which the live server generates bytes that really differ by that much (tentacle/package-files.ts).
import type { PackageContent } from '../engine/types.js';
import type { Store } from './store.js';

export const DEFAULT_PACKAGE_CHANGE_FRACTION = 0.07;

export interface PackageChanges {
  content: PackageContent;
  /** Older version → fraction changed since it (only versions that differ by less than the whole package). */
  changedFractionSince: Record<string, number>;
}

/** The version's place in its series, or undefined when the feed does not know the version. */
export function packageChanges(store: Store, feedId: string, packageId: string, version: string): PackageChanges | undefined {
  const versions = store.packageVersions.list(`${feedId}/${packageId}`);
  const index = versions.findIndex((v) => v.Version === version);
  if (index < 0) return undefined;
  const fraction = store.packageChangeFraction;
  const changedFractionSince: Record<string, number> = {};
  for (let k = 1; k <= index; k++) {
    const changed = Math.min(1, k * fraction);
    if (changed >= 1) break;
    changedFractionSince[versions[index - k]!.Version] = changed;
  }
  return { content: { index, changeFraction: fraction }, changedFractionSince };
}
