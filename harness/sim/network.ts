// Flow-level network on the sim kernel (SimGrid-style, fluid, never per packet). A flow waits the sum
// of its route's latencies, then transfers at its max-min fair rate; rates are re-solved only when a
// flow joins, finishes or is cancelled, and only over the connected component of links and flows
// the change touches. Changes at one instant are coalesced into one solve, run by a kernel event at
// the same virtual time with SOLVE_PRIORITY (after the other events due then), so a wave of 1,000
// simultaneous starts costs one solve. Between a change and that solve no virtual time passes, so
// byte counts stay exact; only `rate` read in between is stale. Flows with the same bottleneck link
// form a RateGroup (one work counter, see rate-group.ts); one kernel timer tracks the earliest group
// completion, kept in an indexed heap of groups. Star components (a shared uplink plus a private
// downlink per flow) are handed to incremental hubs, O(log F) per join or leave (hub-registry.ts).
// Units: bytes, ms, bandwidth in bytes per ms (see bytesPerMsFromMbitPerS).
import type { TimerHandle } from '../core/clock.js';
import { Flow, Link, type FlowHandle, type LinkSpec } from './flow-model.js';
import { KeyedHeap } from './keyed-heap.js';
import type { SimKernel } from './kernel.js';
import { HubRegistry, type HubRegistryHost } from './hub-registry.js';
import { fillMaxMin } from './max-min.js';
import type { RateGroup } from './rate-group.js';

/** Network re-solves run after every other event due at the same time. */
export const SOLVE_PRIORITY = 1_000_000;
export { HUB_MIN_FLOWS } from './hub-registry.js';

export interface FlowNetworkOptions {
  /** Called when a link's allocated rate changes (bytes/ms), for throughput sampling. */
  onRateChange?: (link: Link, bytesPerMs: number, time: number) => void;
  /** Keep every link's rate step function (Link.throughput.samples()). Default false. */
  recordSamples?: boolean;
  /**
   * Solve star components (one shared link, private others) incrementally (hub.ts). Default: on,
   * unless onRateChange or recordSamples is set — private links of hub-limited flows are accounted
   * lazily, so they would report no rate changes while their flow is hub-limited.
   */
  incrementalHubs?: boolean;
}

export interface FlowSpec {
  /** Links crossed, each at most once (the order does not matter to the fluid model). */
  route: readonly Link[];
  bytes: number;
  onDone: (flow: FlowHandle) => void;
}

export interface FlowNetworkStats {
  flowsStarted: number;
  flowsCompleted: number;
  flowsCancelled: number;
  /** Flows transferring now, and at most at once. */
  activeFlows: number;
  peakConcurrentFlows: number;
  /** Rate solves run, and the flows they covered in total (the solver's work). */
  solves: number;
  flowsSolved: number;
  /** Star components handed to an incremental hub, hubs handed back, and the joins/leaves hubs handled. */
  hubsActivated: number;
  hubsDissolved: number;
  hubUpdates: number;
}

export class FlowNetwork implements HubRegistryHost {
  private readonly links: Link[] = [];
  /** Rate groups with a finite next completion, by that time. */
  private readonly completions = new KeyedHeap<RateGroup>();
  private readonly dirtyLinks: Link[] = [];
  /** Scratch arrays reused by every solve. */
  private readonly componentLinks: Link[] = [];
  private readonly componentFlows: Flow[] = [];
  private solvePending = false;
  private completionTimer: TimerHandle | undefined;
  private completionTimerAt = Infinity;
  private epoch = 0;
  private seq = 0;
  private readonly stats: Omit<FlowNetworkStats, 'hubsActivated' | 'hubsDissolved' | 'hubUpdates'> = {
    flowsStarted: 0, flowsCompleted: 0, flowsCancelled: 0, activeFlows: 0, peakConcurrentFlows: 0, solves: 0, flowsSolved: 0,
  };
  /** Incremental star solving, absent when disabled. */
  private readonly hubs: HubRegistry | undefined;

  constructor(
    private readonly kernel: SimKernel,
    private readonly options: FlowNetworkOptions = {},
  ) {
    const incremental = options.incrementalHubs ?? !(options.onRateChange || options.recordSamples);
    this.hubs = incremental ? new HubRegistry(this) : undefined;
  }

  addLink(spec: LinkSpec): Link {
    const link = new Link(this.kernel, spec, this.links.length, this.options.recordSamples ?? false);
    this.links.push(link);
    return link;
  }

  startFlow(spec: FlowSpec): FlowHandle {
    if (spec.route.length === 0) throw new RangeError('FlowNetwork.startFlow: route is empty');
    if (new Set(spec.route).size !== spec.route.length) throw new RangeError('FlowNetwork.startFlow: route repeats a link');
    if (!(spec.bytes >= 0)) throw new RangeError(`FlowNetwork.startFlow: bytes must be >= 0, got ${spec.bytes}`);
    const now = this.kernel.now();
    const flow = new Flow(this.seq++, spec.route, spec.bytes, now, spec.onDone, (f) => this.cancel(f), this.kernel);
    this.stats.flowsStarted++;
    let latency = 0;
    for (const link of spec.route) latency += link.latencyMs;
    if (latency > 0) flow.latencyTimer = this.kernel.setTimer(latency, () => this.join(flow));
    else this.join(flow);
    return flow;
  }

  getStats(): FlowNetworkStats {
    const hubs = this.hubs;
    return { ...this.stats, hubsActivated: hubs?.activated ?? 0, hubsDissolved: hubs?.dissolved ?? 0, hubUpdates: hubs?.updates ?? 0 };
  }

  private join(flow: Flow): void {
    const now = this.kernel.now();
    flow.latencyTimer = undefined;
    flow.state = 'transferring';
    flow.transferStartedAt = now;
    const hub = this.hubs?.accepting(flow, now);
    flow.route.forEach((link, i) => {
      flow.slots[i] = link.flows.length;
      link.flows.push(flow);
      if (link.flows.length > link.peakConcurrentFlows) link.peakConcurrentFlows = link.flows.length;
      if (hub === undefined) this.markDirty(link);
    });
    if (++this.stats.activeFlows > this.stats.peakConcurrentFlows) this.stats.peakConcurrentFlows = this.stats.activeFlows;
    if (hub !== undefined) {
      this.hubs!.join(hub, flow, now);
      this.armCompletionTimer();
    }
  }

  private cancel(flow: Flow): void {
    const now = this.kernel.now();
    if (flow.state === 'latency') flow.latencyTimer?.cancel();
    else if (flow.state === 'transferring') {
      const group = flow.group;
      if (group !== undefined) {
        flow.remainingOutsideGroup = group.remove(flow, now);
        this.refreshGroup(group, now);
      }
      this.detach(flow, now);
      this.hubs?.rebalancePending(now);
    } else return;
    flow.state = 'cancelled';
    flow.finishedAt = now;
    this.stats.flowsCancelled++;
    this.armCompletionTimer();
  }

  /** Takes a transferring flow (already out of its group) off its links, and out of its hub. */
  private detach(flow: Flow, now: number): void {
    const member = flow.hubMember;
    flow.route.forEach((link, i) => {
      const slot = flow.slots[i]!;
      const moved = link.flows.pop()!;
      if (moved !== flow) {
        link.flows[slot] = moved;
        moved.slots[moved.route.indexOf(link)] = slot;
      }
      if (member === undefined) this.markDirty(link);
    });
    this.stats.activeFlows--;
    if (member !== undefined) this.hubs!.leave(member, now);
  }

  /** @internal HubRegistryHost: queues a link for the next (same-instant) general solve. */
  markDirty(link: Link): void {
    if (!link.dirty) {
      link.dirty = true;
      this.dirtyLinks.push(link);
    }
    if (!this.solvePending) {
      this.solvePending = true;
      this.kernel.schedule(this.kernel.now(), () => this.solve(), SOLVE_PRIORITY);
    }
  }

  private onCompletionTimer(): void {
    this.completionTimer = undefined;
    this.completionTimerAt = Infinity;
    const now = this.kernel.now();
    const done: Flow[] = [];
    while ((this.completions.peek()?.key ?? Infinity) <= now) {
      for (let group = this.completions.peek(); group !== undefined && group.key <= now; group = this.completions.peek()) {
        group.refreshKey(now);
        if (group.key <= now) {
          for (const flow of group.takeFinished(now)) {
            this.detach(flow, now);
            flow.remainingOutsideGroup = 0;
            flow.state = 'done';
            flow.finishedAt = now;
            done.push(flow);
          }
        }
        this.refreshGroup(group, now);
      }
      this.hubs?.rebalancePending(now);
    }
    this.stats.flowsCompleted += done.length;
    for (const flow of done) flow.onDone(flow);
    this.armCompletionTimer();
  }

  /** Re-solves rates over the component reachable from the dirty links. */
  private solve(): void {
    this.solvePending = false;
    const now = this.kernel.now();
    const epoch = ++this.epoch;
    const { links, flows } = this.collectComponent(epoch);
    fillMaxMin(links, flows.length, epoch);
    for (const link of links) {
      link.nextRateSum = 0;
      link.group.setRate(link.group.rate, now);
    }
    for (const flow of flows) {
      for (const link of flow.route) link.nextRateSum += flow.nextRate;
      const target = flow.bottleneck!.group;
      if (flow.group === target) continue;
      const remaining = flow.group === undefined ? flow.remainingOutsideGroup : flow.group.remove(flow, now);
      target.add(flow, remaining, now);
    }
    for (const link of links) {
      link.group.setRate(link.saturatedShare, now);
      this.refreshGroup(link.group, now);
      this.setLinkRate(link, link.nextRateSum, now);
    }
    this.stats.solves++;
    this.stats.flowsSolved += flows.length;
    this.hubs?.tryActivate(links, flows, now);
    this.armCompletionTimer();
  }

  /** Links and flows connected to the dirty links through shared flows (breadth first, deterministic). */
  private collectComponent(epoch: number): { links: Link[]; flows: Flow[] } {
    const links = this.componentLinks;
    const flows = this.componentFlows;
    links.length = 0;
    flows.length = 0;
    for (const link of this.dirtyLinks) {
      link.dirty = false;
      if (link.seenEpoch !== epoch) { link.seenEpoch = epoch; links.push(link); }
    }
    this.dirtyLinks.length = 0;
    for (let i = 0; i < links.length; i++) {
      for (const flow of links[i]!.flows) {
        if (flow.seenEpoch === epoch) continue;
        flow.seenEpoch = epoch;
        flows.push(flow);
        for (const other of flow.route) {
          if (other.seenEpoch !== epoch) { other.seenEpoch = epoch; links.push(other); }
        }
      }
    }
    return { links, flows };
  }

  /** Recomputes a group's completion time and its place in the completion heap. */
  private refreshGroup(group: RateGroup, now: number): void {
    group.refreshKey(now);
    const queued = group.heapIndex >= 0;
    if (group.key === Infinity) { if (queued) this.completions.remove(group); }
    else if (queued) this.completions.update(group);
    else this.completions.push(group);
  }

  /** @internal HubHost: puts a transferring flow in the rate group of `bottleneck`. */
  moveToGroup(flow: Flow, bottleneck: Link, now: number): void {
    const target = bottleneck.group;
    const old = flow.group;
    if (old === target) return;
    target.add(flow, old === undefined ? flow.remainingOutsideGroup : old.remove(flow, now), now);
    if (old !== undefined) this.refreshGroup(old, now);
  }

  /** @internal HubHost. */
  refreshLinkGroup(link: Link, now: number): void {
    this.refreshGroup(link.group, now);
  }

  /** @internal HubHost (and the general solve): records a link's new allocated rate. */
  setLinkRate(link: Link, rate: number, now: number): void {
    if (rate === link.throughput.level) return;
    link.throughput.set(rate);
    this.options.onRateChange?.(link, rate, now);
  }

  private armCompletionTimer(): void {
    const head = this.completions.peek();
    const at = head === undefined ? Infinity : head.key;
    if (at === this.completionTimerAt) return;
    this.completionTimer?.cancel();
    this.completionTimerAt = at;
    this.completionTimer = at === Infinity ? undefined : this.kernel.schedule(Math.max(at, this.kernel.now()), () => this.onCompletionTimer());
  }
}
