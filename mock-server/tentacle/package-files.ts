// Real package files: the bytes of (packageId, version, size) are generated deterministically and
// cached on disk (default os.tmpdir()/octobench-packages, never in git). Versions of one package share
// most of their content: the file is 4 KiB blocks, and a block differs between versions only with
// probability CHANGED_BLOCK_SHARE, so rsync-style deltas (rdiff) between versions are small, as in
// Octopus' delta-compression anchor (§5.4). Generation writes to a temporary name and renames, so
// concurrent processes never see a half-written file; the SHA-256 sits beside it in `<file>.sha256`.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomStream } from '../../harness/core/random.js';
import { processId } from '../../harness/core/env.js';

export const PACKAGE_BLOCK_BYTES = 4096;
export const CHANGED_BLOCK_SHARE = 0.05;
export const DEFAULT_PACKAGE_CACHE_DIR = join(tmpdir(), 'octobench-packages');

export interface PackageSpec {
  packageId: string;
  version: string;
  sizeBytes: number;
}

export interface PackageFile {
  path: string;
  sha256: string;
  sizeBytes: number;
}

/** FNV-1a of a string: seeds per block without allocating streams by name. */
function fnv(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The bytes of block `index` of the package version (deterministic, no I/O). */
export function packageBlock(spec: PackageSpec, index: number, into: Buffer): void {
  const baseSeed = fnv(spec.packageId);
  const changed = new RandomStream(fnv(`${spec.version}#${index}`, baseSeed)).next() < CHANGED_BLOCK_SHARE;
  const stream = new RandomStream(changed ? fnv(`${spec.version}@${index}`, baseSeed) : (baseSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  for (let off = 0; off + 4 <= into.length; off += 4) into.writeUInt32LE(stream.nextUint32(), off);
  for (let off = into.length - (into.length % 4); off < into.length; off++) into[off] = stream.nextUint32() & 0xff;
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9.-]/g, '_');

export function packageFileName(spec: PackageSpec): string {
  return `${safe(spec.packageId)}.${safe(spec.version)}.${spec.sizeBytes}.bin`;
}

let tmpCounter = 0;

async function generate(path: string, spec: PackageSpec): Promise<string> {
  const tmp = `${path}.${processId()}.${++tmpCounter}.tmp`;
  const hash = createHash('sha256');
  const file = await open(tmp, 'w');
  try {
    const chunk = Buffer.allocUnsafe(PACKAGE_BLOCK_BYTES * 64);
    for (let block = 0, written = 0; written < spec.sizeBytes; ) {
      const n = Math.min(chunk.length, spec.sizeBytes - written);
      for (let off = 0; off < n; off += PACKAGE_BLOCK_BYTES, block++) {
        packageBlock(spec, block, chunk.subarray(off, Math.min(off + PACKAGE_BLOCK_BYTES, n)));
      }
      const slice = chunk.subarray(0, n);
      hash.update(slice);
      await file.write(slice);
      written += n;
    }
  } finally {
    await file.close();
  }
  const sha256 = hash.digest('hex');
  await writeFile(`${path}.sha256`, sha256);
  await rename(tmp, path);
  return sha256;
}

const inFlight = new Map<string, Promise<PackageFile>>();

/** The cached file of this package version, generated on first use (once per process at a time). */
export function ensurePackageFile(spec: PackageSpec, dir = DEFAULT_PACKAGE_CACHE_DIR): Promise<PackageFile> {
  const path = join(dir, packageFileName(spec));
  let pending = inFlight.get(path);
  if (pending === undefined) {
    pending = (async (): Promise<PackageFile> => {
      await mkdir(dir, { recursive: true });
      try {
        const st = await stat(path);
        if (st.size === spec.sizeBytes) return { path, sizeBytes: spec.sizeBytes, sha256: (await readFile(`${path}.sha256`, 'utf8')).trim() };
      } catch {
        // not cached yet
      }
      return { path, sizeBytes: spec.sizeBytes, sha256: await generate(path, spec) };
    })();
    inFlight.set(path, pending);
    pending.catch(() => inFlight.delete(path));
  }
  return pending;
}
