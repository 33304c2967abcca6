// Public surface of the generic discrete-event simulation kernel: the virtual clock, the flow-level
// network with max-min fair sharing, and resource models (processor sharing, FIFO semaphore).
export { SimKernel, SIM_DEFAULT_EPOCH_MS } from './kernel.js';
export type { SimKernelOptions, RunOptions, AsyncRunOptions, RunStats, RunEndReason, EventPriority } from './kernel.js';
export { FlowNetwork, SOLVE_PRIORITY, HUB_MIN_FLOWS } from './network.js';
export type { FlowNetworkOptions, FlowSpec, FlowNetworkStats } from './network.js';
export { Link, bytesPerMsFromMbitPerS } from './flow-model.js';
export type { LinkSpec, FlowHandle, FlowState } from './flow-model.js';
export { ProcessorSharing, Semaphore } from './resources.js';
export type { JobHandle, AcquireHandle } from './resources.js';
export { UtilisationMeter } from './utilisation.js';
export type { LevelSample, UtilisationMeterOptions } from './utilisation.js';
