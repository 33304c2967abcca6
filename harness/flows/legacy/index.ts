// The legacy (pre-Executions) CLI flows: exact request sequences of the old `octo` CLI, following Links.
export { legacyPrelude, PRELUDE_ROUTES, NAMED_SPACE_PRELUDE_ROUTES, type PreludeResult } from './prelude.js';
export { createRelease, CREATE_RELEASE_ROUTES, type CreateReleaseFlowInput, type CreateReleaseFlowResult } from './create-release.js';
export { deployRelease, DEPLOY_RELEASE_ROUTES, type DeployReleaseFlowInput, type DeployReleaseFlowResult } from './deploy-release.js';
export { runRunbook, RUN_RUNBOOK_ROUTES, type RunRunbookFlowInput, type RunRunbookFlowResult } from './run-runbook.js';
export { LEGACY_CLIENT_HEADERS, type FlowOptions, type FlowResult } from './common.js';
