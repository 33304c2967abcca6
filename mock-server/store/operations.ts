// The domain actions both APIs call (legacy REST and Executions): create a release, a deployment, a
// runbook run. They validate (ApiError 400/404/409 with every problem), mutate the store, and hand
// the engine a TaskPlan. Dependencies are explicit and narrow: the store, a task submitter, a clock.
import type { Clock } from '../../harness/core/clock.js';
import type { TaskPlan } from '../engine/types.js';
import type { Store } from './store.js';

/** The one thing the operations need from the engine. */
export interface TaskSubmitter {
  submit(plan: TaskPlan): unknown;
}

export interface OperationDeps {
  store: Store;
  engine: TaskSubmitter;
  clock: Clock;
}

export { createRelease, type CreateReleaseInput, type CreateReleaseResult } from './create-release.js';
export { createDeployment, type CreateDeploymentInput, type CreateDeploymentResult } from './create-deployment.js';
export { createRunbookRun, type CreateRunbookRunInput, type CreateRunbookRunResult } from './create-runbook-run.js';
export type { ExecutionOptions } from './execution-common.js';
