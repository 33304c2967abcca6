// How a package reaches a target (octopus-api.md §5.4), decided once per (target, package) in the
// acquisition phase, for both clocks:
// - the version is already in the target's package cache → nothing moves ('cached');
// - AcquisitionLocation ExecutionTarget → the target downloads the whole package from the feed
//   ('pull'; delta compression is not available there);
// - AcquisitionLocation Server → the server pushes. With Octopus.Acquire.DeltaCompressionEnabled (default
//   True) and an older version cached on the target, the target sends an Octodiff signature (≈1.3 % of
//   the package) and the server sends only the changed bytes ('delta'), unless more than 80 % changed
//   (or the change is unknown), when the whole package goes ('push'). The basis is the cached version
//   closest to the new one (closestBasis: the store plans the changed fraction since each older version).
// MemoryPackageCache is the default cache: what successful acquisitions put on each target.
import {
  DELTA_FULL_THRESHOLD, OCTODIFF_SIGNATURE_RATIO,
  type PackageCache, type PackageTransfer, type PlannedPackage,
} from './types.js';

export const DELTA_VARIABLE = 'Octopus.Acquire.DeltaCompressionEnabled';

export function deltaEnabled(variables: Record<string, string>): boolean {
  const v = variables[DELTA_VARIABLE];
  return v === undefined || v.trim().toLowerCase() !== 'false';
}

export function planTransfer(pkg: PlannedPackage, cached: readonly string[], delta: boolean): PackageTransfer {
  if (cached.includes(pkg.version)) return { kind: 'cached' };
  if (pkg.acquisitionLocation === 'ExecutionTarget') return { kind: 'pull', bytes: pkg.sizeBytes };
  if (!delta) return { kind: 'push', bytes: pkg.sizeBytes, reason: 'delta-disabled' };
  if (cached.length === 0) return { kind: 'push', bytes: pkg.sizeBytes, reason: 'no-basis' };
  const { basis, changed } = closestBasis(pkg, cached);
  if (changed === undefined) return { kind: 'push', bytes: pkg.sizeBytes, reason: 'unknown-change' };
  if (changed > DELTA_FULL_THRESHOLD) return { kind: 'push', bytes: pkg.sizeBytes, reason: 'too-different' };
  return {
    kind: 'delta',
    basisVersion: basis,
    signatureBytes: Math.ceil(pkg.sizeBytes * OCTODIFF_SIGNATURE_RATIO),
    deltaBytes: Math.ceil(pkg.sizeBytes * Math.max(0, changed)),
    packageBytes: pkg.sizeBytes,
  };
}

/** The cached version to diff against: the one the feed knows to be closest (smallest changed fraction,
 *  the newest on a tie; a cached version the feed does not list as within reach changed entirely);
 *  without the feed's figures, the newest cached version with the package's single changed fraction. */
export function closestBasis(pkg: PlannedPackage, cached: readonly string[]): { basis: string; changed: number | undefined } {
  const since = pkg.changedFractionSince;
  let best: { basis: string; changed: number | undefined } | undefined;
  if (since !== undefined) {
    for (const version of cached) {
      const changed = since[version];
      if (changed !== undefined && (best === undefined || changed <= best.changed!)) best = { basis: version, changed };
    }
  }
  return best ?? { basis: cached[cached.length - 1]!, changed: since === undefined ? pkg.changedFraction : 1 };
}

/** Bytes that cross the network for a transfer (both directions). */
export function transferBytes(t: PackageTransfer): number {
  switch (t.kind) {
    case 'cached': return 0;
    case 'pull':
    case 'push': return t.bytes;
    case 'delta': return t.signatureBytes + t.deltaBytes;
  }
}

/** The log line the acquisition writes for a transfer decision (none for a plain full transfer). */
export function transferMessage(pkg: PlannedPackage, targetName: string, t: PackageTransfer): string | undefined {
  const what = `${pkg.packageId} ${pkg.version}`;
  switch (t.kind) {
    case 'cached': return `Package ${what} is already in the package cache on ${targetName}; nothing to transfer`;
    case 'delta': return `Delta compression: sending ${t.deltaBytes} of ${t.packageBytes} bytes of ${what} to ${targetName} (basis ${t.basisVersion})`;
    case 'push': return t.reason === 'too-different' ? `More than ${DELTA_FULL_THRESHOLD * 100}% of ${what} changed; sending the full package to ${targetName}` : undefined;
    case 'pull': return undefined;
  }
}

export class MemoryPackageCache implements PackageCache {
  private readonly byTarget = new Map<string, Map<string, string[]>>();

  versions(targetId: string, packageId: string): readonly string[] {
    return this.byTarget.get(targetId)?.get(packageId) ?? [];
  }

  add(targetId: string, packageId: string, version: string): void {
    let packages = this.byTarget.get(targetId);
    if (packages === undefined) this.byTarget.set(targetId, (packages = new Map()));
    const list = packages.get(packageId);
    if (list === undefined) packages.set(packageId, [version]);
    else if (!list.includes(version)) list.push(version);
  }
}
