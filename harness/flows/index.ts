// Public surface of the API flows: the transport seam, its undici implementation, the recording
// client's records, coded flow errors, the URI-template expander, the legacy CLI flows and the
// Executions flows (single call, official TS client sequence, wait-for-task phase).
export { withQuery, makeResponse, type HttpRequest, type HttpResponse, type HttpTransport } from './transport.js';
export { createUndiciTransport, type UndiciTransportOptions } from './undici-transport.js';
export { RecordingClient, type CallRecord, type ByteCount, type RecordingClientOptions } from './recording-client.js';
export { FlowError, FLOW_ERROR_CODES, isFlowError, type FlowErrorCode } from './errors.js';
export { expandUriTemplate, type TemplateValue, type TemplateVariables } from './uri-template.js';
export * as legacy from './legacy/index.js';
export * as executions from './executions/index.js';
