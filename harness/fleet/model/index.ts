// Public surface of the target model shared by the simulator (harness/simulate) and live agents.
export * from './target-model.js';
export * from './fleet-spec.js';
