// An indexed in-memory table: O(1) lookup by id, by (scope, case-insensitive name) and listing per
// scope in insertion order. Every entity kind in the Store is one Table; fixtures can hold 10,000+ rows.

export class Table<T extends { Id: string }> {
  private readonly byId = new Map<string, T>();
  private readonly byScope = new Map<string, T[]>();
  private readonly byName = new Map<string, T>();

  /**
   * @param scopeOf the scope a row is listed under (space id, project id…)
   * @param nameOf the row's name for name lookups within its scope (undefined: not name-indexed)
   */
  constructor(
    private readonly scopeOf: (row: T) => string,
    private readonly nameOf?: (row: T) => string,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  insert(row: T): T {
    if (this.byId.has(row.Id)) throw new Error(`duplicate id ${row.Id}`);
    this.byId.set(row.Id, row);
    const scope = this.scopeOf(row);
    const list = this.byScope.get(scope);
    if (list) list.push(row);
    else this.byScope.set(scope, [row]);
    if (this.nameOf) this.byName.set(nameKey(scope, this.nameOf(row)), row);
    return row;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** Case-insensitive exact name match within the scope. */
  findByName(scope: string, name: string): T | undefined {
    return this.byName.get(nameKey(scope, name));
  }

  /** Rows of one scope in insertion order (the internal array: callers must not mutate it). */
  list(scope: string): readonly T[] {
    return this.byScope.get(scope) ?? [];
  }

  all(): IterableIterator<T> {
    return this.byId.values();
  }
}

function nameKey(scope: string, name: string): string {
  return `${scope}\u0000${name.toLowerCase()}`;
}

/** Orders ids by their number: `Machines-2` before `Machines-10`. */
export function compareIds(a: string, b: string): number {
  const na = Number(a.slice(a.lastIndexOf('-') + 1));
  const nb = Number(b.slice(b.lastIndexOf('-') + 1));
  return na !== nb && Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a < b ? -1 : a > b ? 1 : 0;
}
