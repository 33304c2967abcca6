// Named monotonic counters (requests, bytes, errors by code …): cheap to add to, mergeable across
// workers, and snapshotted as plain, key-sorted data for results.
export type CounterSnapshot = Record<string, number>;

export class Counters {
  private readonly values = new Map<string, number>();

  add(name: string, n = 1): void {
    if (!Number.isFinite(n)) throw new RangeError(`counter ${name}: increment must be finite, got ${n}`);
    this.values.set(name, (this.values.get(name) ?? 0) + n);
  }

  get(name: string): number {
    return this.values.get(name) ?? 0;
  }

  /** A plain object with the keys in sorted order (stable output for results and golden files). */
  snapshot(): CounterSnapshot {
    const out: CounterSnapshot = {};
    for (const name of [...this.values.keys()].sort()) out[name] = this.values.get(name)!;
    return out;
  }

  /** Adds another set of counters (or a snapshot received from a worker) into this one. */
  merge(other: Counters | CounterSnapshot): this {
    const entries = other instanceof Counters ? other.values.entries() : Object.entries(other);
    for (const [name, n] of entries) this.add(name, n);
    return this;
  }

  static fromSnapshot(snapshot: CounterSnapshot): Counters {
    return new Counters().merge(snapshot);
  }
}
