// octobench's public library surface, listed by name. The CLI (harness/cli) is one consumer of it.
// Grows with each capability; nothing is exported by wildcard.

// Core
export { RealClock, ManualClock, type Clock, type TimerHandle } from './core/clock.js';
export { SeededRandom, RandomStream } from './core/random.js';
export { OctobenchError, ERROR_CODES, isOctobenchError, type ErrorCode, type Problem } from './core/errors.js';
export { ExitCode, type ExitCodeName, type ExitCodeValue } from './core/exit-codes.js';
export { OCTOBENCH_VERSION } from './version.js';

// The reference server (mock-server imports nothing of harness but harness/core)
export { buildServer, type ServerOptions } from '../mock-server/app.js';
export { DEFAULT_FIXTURE, parseFixture, type FixtureSpec } from '../mock-server/store/index.js';
export { Engine } from '../mock-server/engine/index.js';
export type { Fleet, FleetCommand, TaskPlan, TaskRuntime, TaskState } from '../mock-server/engine/types.js';

// Scenarios
export { ScenarioSchema, SCENARIO_SCHEMA_VERSION, type Scenario } from './scenario/schema.js';
export { validateScenario, scenarioProblems } from './scenario/validate.js';
export { loadScenarioFile, parseScenarioText } from './scenario/load.js';
export { expandMatrix, type ScenarioPoint } from './scenario/matrix.js';

// Flows
export { createRelease, deployRelease, runRunbook } from './flows/legacy/index.js';
export { createUndiciTransport, type UndiciTransportOptions } from './flows/undici-transport.js';
export type { HttpTransport, HttpRequest, HttpResponse } from './flows/transport.js';
export { FlowError, FLOW_ERROR_CODES, type FlowErrorCode } from './flows/errors.js';

// Load generation
export { buildDispatcher, type DispatcherOptions, type BuiltDispatcher } from './load/interceptors/compose.js';
export { TokenBucket } from './load/interceptors/token-bucket.js';
export { runClosed, closedPlan, type ClosedOptions, type ClosedResult } from './load/closed-model.js';
export { runOpen, type OpenOptions, type OpenResult } from './load/open-model.js';
export { openSchedule, openPlan, type OpenLoad } from './load/open-schedule.js';

// Metrics and results
export { LatencyHistogram, type LatencySummary } from './metrics/histogram.js';
export { Counters } from './metrics/counters.js';
export { distributionMetric, valueMetric, isDistributionMetric, type Metric } from './metrics/metric.js';
export { RESULTS_SCHEMA_VERSION, type RunResult, type PointResult, type Provenance } from './metrics/results.js';

// Discrete-event simulation kernel
export { SimKernel, FlowNetwork, Link, ProcessorSharing, Semaphore, UtilisationMeter } from './sim/index.js';

// Live fleet: real polling agents (harness/fleet/live) and the server's polling endpoint (mock-server/tentacle)
export { LiveFleet, shardIndices, type LiveFleetOptions, type ConnectReport } from './fleet/live/live-fleet.js';
export { FleetShard, type FleetShardOptions } from './fleet/live/fleet-shard.js';
export { startFeedServer, type FeedServer, type FeedServerOptions } from './fleet/feed-server.js';
export { runLivePoint, type LivePointResult } from './fleet/live/live-point.js';
export { TentacleHub, tentacleHubOf, type TentacleOptions } from '../mock-server/tentacle/index.js';

// Runs: scenario → points → results.json (every mode)
export { runScenario } from './run/run-scenario.js';
export { MODE_RUNNERS, runnerFor } from './run/runners.js';
export type { ModeRunner, PreparedRunner, RunContext } from './run/mode-runner.js';

// Deployment simulator (the server's Engine in virtual time)
export { simulate } from './simulate/simulate.js';
export { taskPhaseMetrics } from './simulate/task-phases.js';

// Calibration of the simulator against a live fleet
export { runCalibration, type CalibrationOutcome, type FittedConstants } from './calibrate/calibrate.js';
export { fitConstants } from './calibrate/fit.js';

// Reports
export { writeReport, findings, chartsFor, pointsCsv, readResults, specToSvg, svgToPng, type WrittenReport } from './report/index.js';

// Regression gate (CI)
export { gate, defaultGateMetric, type GateOptions, type GateResult, type GateRow, type GateVerdict } from './gate/gate.js';
