// The Executions API as the new CLI issues it: ONE `POST …/v1` per operation, names in the body, the
// space id already known (octopus-api.md §3.5; the CLI's one-off client set-up is not per operation).
import type { Clock } from '../../core/clock.js';
import { FlowError } from '../errors.js';
import { RecordingClient } from '../recording-client.js';
import type { HttpTransport } from '../transport.js';
import { cliCommandBody, EXECUTIONS_ROUTES, serverTaskIds, type ExecutionsOperation, type OperationInput, type SpaceRef } from './commands.js';

/** Headers of the Go CLI's HTTP client (user agent as the `octopus` CLI sends it). */
export const CLI_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  accept: 'application/json',
  'user-agent': 'octopus-cli/2.0.0 (linux; amd64) go-octopusdeploy/2.0.0',
});

export interface ExecutionsFlowOptions {
  clock?: Clock;
  headers?: Record<string, string>;
}

export interface ExecutionsFlowResult {
  calls: RecordingClient['calls'];
  result: { response: unknown; taskIds: string[] };
}

export async function executionsSingleCall(
  t: HttpTransport, op: ExecutionsOperation, input: OperationInput, space: SpaceRef, options: ExecutionsFlowOptions = {},
): Promise<ExecutionsFlowResult> {
  const client = new RecordingClient(t, { headers: { ...(options.headers ?? CLI_HEADERS) }, ...(options.clock ? { clock: options.clock } : {}) });
  const command = EXECUTIONS_ROUTES[op];
  const response = await client.post<unknown>(command.route.slice('POST '.length), command.path(space.id), cliCommandBody(op, input, space), [command.status]);
  const taskIds = serverTaskIds(op, response);
  if (op !== 'create-release' && taskIds.length === 0) {
    throw new FlowError('OCTOBENCH_ERR_FLOW_PROTOCOL', `${command.route} answered no server task`, [...client.calls]);
  }
  return { calls: client.calls, result: { response, taskIds } };
}
