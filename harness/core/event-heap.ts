// A binary min-heap of scheduled entries ordered by (time, priority, sequence).
// Equal times resolve by priority (lower first), then by insertion order, so a run is deterministic.
// Shared by the manual clock (tests) and the discrete-event kernel (harness/sim).

export interface HeapEntry {
  time: number;
  priority: number;
  seq: number;
  cancelled: boolean;
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

export class EventHeap<E extends HeapEntry> {
  private readonly items: E[] = [];

  get size(): number {
    return this.items.length;
  }

  push(entry: E): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!before(entry, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = entry;
  }

  peek(): E | undefined {
    return this.items[0];
  }

  pop(): E | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(items[r]!, items[l]!) ? r : l;
      if (!before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  /** Drops cancelled entries at the top so that peek() sees the next live one. */
  skipCancelled(): void {
    while (this.items.length > 0 && this.items[0]!.cancelled) this.pop();
  }
}
