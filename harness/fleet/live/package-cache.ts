// An agent's package cache on disk (Calamari's package cache): real files under
// `<cacheRoot>/<agent name>/`, written through a temporary name, SHA-256-checked, renamed into place.
// The in-memory index is allocated on first use, so an agent that never acquires costs nothing here.
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { packageFileName, type PackageSpec } from '../../../mock-server/tentacle/index.js';

export class PackageCache {
  private index: Map<string, PackageSpec[]> | undefined;

  constructor(readonly dir: string) {}

  pathOf(spec: PackageSpec): string {
    return join(this.dir, packageFileName(spec));
  }

  /** The cached version, if any. */
  find(packageId: string, version: string): PackageSpec | undefined {
    return this.index?.get(packageId)?.find((p) => p.version === version);
  }

  add(spec: PackageSpec): void {
    this.index ??= new Map();
    const list = this.index.get(spec.packageId);
    if (list === undefined) this.index.set(spec.packageId, [spec]);
    else if (!list.some((p) => p.version === spec.version)) list.push(spec);
  }

  /** A sink that writes a file through a temporary name; commit() checks it and moves it into place. */
  async open(spec: PackageSpec, suffix: string): Promise<FileSink> {
    await mkdir(this.dir, { recursive: true });
    return new FileSink(join(this.dir, `${packageFileName(spec)}.${suffix}.part`));
  }

}

/** Streams bytes to a file while hashing them. */
export class FileSink {
  private readonly out: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path);
    this.out.on('error', () => undefined);
  }

  readonly write = async (chunk: Buffer): Promise<void> => {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (!this.out.write(chunk)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  };

  async finish(): Promise<{ sha256: string; bytes: number }> {
    await new Promise<void>((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  async discard(): Promise<void> {
    this.out.destroy();
    await rm(this.path, { force: true });
  }

  async moveTo(path: string): Promise<void> {
    await rename(this.path, path);
  }
}
