// Incremental fast path for the commonest topology: one shared link (the hub, e.g. the server's
// uplink) that every flow of a component crosses, each flow's other links private to it (its
// downlink). Max-min there is water-filling: with c = the flow's slowest private link, flows with
// c below the hub's level s get c, the others get s = (capacity − Σ those c) / their count. Keeping
// the two sets in heaps by c makes a join or leave O(log F) plus one move per flow that crosses the
// level, instead of re-solving all F flows. The hub's flows share the hub's RateGroup, so a new
// level is O(1). A private link of a hub-limited flow is accounted lazily from that group's work
// counter (its rate is the level, which changes on every event). The network activates a hub after
// a general solve finds a star component, and hands the component back to the general solver as
// soon as a join breaks the star shape.
import { KeyedHeap, type KeyedItem } from './keyed-heap.js';
import type { Flow, Link } from './flow-model.js';

export interface HubMember extends KeyedItem {
  readonly hub: Hub;
  readonly flow: Flow;
  /** Capacity of the slowest private link (Infinity if none), and that link. */
  readonly cap: number;
  readonly privateBottleneck: Link | undefined;
  /** Limited by its private link (true) or by the hub (false). */
  limitedPrivately: boolean;
}

/** What a hub needs from the network to apply new rates. */
export interface HubHost {
  moveToGroup(flow: Flow, target: Link, now: number): void;
  setLinkRate(link: Link, bytesPerMs: number, now: number): void;
  refreshLinkGroup(link: Link, now: number): void;
}

export class Hub {
  /** Privately limited members, largest cap first (key = −cap). */
  private readonly privately = new KeyedHeap<HubMember>();
  /** Hub-limited members, smallest cap first (key = cap). */
  private readonly byHub = new KeyedHeap<HubMember>();
  private privateSum = 0;

  constructor(readonly link: Link, private readonly host: HubHost) {}

  get size(): number {
    return this.privately.size + this.byHub.size;
  }

  /** The hub's fair share for hub-limited flows (Infinity when there are none). */
  level(): number {
    return this.byHub.size > 0 ? (this.link.bandwidthBytesPerMs - this.privateSum) / this.byHub.size : Infinity;
  }

  /** Adds a transferring flow; `limitedPrivately` seeds its set (the rebalance corrects it). */
  add(flow: Flow, limitedPrivately: boolean, seq: number): HubMember {
    let cap = Infinity;
    let privateBottleneck: Link | undefined;
    for (const l of flow.route) {
      if (l === this.link) continue;
      l.hubOf = this;
      if (l.bandwidthBytesPerMs < cap) { cap = l.bandwidthBytesPerMs; privateBottleneck = l; }
    }
    const member: HubMember = { hub: this, flow, cap, privateBottleneck, limitedPrivately: false, key: cap, seq, heapIndex: -1 };
    flow.hubMember = member;
    if (limitedPrivately && privateBottleneck !== undefined) this.toPrivate(member);
    else this.byHub.push(member);
    return member;
  }

  /** Takes a member out of the sets (its links and group are the caller's business). */
  remove(member: HubMember): void {
    if (member.limitedPrivately) {
      this.privately.remove(member);
      this.privateSum = this.privately.size === 0 ? 0 : this.privateSum - member.cap;
    } else this.byHub.remove(member);
    member.flow.hubMember = undefined;
    for (const l of member.flow.route) if (l.hubOf === this) l.hubOf = undefined;
  }

  /** Restores the water-filling condition, then applies rates and groups to `touched` and movers. */
  rebalance(touched: readonly HubMember[], now: number): void {
    const moved = new Set<HubMember>(touched);
    const capacity = this.link.bandwidthBytesPerMs;
    for (let guard = 2 * this.size + 4; guard > 0; guard--) {
      const low = this.byHub.peek();
      if (low !== undefined && low.cap * this.byHub.size < capacity - this.privateSum) {
        this.byHub.remove(low);
        this.toPrivate(low);
        moved.add(low);
        continue;
      }
      const high = this.privately.peek();
      if (high !== undefined && high.cap * this.byHub.size > capacity - this.privateSum) {
        this.privately.remove(high);
        this.privateSum = this.privately.size === 0 ? 0 : this.privateSum - high.cap;
        high.limitedPrivately = false;
        high.key = high.cap;
        this.byHub.push(high);
        moved.add(high);
        continue;
      }
      break;
    }
    this.apply(moved, now);
  }

  /** Every member, e.g. to hand the component back to the general solver. */
  members(): HubMember[] {
    return [...this.privately.itemsView(), ...this.byHub.itemsView()];
  }

  private toPrivate(member: HubMember): void {
    member.limitedPrivately = true;
    member.key = -member.cap;
    this.privateSum += member.cap;
    this.privately.push(member);
  }

  private apply(moved: Set<HubMember>, now: number): void {
    const level = this.level();
    const hubGroup = this.link.group;
    for (const m of moved) {
      if (m.heapIndex < 0) continue;
      const flow = m.flow;
      this.host.moveToGroup(flow, m.limitedPrivately ? m.privateBottleneck! : this.link, now);
      for (const l of flow.route) {
        if (l === this.link) continue;
        l.endLazy(now);
        if (m.limitedPrivately) this.host.setLinkRate(l, m.cap, now);
        else {
          this.host.setLinkRate(l, 0, now);
          l.beginLazy(hubGroup, now);
        }
      }
      if (m.limitedPrivately) {
        m.privateBottleneck!.group.setRate(m.cap, now);
        this.host.refreshLinkGroup(m.privateBottleneck!, now);
      }
    }
    hubGroup.setRate(level === Infinity ? 0 : level, now);
    this.host.refreshLinkGroup(this.link, now);
    this.host.setLinkRate(this.link, this.byHub.size > 0 ? this.privateSum + level * this.byHub.size : this.privateSum, now);
  }
}
