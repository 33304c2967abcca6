// An indexed binary min-heap: items carry their own key and heap position, so a changed key is
// re-sifted in O(log n) and an item can be removed from the middle. Ties break on `seq`, so order is
// deterministic. Used for flow completions (network) and job completions (processor sharing).

export interface KeyedItem {
  /** Ordering key (e.g. a completion time); change it only through KeyedHeap.update. */
  key: number;
  /** Unique tie-breaker, lower first. */
  readonly seq: number;
  /** Position in the heap, -1 when not in one. Owned by the heap. */
  heapIndex: number;
}

function less(a: KeyedItem, b: KeyedItem): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}

export class KeyedHeap<T extends KeyedItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** The items in heap (not sorted) order; do not modify. */
  itemsView(): readonly T[] {
    return this.items;
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.siftUp(item.heapIndex);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes the item if it is in this heap. */
  remove(item: T): void {
    const i = item.heapIndex;
    if (i < 0 || this.items[i] !== item) return;
    const last = this.items.pop()!;
    item.heapIndex = -1;
    if (last === item) return;
    this.items[i] = last;
    last.heapIndex = i;
    this.update(last);
  }

  /** Restores heap order after item.key changed. */
  update(item: T): void {
    const i = item.heapIndex;
    if (i > 0 && less(item, this.items[(i - 1) >> 1]!)) this.siftUp(i);
    else this.siftDown(i);
  }

  private siftUp(start: number): void {
    const items = this.items;
    const item = items[start]!;
    let i = start;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = items[parentIndex]!;
      if (!less(item, parent)) break;
      items[i] = parent;
      parent.heapIndex = i;
      i = parentIndex;
    }
    items[i] = item;
    item.heapIndex = i;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[start]!;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(items[r]!, items[l]!) ? r : l;
      const child = items[c]!;
      if (!less(child, item)) break;
      items[i] = child;
      child.heapIndex = i;
      i = c;
    }
    items[i] = item;
    item.heapIndex = i;
  }
}
