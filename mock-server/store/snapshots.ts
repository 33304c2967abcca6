// Frozen copies: a release (or runbook snapshot) references a snapshot of the process as it was when
// the release was created, so later process edits never change what an old release deploys.
// Snapshot ids follow Octopus: `deploymentprocess-Projects-41-s-1-QXLY2` (process id, version, suffix).
import type { Store } from './store.js';
import type { DeploymentProcess } from './model.js';

const SUFFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** ISO 8601 with an explicit offset and ms precision, as Octopus writes dates. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}

/** Returns the id of a frozen copy of the process at its current version (reused if one exists). */
export function freezeProcess(store: Store, process: DeploymentProcess): string {
  if (process.LastSnapshotId !== null) {
    const last = store.processSnapshots.get(process.LastSnapshotId);
    if (last && last.Version === process.Version) return last.Id;
  }
  const r = store.random.stream('store.snapshot-ids');
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET[r.int(0, SUFFIX_ALPHABET.length - 1)];
  const id = `${process.Id}-s-${process.Version}-${suffix}`;
  store.processSnapshots.insert({ ...structuredClone(process), Id: id });
  process.LastSnapshotId = id;
  return id;
}
