// The store's public surface: the model, the Store with its lookups, fixtures (spec, validation,
// generation), name lookups that throw notFound, and the domain operations both APIs call.
export { Store } from './store.js';
export type * from './model.js';
export { FixtureSchema, DEFAULT_FIXTURE, parseFixture, type FixtureSpec, type FixtureInput } from './fixture-spec.js';
export { buildStore, FIXTURE_EPOCH, DEFAULT_RELEASE_TEMPLATE } from './fixture.js';
export { TARGET_ROLE } from './fixture-process.js';
export * from './lookups.js';
export * from './operations.js';
export { lifecycleAllows } from './create-deployment.js';
export { compareIds, Table } from './table.js';
export { packageChanges, DEFAULT_PACKAGE_CHANGE_FRACTION, type PackageChanges } from './package-changes.js';
export { buildTaskPlan, candidateMachines, targetsForStep, stepRoles, stepRunsOnServer, MAX_PARALLELISM_VARIABLE } from './task-plan.js';
export { isValidVersion, compareVersions, nextVersionFromTemplate } from './versioning.js';
export { isoTime, freezeProcess } from './snapshots.js';
export { canonicalChoice } from './execution-common.js';
export { EXECUTION_DEBUG_MODES, EXECUTION_PRIORITIES } from './model-executions.js';
export type { SelectedPackageInput } from './release-packages.js';
