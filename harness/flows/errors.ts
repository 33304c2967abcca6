// Coded errors of the API flows. A flow that cannot finish (an unexpected status, a name that does
// not resolve, a response without the link it must follow) throws FlowError, which carries the calls
// made so far so the runner can still account for their bytes and times.
import type { CallRecord } from './recording-client.js';

export const FLOW_ERROR_CODES = {
  OCTOBENCH_ERR_FLOW_HTTP_STATUS: 'The server answered a flow request with an unexpected HTTP status.',
  OCTOBENCH_ERR_FLOW_LOOKUP: 'A name given to the flow (project, channel, environment, runbook, release version) was not found.',
  OCTOBENCH_ERR_FLOW_PROTOCOL: 'A response lacked what the flow must read or follow (a link, a field, valid JSON).',
} as const;

export type FlowErrorCode = keyof typeof FLOW_ERROR_CODES;

export class FlowError extends Error {
  readonly code: FlowErrorCode;
  readonly calls: readonly CallRecord[];
  readonly status: number | undefined;

  constructor(code: FlowErrorCode, message: string, calls: readonly CallRecord[], status?: number) {
    super(message);
    this.name = 'FlowError';
    this.code = code;
    this.calls = calls;
    this.status = status;
  }
}

export function isFlowError(e: unknown): e is FlowError {
  return e instanceof FlowError;
}
