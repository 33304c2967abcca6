// Real package files: the bytes of (packageId, version, size) are generated deterministically and
// cached on disk (default os.tmpdir()/octobench-packages, never in git). Versions of one package share
// most of their content: the file is 4 KiB blocks, and a block differs between versions only with
// probability CHANGED_BLOCK_SHARE, so rsync-style deltas (rdiff) between versions are small, as in
// Octopus' delta-compression anchor (§5.4). With `content` (the store's version series), versions k
// apart differ in ≈ min(1, k·changeFraction) of their blocks instead (seriesSeed). Generation writes to
// a temporary name and renames, so concurrent processes never see a half-written file; the SHA-256
// sits beside it in `<file>.sha256`.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomStream } from '../../harness/core/random.js';
import { processId } from '../../harness/core/env.js';
import type { PackageContent, PlannedPackage } from '../engine/types.js';

export const PACKAGE_BLOCK_BYTES = 4096;
export const CHANGED_BLOCK_SHARE = 0.05;
export const DEFAULT_PACKAGE_CACHE_DIR = join(tmpdir(), 'octobench-packages');

export interface PackageSpec {
  packageId: string;
  version: string;
  sizeBytes: number;
  /** The version's place in its series (the store's plan); absent → the independent per-version changes above. */
  content?: PackageContent;
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

function independentSeed(version: string, index: number, baseSeed: number): number {
  const changed = new RandomStream(fnv(`${version}#${index}`, baseSeed)).next() < CHANGED_BLOCK_SHARE;
  return changed ? fnv(`${version}@${index}`, baseSeed) : (baseSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

/** Series content: block i has a fixed phase u_i ∈ [0, 1) and its bytes change whenever
 *  floor(u_i + position·changeFraction) does, so versions k apart differ in ≈ min(1, k·changeFraction)
 *  of their blocks (each block independently with exactly that probability). */
function seriesSeed(content: PackageContent, index: number, baseSeed: number): number {
  const phase = new RandomStream(fnv(`phase#${index}`, baseSeed)).next();
  const epoch = Math.floor(phase + content.index * content.changeFraction);
  return fnv(`${epoch}@${index}`, (baseSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}

/** The bytes of block `index` of the package version (deterministic, no I/O). */
export function packageBlock(spec: PackageSpec, index: number, into: Buffer): void {
  const baseSeed = fnv(spec.packageId);
  const stream = new RandomStream(spec.content === undefined ? independentSeed(spec.version, index, baseSeed) : seriesSeed(spec.content, index, baseSeed));
  for (let off = 0; off + 4 <= into.length; off += 4) into.writeUInt32LE(stream.nextUint32(), off);
  for (let off = into.length - (into.length % 4); off < into.length; off++) into[off] = stream.nextUint32() & 0xff;
}

/** The file spec of a planned package (its series position when the store planned one). */
export function packageSpecOf(pkg: Pick<PlannedPackage, 'packageId' | 'version' | 'sizeBytes' | 'content'>): PackageSpec {
  const spec: PackageSpec = { packageId: pkg.packageId, version: pkg.version, sizeBytes: pkg.sizeBytes };
  if (pkg.content !== undefined) spec.content = { index: pkg.content.index, changeFraction: pkg.content.changeFraction };
  return spec;
}

/** The feed URL's query suffix for a series position (`&series=INDEX,FRACTION`; empty without one). */
export function seriesQuery(content: PackageContent | undefined): string {
  return content === undefined ? '' : `&series=${content.index},${content.changeFraction}`;
}

/** Parses seriesQuery's value; undefined when absent or malformed. */
export function parseSeries(value: string | undefined): PackageContent | undefined {
  const m = value === undefined ? null : /^(\d{1,9}),(\d(?:\.\d+)?(?:e-?\d+)?)$/.exec(value);
  if (m === null) return undefined;
  const changeFraction = Number(m[2]);
  return changeFraction <= 1 ? { index: Number(m[1]), changeFraction } : undefined;
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9.-]/g, '_');

export function packageFileName(spec: PackageSpec): string {
  const series = spec.content === undefined ? '' : `.s${spec.content.index}x${spec.content.changeFraction}`;
  return `${safe(spec.packageId)}.${safe(spec.version)}.${spec.sizeBytes}${series}.bin`;
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
