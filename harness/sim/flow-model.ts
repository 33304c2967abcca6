// The objects of the flow-level network: a Link (capacity in bytes per ms, latency in ms, live
// throughput accounting) and a Flow (bytes along a route of links). FlowNetwork owns their
// lifecycle; the solver scratch fields are internal and only the network and max-min solver touch them.
import type { TimerHandle } from '../core/clock.js';
import type { Hub, HubMember } from './hub.js';
import type { KeyedItem } from './keyed-heap.js';
import { RateGroup } from './rate-group.js';
import { UtilisationMeter } from './utilisation.js';
import type { SimKernel } from './kernel.js';

/** Bandwidth unit used throughout harness/sim: bytes per millisecond (1 Mbit/s = 125 bytes/ms). */
export function bytesPerMsFromMbitPerS(mbitPerS: number): number {
  return mbitPerS * 125;
}

export interface LinkSpec {
  id: string;
  /** Capacity shared by the flows crossing the link, in bytes per ms (> 0). */
  bandwidthBytesPerMs: number;
  /** One-way latency a flow waits once before it transfers (>= 0). */
  latencyMs: number;
}

export class Link {
  readonly id: string;
  readonly bandwidthBytesPerMs: number;
  readonly latencyMs: number;
  /** Allocated rate (bytes/ms) over time; its integral is the bytes carried. */
  readonly throughput: UtilisationMeter;
  /** Most flows transferring across this link at once. */
  peakConcurrentFlows = 0;
  /** @internal Flows transferring across this link now (unordered). */
  readonly flows: Flow[] = [];
  /** @internal Creation order, the solver's deterministic tie-breaker. */
  readonly order: number;
  /** @internal The flows this link is the bottleneck of. */
  readonly group: RateGroup;
  /** @internal Solver scratch. */
  seenEpoch = -1;
  dirty = false;
  remainingCapacity = 0;
  unfrozen = 0;
  version = 0;
  nextRateSum = 0;
  /** @internal The fair share at which this link saturated in the last solve (0 if it did not). */
  saturatedShare = 0;
  /** @internal The incremental hub this link is the shared link of, or is private to a member of. */
  hub: Hub | undefined;
  hubOf: Hub | undefined;
  /** @internal While private to a hub-limited flow: its rate is that group's, accounted from here. */
  private lazyGroup: RateGroup | undefined;
  private lazyFrom = 0;
  private readonly clock: SimKernel;

  constructor(kernel: SimKernel, spec: LinkSpec, order: number, recordSamples: boolean) {
    if (!(spec.bandwidthBytesPerMs > 0)) throw new RangeError(`link ${spec.id}: bandwidth must be > 0`);
    if (!(spec.latencyMs >= 0)) throw new RangeError(`link ${spec.id}: latency must be >= 0`);
    this.id = spec.id;
    this.bandwidthBytesPerMs = spec.bandwidthBytesPerMs;
    this.latencyMs = spec.latencyMs;
    this.order = order;
    this.clock = kernel;
    this.group = new RateGroup(order);
    this.throughput = new UtilisationMeter(kernel, spec.bandwidthBytesPerMs, { recordSamples });
  }

  get activeFlows(): number {
    return this.flows.length;
  }

  /** Bytes carried so far (exact integral of the allocated rate). */
  get bytesThrough(): number {
    const lazy = this.lazyGroup === undefined ? 0 : this.lazyGroup.workAtTime(this.clock.now()) - this.lazyFrom;
    return this.throughput.integral() + lazy;
  }

  /** Allocated rate (bytes/ms) right now. */
  get rate(): number {
    return this.throughput.level + (this.lazyGroup === undefined ? 0 : this.lazyGroup.rate);
  }

  /** Allocated rate / bandwidth right now, in [0, 1]. */
  utilisation(): number {
    return this.rate / this.bandwidthBytesPerMs;
  }

  /** @internal Starts taking this link's rate from `group` (its throughput meter then stays at 0). */
  beginLazy(group: RateGroup, now: number): void {
    this.lazyGroup = group;
    this.lazyFrom = group.workAtTime(now);
  }

  /** @internal Ends lazy accounting, crediting the bytes carried meanwhile to the meter. */
  endLazy(now: number): void {
    if (this.lazyGroup === undefined) return;
    this.throughput.credit(this.lazyGroup.workAtTime(now) - this.lazyFrom);
    this.lazyGroup = undefined;
  }
}

export type FlowState = 'latency' | 'transferring' | 'done' | 'cancelled';

export interface FlowHandle {
  readonly seq: number;
  readonly state: FlowState;
  /** Current rate in bytes/ms (0 while in latency or finished). */
  readonly rate: number;
  readonly startedAt: number;
  /** When the latency ended and bytes began to move (NaN before). */
  readonly transferStartedAt: number;
  /** Completion or cancellation time (NaN before). */
  readonly finishedAt: number;
  bytesTransferred(): number;
  /** Stops the flow and frees its bandwidth; onDone is never called. No effect once finished. */
  cancel(): void;
}

export class Flow implements KeyedItem, FlowHandle {
  /** @internal The work level of its RateGroup at which the flow finishes (the group's heap key). */
  key = Infinity;
  heapIndex = -1;
  /** @internal The group of its bottleneck link while transferring. */
  group: RateGroup | undefined;
  state: FlowState = 'latency';
  transferStartedAt = NaN;
  finishedAt = NaN;
  /** @internal Bytes left while not in a group (latency: all; finished: 0 or what cancel left). */
  remainingOutsideGroup: number;
  /** @internal Index of this flow in route[i].flows. */
  readonly slots: number[];
  latencyTimer: TimerHandle | undefined;
  seenEpoch = -1;
  frozenEpoch = -1;
  nextRate = 0;
  /** @internal The link that froze this flow in the last solve. */
  bottleneck: Link | undefined;
  /** @internal Set while the flow is handled by an incremental hub. */
  hubMember: HubMember | undefined;

  constructor(
    readonly seq: number,
    readonly route: readonly Link[],
    readonly bytes: number,
    readonly startedAt: number,
    readonly onDone: (flow: FlowHandle) => void,
    private readonly canceller: (flow: Flow) => void,
    private readonly clock: SimKernel,
  ) {
    this.remainingOutsideGroup = bytes;
    this.slots = new Array<number>(route.length).fill(-1);
  }

  /** @internal Bytes left at time `now` at the current rate. */
  remainingAt(now: number): number {
    return this.group === undefined ? this.remainingOutsideGroup : this.group.remainingOf(this, now);
  }

  /** Every flow in a group moves at the group's rate. */
  get rate(): number {
    return this.group === undefined ? 0 : this.group.rate;
  }

  bytesTransferred(): number {
    return this.bytes - this.remainingAt(this.clock.now());
  }

  cancel(): void {
    this.canceller(this);
  }
}
