// Max-min fair rates by progressive filling (SimGrid's LMM with equal weights): raise every unfrozen
// flow's rate together until some link saturates, freeze the flows crossing it at that link's fair
// share, take their rate off the other links they cross, repeat. The next link to saturate is the one
// with the smallest remaining-capacity / unfrozen-flows share, kept in a lazy min-heap, so a component
// with F flows over routes of length R costs O(F·R·log F) — e.g. one shared uplink plus a private
// downlink per flow is O(F log F), never O(F²).
import type { Flow, Link } from './flow-model.js';

/** Lazy binary min-heap of (share, link) entries; stale entries are skipped by version. */
class ShareHeap {
  private shares: number[] = [];
  private links: Link[] = [];
  private versions: number[] = [];

  get size(): number {
    return this.shares.length;
  }

  push(share: number, link: Link): void {
    let i = this.shares.length;
    this.shares.push(share);
    this.links.push(link);
    this.versions.push(link.version);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(share, link, p)) break;
      this.move(p, i);
      i = p;
    }
    this.shares[i] = share;
    this.links[i] = link;
    this.versions[i] = link.version;
  }

  /** The link at the top if its entry is current, else undefined; removes the top either way. */
  popCurrent(): Link | undefined {
    const link = this.links[0]!;
    const current = this.versions[0] === link.version && link.unfrozen > 0 ? link : undefined;
    const lastShare = this.shares.pop()!;
    const lastLink = this.links.pop()!;
    const lastVersion = this.versions.pop()!;
    const n = this.shares.length;
    if (n === 0) return current;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(this.shares[r]!, this.links[r]!, l) ? r : l;
      if (!this.less(this.shares[c]!, this.links[c]!, i, lastShare, lastLink)) break;
      this.move(c, i);
      i = c;
    }
    this.shares[i] = lastShare;
    this.links[i] = lastLink;
    this.versions[i] = lastVersion;
    return current;
  }

  /** Adds an entry without restoring heap order; call heapify() after the last one. */
  append(share: number, link: Link): void {
    this.shares.push(share);
    this.links.push(link);
    this.versions.push(link.version);
  }

  /** Restores heap order over all entries in O(n). */
  heapify(): void {
    for (let i = (this.shares.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  clear(): void {
    this.shares.length = 0;
    this.links.length = 0;
    this.versions.length = 0;
  }

  /** (share, link) before the entry at index j (or before the explicit otherShare/otherLink). */
  private less(share: number, link: Link, j: number, otherShare = this.shares[j]!, otherLink = this.links[j]!): boolean {
    return share < otherShare || (share === otherShare && link.order < otherLink.order);
  }

  private siftDown(start: number): void {
    const n = this.shares.length;
    const share = this.shares[start]!;
    const link = this.links[start]!;
    const version = this.versions[start]!;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(this.shares[r]!, this.links[r]!, l) ? r : l;
      if (!this.less(this.shares[c]!, this.links[c]!, i, share, link)) break;
      this.move(c, i);
      i = c;
    }
    this.shares[i] = share;
    this.links[i] = link;
    this.versions[i] = version;
  }

  private move(from: number, to: number): void {
    this.shares[to] = this.shares[from]!;
    this.links[to] = this.links[from]!;
    this.versions[to] = this.versions[from]!;
  }
}

const heap = new ShareHeap();
let unfrozenFlows = 0;

/**
 * Sets flow.nextRate and flow.bottleneck for every flow crossing `links`, and link.saturatedShare.
 * `links` is a closed component (every link those flows cross is in it) holding `flowCount` flows.
 * `epoch` must differ from every earlier call's.
 */
export function fillMaxMin(links: readonly Link[], flowCount: number, epoch: number): void {
  heap.clear();
  for (const link of links) {
    link.remainingCapacity = link.bandwidthBytesPerMs;
    link.unfrozen = link.flows.length;
    link.version++;
    link.saturatedShare = 0;
    if (link.unfrozen > 0) heap.append(link.remainingCapacity / link.unfrozen, link);
  }
  heap.heapify();
  unfrozenFlows = flowCount;
  while (heap.size > 0 && unfrozenFlows > 0) {
    const link = heap.popCurrent();
    if (link === undefined) continue;
    const share = Math.max(0, link.remainingCapacity / link.unfrozen);
    link.unfrozen = 0;
    link.version++;
    link.saturatedShare = share;
    for (const flow of link.flows) {
      if (flow.frozenEpoch === epoch) continue;
      freeze(flow, share, link, epoch);
    }
  }
}

function freeze(flow: Flow, share: number, saturated: Link, epoch: number): void {
  flow.frozenEpoch = epoch;
  flow.nextRate = share;
  flow.bottleneck = saturated;
  unfrozenFlows--;
  for (const other of flow.route) {
    if (other === saturated || other.unfrozen === 0) continue;
    other.remainingCapacity -= share;
    other.unfrozen--;
    other.version++;
    if (other.unfrozen > 0) heap.push(Math.max(0, other.remainingCapacity) / other.unfrozen, other);
  }
}
