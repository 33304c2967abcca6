// The one place where the client stack is assembled: an undici Agent, then link emulation, then
// accounting outermost (so recorded times include the emulated link). Returns the dispatcher and a
// provenance record of the emulation used, for results ("every number has provenance").
import { Agent, type Dispatcher } from 'undici';
import type { Clock } from '../../core/clock.js';
import { accounting, type RecordSink } from './accounting.js';
import { linkEmulation } from './link-emulation.js';
import { TokenBucket } from './token-bucket.js';

export type LinkEmulationProvenance =
  | { kind: 'none' }
  | { kind: 'in-process'; rttMs: number; uplinkBytesPerSec: number | null; downlinkBytesPerSec: number | null };

export interface DispatcherOptions {
  clock: Clock;
  /** Connections per origin (undici Agent `connections`); unlimited when omitted. */
  connections?: number;
  rttMs?: number;
  uplinkBytesPerSec?: number;
  downlinkBytesPerSec?: number;
  /** Shared buckets (e.g. one link for many clients); take precedence over the *BytesPerSec numbers. */
  uplink?: TokenBucket;
  downlink?: TokenBucket;
  onRecord?: RecordSink;
}

export interface BuiltDispatcher {
  dispatcher: Dispatcher;
  emulation: LinkEmulationProvenance;
  close(): Promise<void>;
}

export function buildDispatcher(options: DispatcherOptions): BuiltDispatcher {
  const { clock } = options;
  const rttMs = options.rttMs ?? 0;
  if (!Number.isFinite(rttMs) || rttMs < 0) throw new RangeError(`rttMs must be ≥ 0, got ${rttMs}`);
  const uplink = options.uplink ?? (options.uplinkBytesPerSec ? new TokenBucket(clock, options.uplinkBytesPerSec) : undefined);
  const downlink = options.downlink ?? (options.downlinkBytesPerSec ? new TokenBucket(clock, options.downlinkBytesPerSec) : undefined);
  const emulated = rttMs > 0 || uplink !== undefined || downlink !== undefined;

  const agent = new Agent(options.connections === undefined ? {} : { connections: options.connections });
  const interceptors: Dispatcher.DispatcherComposeInterceptor[] = [];
  if (emulated) interceptors.push(linkEmulation({ clock, rttMs, uplink, downlink }));
  if (options.onRecord) interceptors.push(accounting(clock, options.onRecord));
  const dispatcher = interceptors.length > 0 ? agent.compose(interceptors) : agent;

  const emulation: LinkEmulationProvenance = emulated
    ? { kind: 'in-process', rttMs, uplinkBytesPerSec: uplink?.bytesPerSec ?? null, downlinkBytesPerSec: downlink?.bytesPerSec ?? null }
    : { kind: 'none' };
  return { dispatcher, emulation, close: () => agent.close() };
}
