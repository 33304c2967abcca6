// When the network uses incremental hubs (hub.ts) and when it hands a component back to the general
// solver: a general solve that finds a star component (one link crossed by all its flows, every
// other link by exactly one) activates a Hub; a joining flow that keeps the star shape (it crosses
// the hub and otherwise only idle links) is added incrementally; any other join touching a hub or
// one of its private links dissolves it, and the general solver re-solves the component at once.
import type { Flow, Link } from './flow-model.js';
import { Hub, type HubHost, type HubMember } from './hub.js';

/** A star component with at least this many flows is handed to an incremental Hub. */
export const HUB_MIN_FLOWS = 8;

export interface HubRegistryHost extends HubHost {
  /** Queues a link for the general solve at the current instant. */
  markDirty(link: Link): void;
}

export class HubRegistry {
  activated = 0;
  dissolved = 0;
  updates = 0;
  /** Hubs that lost members since their last rebalance (rebalanced once per batch of leaves). */
  private readonly pending = new Set<Hub>();

  constructor(private readonly host: HubRegistryHost) {}

  /** The hub that can take this joining flow incrementally; otherwise dissolves the hubs it touches. */
  accepting(flow: Flow, now: number): Hub | undefined {
    let hub: Hub | undefined;
    let star = true;
    for (const link of flow.route) {
      if (link.hub !== undefined) {
        if (hub !== undefined) star = false;
        hub = link.hub;
      } else if (link.flows.length > 0) star = false;
    }
    if (hub !== undefined && star) return hub;
    for (const link of flow.route) {
      if (link.hub !== undefined) this.dissolve(link.hub, now);
      if (link.hubOf !== undefined) this.dissolve(link.hubOf, now);
    }
    return undefined;
  }

  /** Adds a flow that accepting() cleared (already on its links) to the hub. */
  join(hub: Hub, flow: Flow, now: number): void {
    hub.rebalance([hub.add(flow, false, flow.seq)], now);
    this.updates++;
  }

  /** After a general solve of this component: hands it to a new Hub if it is a large enough star. */
  tryActivate(links: readonly Link[], flows: readonly Flow[], now: number): void {
    if (flows.length < HUB_MIN_FLOWS) return;
    let hubLink: Link | undefined;
    for (const link of links) {
      if (hubLink === undefined && link.flows.length === flows.length) hubLink = link;
      else if (link.flows.length !== 1) return;
    }
    if (hubLink === undefined) return;
    const hub = new Hub(hubLink, this.host);
    hubLink.hub = hub;
    hub.rebalance(flows.map((f) => hub.add(f, f.bottleneck !== hubLink, f.seq)), now);
    this.activated++;
  }

  /** A member finished or was cancelled (already off its links and out of its group). */
  leave(member: HubMember, now: number): void {
    const hub = member.hub;
    for (const link of member.flow.route) {
      if (link === hub.link) continue;
      link.endLazy(now);
      this.host.setLinkRate(link, 0, now);
    }
    hub.remove(member);
    this.pending.add(hub);
    this.updates++;
  }

  /** Rebalances every hub that lost members, once, after a batch of simultaneous leaves. */
  rebalancePending(now: number): void {
    for (const hub of this.pending) {
      hub.rebalance([], now);
      if (hub.size === 0 && hub.link.hub === hub) hub.link.hub = undefined;
    }
    this.pending.clear();
  }

  /** Returns a hub's component to the general solver (which re-solves it at this instant). */
  private dissolve(hub: Hub, now: number): void {
    for (const member of hub.members()) {
      for (const link of member.flow.route) {
        if (link === hub.link) continue;
        link.endLazy(now);
        this.host.markDirty(link);
      }
      hub.remove(member);
    }
    hub.link.hub = undefined;
    this.host.markDirty(hub.link);
    this.pending.delete(hub);
    this.dissolved++;
  }
}
