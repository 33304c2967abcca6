// The Executions API flows: the new CLI's single call, the official TS client's sequence, and the
// separate "wait for task" phase.
export { cliCommandBody, clientCommandBody, EXECUTIONS_ROUTES, serverTaskIds, type ExecutionsOperation, type OperationInput, type SpaceRef } from './commands.js';
export { executionsSingleCall, CLI_HEADERS, type ExecutionsFlowOptions, type ExecutionsFlowResult } from './single-call.js';
export { OfficialClientSession, OFFICIAL_CLIENT_HEADERS, ROOT_ROUTE, SPACE_LOOKUP_ROUTE, type SpaceCache } from './official-client.js';
export { waitForTasks, TASKS_ROUTE, type WaitOptions, type WaitResult } from './wait-for-task.js';
