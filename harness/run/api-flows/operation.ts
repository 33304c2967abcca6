// One operation as one client invocation (as the seed measured the CLI: a fresh process, so a fresh
// connection, and through a proxy one CONNECT): its own dispatcher whose accounting records belong to
// this operation alone, the flow of the chosen API, then optionally the separate "wait for task" phase.
import type { Dispatcher } from 'undici';
import type { Clock } from '../../core/clock.js';
import { isFlowError } from '../../flows/errors.js';
import { executionsSingleCall, OfficialClientSession, waitForTasks, type ExecutionsOperation, type OperationInput, type SpaceCache, type SpaceRef } from '../../flows/executions/index.js';
import { createRelease, deployRelease, runRunbook } from '../../flows/legacy/index.js';
import type { HttpTransport } from '../../flows/transport.js';
import { createUndiciTransport } from '../../flows/undici-transport.js';
import type { RequestRecord } from '../../load/interceptors/accounting.js';

export type ApiName = 'legacy' | 'executions' | 'executions-client';

export interface OperationSetup {
  clock: Clock;
  baseUrl: string;
  apiKey: string;
  space: SpaceRef;
  operation: ExecutionsOperation;
  api: ApiName;
  input: OperationInput;
  /** Builds a dispatcher reporting every request to onRecord (in-process emulation or the proxy). */
  dispatcher(onRecord: (r: RequestRecord) => void): { dispatcher: Dispatcher; close(): Promise<void> };
  /** The official client's per-process space cache (shared by the operations of one point). */
  spaceCache: SpaceCache;
  wait?: { pollMs: number; timeoutMs: number };
}

export interface OperationOutcome {
  ok: boolean;
  error?: string;
  durationMs: number;
  records: RequestRecord[];
  waitMs?: number;
  waitRecords: RequestRecord[];
  waitTimedOut?: boolean;
}

async function runFlow(t: HttpTransport, s: OperationSetup): Promise<string[]> {
  const { input } = s;
  if (s.api === 'executions') return (await executionsSingleCall(t, s.operation, input, s.space)).result.taskIds;
  if (s.api === 'executions-client') return (await new OfficialClientSession(t, s.spaceCache).run(s.operation, input, s.space.name)).result.taskIds;
  switch (s.operation) {
    case 'create-release':
      await createRelease(t, { projectName: input.projectName, ...(input.channelName ? { channelName: input.channelName } : {}) });
      return [];
    case 'deploy-release':
      return [(await deployRelease(t, { projectName: input.projectName, version: input.releaseVersion ?? '', environmentName: input.environmentName })).result.taskId];
    case 'run-runbook':
      return [(await runRunbook(t, { projectName: input.projectName, runbookName: input.runbookName, environmentName: input.environmentName })).result.taskId];
  }
}

export async function runOperation(s: OperationSetup): Promise<OperationOutcome> {
  const records: RequestRecord[] = [];
  const built = s.dispatcher((r) => records.push(r));
  const transport = createUndiciTransport({ baseUrl: s.baseUrl, apiKey: s.apiKey, dispatcher: built.dispatcher });
  const begin = s.clock.now();
  const outcome: OperationOutcome = { ok: true, durationMs: 0, records, waitRecords: [] };
  try {
    const taskIds = await runFlow(transport, s);
    outcome.durationMs = s.clock.now() - begin;
    if (s.wait && taskIds.length > 0) {
      const opCount = records.length;
      const waitBegin = s.clock.now();
      const waited = await waitForTasks(transport, s.space.id, taskIds, { clock: s.clock, ...s.wait });
      outcome.waitMs = s.clock.now() - waitBegin;
      outcome.waitTimedOut = waited.timedOut;
      outcome.waitRecords = records.splice(opCount);
    }
  } catch (e) {
    outcome.ok = false;
    outcome.durationMs = s.clock.now() - begin;
    outcome.error = isFlowError(e) ? `${e.code}: ${e.message}` : `${(e as { code?: string }).code ?? 'ERROR'}: ${(e as Error).message}`;
  } finally {
    await built.close();
  }
  return outcome;
}
