// A share's instructions as plain data (what a worker thread receives): where the server is, which
// operation through which API, and how the link is emulated. setupFor() turns it into an OperationSetup.
import type { Clock } from '../../core/clock.js';
import type { OperationInput, SpaceRef, ExecutionsOperation } from '../../flows/executions/index.js';
import { buildDispatcher } from '../../load/interceptors/compose.js';
import { TokenBucket } from '../../load/interceptors/token-bucket.js';
import { buildProxiedDispatcher } from '../../load/proxied-dispatcher.js';
import type { ApiName, OperationSetup } from './operation.js';
import type { ShareLoad } from './share.js';

export type LinkSpec =
  | { kind: 'none' }
  | { kind: 'in-process'; rttMs: number; uplinkBytesPerSec?: number; downlinkBytesPerSec?: number }
  | { kind: 'proxy'; proxyUrl: string };

export interface ShareSpec {
  baseUrl: string;
  apiKey: string;
  space: SpaceRef;
  operation: ExecutionsOperation;
  api: ApiName;
  input: OperationInput;
  wait?: { pollMs: number; timeoutMs: number };
  link: LinkSpec;
  load: ShareLoad;
}

export function setupFor(spec: ShareSpec, clock: Clock): Omit<OperationSetup, 'clock'> {
  const { link } = spec;
  // One bucket per direction for the whole share: concurrent operations share the emulated link.
  const uplink = link.kind === 'in-process' && link.uplinkBytesPerSec ? new TokenBucket(clock, link.uplinkBytesPerSec) : undefined;
  const downlink = link.kind === 'in-process' && link.downlinkBytesPerSec ? new TokenBucket(clock, link.downlinkBytesPerSec) : undefined;
  return {
    baseUrl: spec.baseUrl, apiKey: spec.apiKey, space: spec.space, operation: spec.operation, api: spec.api, input: spec.input,
    spaceCache: new Map(), ...(spec.wait ? { wait: spec.wait } : {}),
    dispatcher: (onRecord) => {
      // One connection per operation: the flows are sequential, and a CLI process holds one connection
      // (undici would otherwise open a second one when a request follows a body's end in the same tick).
      if (link.kind === 'proxy') return buildProxiedDispatcher({ clock, proxyUrl: link.proxyUrl, connections: 1, onRecord });
      const rttMs = link.kind === 'in-process' ? link.rttMs : 0;
      return buildDispatcher({ clock, connections: 1, rttMs, ...(uplink ? { uplink } : {}), ...(downlink ? { downlink } : {}), onRecord });
    },
  };
}
