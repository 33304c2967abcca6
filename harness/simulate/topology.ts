// The simulated network's links: the server's uplink, the default feed's uplink (in the server's
// region), an optional feed per region (the 2013 RFC's "a NuGet server in the cloud" next to the
// targets), a WAN link per region other than the server's, and one downlink per target (created on
// first use, so 100,000 targets that never transfer cost no links). Routes:
//   push / variables: server uplink → [WAN of the target's region] → target downlink
//   pull:             feed uplink (regional feed if any, else default feed → [WAN]) → target downlink
//   delta signature:  target downlink → [WAN] (the link is treated as one shared pipe; simplification)
import type { FlowNetwork } from '../sim/network.js';
import type { Link } from '../sim/flow-model.js';
import { mbpsToBytesPerMs, type TargetModel } from '../fleet/model/index.js';

export interface RegionLinks {
  name: string;
  /** WAN link between this region and the server's region (Mbit/s, one-way latency ms). */
  wanMbps?: number;
  wanLatencyMs?: number;
  /** A feed inside this region that its targets pull from. */
  feedUplinkMbps?: number;
}

export interface TopologySpec {
  serverRegion: string;
  serverUplinkMbps: number;
  feedUplinkMbps: number;
  regions: readonly RegionLinks[];
}

export class Topology {
  readonly serverUplink: Link;
  readonly defaultFeed: Link;
  readonly regionFeeds = new Map<string, Link>();
  readonly wans = new Map<string, Link>();
  private readonly downlinks = new Map<string, Link>();

  constructor(private readonly network: FlowNetwork, private readonly spec: TopologySpec) {
    this.serverUplink = network.addLink({ id: 'server-uplink', bandwidthBytesPerMs: mbpsToBytesPerMs(spec.serverUplinkMbps), latencyMs: 0 });
    this.defaultFeed = network.addLink({ id: 'feed-uplink', bandwidthBytesPerMs: mbpsToBytesPerMs(spec.feedUplinkMbps), latencyMs: 0 });
    for (const r of spec.regions) {
      if (r.feedUplinkMbps !== undefined) {
        this.regionFeeds.set(r.name, network.addLink({ id: `feed-uplink/${r.name}`, bandwidthBytesPerMs: mbpsToBytesPerMs(r.feedUplinkMbps), latencyMs: 0 }));
      }
      if (r.name !== spec.serverRegion && r.wanMbps !== undefined) {
        this.wans.set(r.name, network.addLink({ id: `wan/${r.name}`, bandwidthBytesPerMs: mbpsToBytesPerMs(r.wanMbps), latencyMs: r.wanLatencyMs ?? 0 }));
      }
    }
  }

  downlink(target: TargetModel): Link {
    let link = this.downlinks.get(target.id);
    if (link === undefined) {
      link = this.network.addLink({ id: `down/${target.id}`, bandwidthBytesPerMs: mbpsToBytesPerMs(target.downlinkMbps), latencyMs: target.rttMs / 2 });
      this.downlinks.set(target.id, link);
    }
    return link;
  }

  pushRoute(target: TargetModel): Link[] {
    const wan = this.wans.get(target.region);
    return wan === undefined ? [this.serverUplink, this.downlink(target)] : [this.serverUplink, wan, this.downlink(target)];
  }

  pullRoute(target: TargetModel): Link[] {
    const regional = this.regionFeeds.get(target.region);
    if (regional !== undefined) return [regional, this.downlink(target)];
    const wan = this.wans.get(target.region);
    return wan === undefined ? [this.defaultFeed, this.downlink(target)] : [this.defaultFeed, wan, this.downlink(target)];
  }

  signatureRoute(target: TargetModel): Link[] {
    const wan = this.wans.get(target.region);
    return wan === undefined ? [this.downlink(target)] : [this.downlink(target), wan];
  }

  /** Bytes carried by every target downlink together. */
  downlinkBytes(): number {
    let total = 0;
    for (const link of this.downlinks.values()) total += link.bytesThrough;
    return total;
  }

  get downlinkCount(): number {
    return this.downlinks.size;
  }
}
