// Package files of a version series (the store's packageChangeFraction): versions k apart really differ
// in ≈ k·fraction of their 4 KiB blocks, so a real rdiff delta between consecutive versions is about
// that fraction of the package; the feed's series query round-trips.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensurePackageFile, packageFileName, packageSpecOf, parseSeries, seriesQuery, PACKAGE_BLOCK_BYTES, type PackageSpec,
} from '../../../mock-server/tentacle/package-files.js';
import { rdiff } from '../../../mock-server/tentacle/rdiff.js';

const SIZE = 4 * 1024 * 1024;
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octobench-series-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spec = (index: number, changeFraction = 0.07): PackageSpec =>
  ({ packageId: 'Series.Package', version: `1.0.${index}`, sizeBytes: SIZE, content: { index, changeFraction } });

async function changedBlocks(a: PackageSpec, b: PackageSpec): Promise<number> {
  const [x, y] = await Promise.all([a, b].map(async (s) => readFile((await ensurePackageFile(s, dir)).path)));
  let changed = 0;
  for (let off = 0; off < SIZE; off += PACKAGE_BLOCK_BYTES) {
    if (!x!.subarray(off, off + PACKAGE_BLOCK_BYTES).equals(y!.subarray(off, off + PACKAGE_BLOCK_BYTES))) changed++;
  }
  return changed / (SIZE / PACKAGE_BLOCK_BYTES);
}

describe('package version series', () => {
  it('consecutive versions differ in about the change fraction, versions two apart in about twice it', async () => {
    const one = await changedBlocks(spec(2), spec(3));
    const two = await changedBlocks(spec(1), spec(3));
    expect(one).toBeGreaterThan(0.055);
    expect(one).toBeLessThan(0.085);
    expect(two).toBeGreaterThan(0.12);
    expect(two).toBeLessThan(0.16);
    expect(await changedBlocks(spec(3), spec(3, 0.07))).toBe(0);
  });

  it('a real rdiff delta between consecutive versions is about the change fraction of the package', async () => {
    const [basis, next] = await Promise.all([ensurePackageFile(spec(2), dir), ensurePackageFile(spec(3), dir)]);
    await rdiff({ op: 'signature', basis: basis.path, signature: join(dir, 'sig') });
    await rdiff({ op: 'delta', signature: join(dir, 'sig'), newFile: next.path, delta: join(dir, 'delta') });
    const ratio = (await stat(join(dir, 'delta'))).size / SIZE;
    expect(ratio).toBeGreaterThan(0.055);
    expect(ratio).toBeLessThan(0.09);
    await rdiff({ op: 'patch', basis: basis.path, delta: join(dir, 'delta'), newFile: join(dir, 'patched') });
    expect((await readFile(join(dir, 'patched'))).equals(await readFile(next.path))).toBe(true);
  });

  it('names series files apart from plain ones and carries the position from a planned package and through the feed query', () => {
    const planned = { packageId: 'P', version: '1.0.3', sizeBytes: 10, content: { index: 3, changeFraction: 0.07 } };
    expect(packageSpecOf(planned)).toEqual(planned);
    expect(packageFileName(packageSpecOf(planned))).toBe('P.1.0.3.10.s3x0.07.bin');
    expect(packageFileName({ packageId: 'P', version: '1.0.3', sizeBytes: 10 })).toBe('P.1.0.3.10.bin');
    expect(seriesQuery(planned.content)).toBe('&series=3,0.07');
    expect(seriesQuery(undefined)).toBe('');
    expect(parseSeries('3,0.07')).toEqual({ index: 3, changeFraction: 0.07 });
    expect(parseSeries('3,1.5')).toBeUndefined();
    expect(parseSeries('x,0.1')).toBeUndefined();
    expect(parseSeries(undefined)).toBeUndefined();
  });
});
