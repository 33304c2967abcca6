// One share of a point's load, run by the closed or open model: every operation's requests and bytes
// summed, latencies in HDR histograms. The result is plain data (histograms encoded), so that a share
// run in a worker thread comes back over postMessage and merges exactly with the others.
import type { Clock } from '../../core/clock.js';
import { runClosed } from '../../load/closed-model.js';
import { runOpen } from '../../load/open-model.js';
import type { RequestRecord } from '../../load/interceptors/accounting.js';
import { LatencyHistogram } from '../../metrics/histogram.js';
import { runOperation, type OperationOutcome, type OperationSetup } from './operation.js';

export interface ShareLoad {
  model: 'closed' | 'open';
  vus: number;
  iterations?: number;
  durationMs?: number;
  rate?: number;
  maxInFlight: number;
  maxStartDelayMs: number;
}

export interface ByteTotals {
  requests: number;
  requestHeaderBytes: number;
  requestBodyBytes: number;
  responseHeaderBytes: number;
  responseBodyBytes: number;
}

export interface ShareResult {
  operations: number;
  errors: number;
  /** The first few distinct error messages. */
  errorMessages: string[];
  /** Requests and bytes of the successful operations (the operation phase only). */
  bytes: ByteTotals;
  /** Requests and bytes of the wait phase. */
  waitBytes: ByteTotals;
  waits: number;
  waitTimeouts: number;
  operationHistogram: string;
  waitHistogram: string;
  open?: { scheduled: number; started: number; lateStarts: number; droppedStarts: number; lateness: string };
  startedAt: number;
  endedAt: number;
}

export const emptyBytes = (): ByteTotals => ({ requests: 0, requestHeaderBytes: 0, requestBodyBytes: 0, responseHeaderBytes: 0, responseBodyBytes: 0 });

function addRecords(into: ByteTotals, records: readonly RequestRecord[]): void {
  for (const r of records) {
    into.requests++;
    into.requestHeaderBytes += r.requestHeaderBytes;
    into.requestBodyBytes += r.requestBodyBytes ?? 0;
    into.responseHeaderBytes += r.responseHeaderBytes;
    into.responseBodyBytes += r.responseBodyBytes;
  }
}

export async function runShare(clock: Clock, load: ShareLoad, setup: Omit<OperationSetup, 'clock'>): Promise<ShareResult> {
  const opHist = new LatencyHistogram();
  const waitHist = new LatencyHistogram();
  const result: Omit<ShareResult, 'operationHistogram' | 'waitHistogram'> = {
    operations: 0, errors: 0, errorMessages: [], bytes: emptyBytes(), waitBytes: emptyBytes(), waits: 0, waitTimeouts: 0, startedAt: clock.now(), endedAt: 0,
  };
  const account = (o: OperationOutcome, latencyMs: number) => {
    if (!o.ok) {
      result.errors++;
      if (o.error && result.errorMessages.length < 5 && !result.errorMessages.includes(o.error)) result.errorMessages.push(o.error);
      throw new Error(o.error);
    }
    result.operations++;
    opHist.record(latencyMs);
    addRecords(result.bytes, o.records);
    if (o.waitMs !== undefined) {
      result.waits++;
      if (o.waitTimedOut) result.waitTimeouts++;
      waitHist.record(o.waitMs);
      addRecords(result.waitBytes, o.waitRecords);
    }
  };
  if (load.model === 'closed') {
    await runClosed({
      clock, vus: load.vus, ...(load.iterations === undefined ? {} : { iterations: load.iterations }), ...(load.durationMs === undefined ? {} : { durationMs: load.durationMs }),
      iteration: async () => {
        const o = await runOperation({ ...setup, clock });
        account(o, o.durationMs);
      },
    });
  } else {
    const open = await runOpen({
      clock, load: { rate: load.rate ?? 1, durationMs: load.durationMs ?? 0 }, maxInFlight: load.maxInFlight, maxStartDelayMs: load.maxStartDelayMs,
      // Open model: the operation's latency runs from its INTENDED start (coordinated omission corrected).
      iteration: async (_index, intendedAt) => {
        const o = await runOperation({ ...setup, clock });
        account(o, clock.now() - intendedAt - (o.waitMs ?? 0));
      },
    });
    result.open = { scheduled: open.scheduled, started: open.started, lateStarts: open.lateStarts, droppedStarts: open.droppedStarts, lateness: open.lateness.encode() };
  }
  result.endedAt = clock.now();
  return { ...result, operationHistogram: opHist.encode(), waitHistogram: waitHist.encode() };
}
