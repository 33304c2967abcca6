// The server model's constants: what the Octopus Server spends per unit of work, with where each
// number comes from (README "Simulator" repeats this table). They are calibration inputs, not facts:
// change them per scenario (`serverModel:` section) when measurements from a real server exist.
// Sources: octopus-api.md (§5 orchestration, §6 sizing anchors), toolchain.md (measured fastify CPU
// per request on the project's machine), seeds 002/003 (what makes deployments slow).

export interface ServerModel {
  /** CPU cores shared by all server work (processor sharing). */
  cores: number;
  /** Server NIC uplink that pushed packages cross, Mbit/s. */
  uplinkMbps: number;
  /** Uplink of the package feed that targets pull from (when their region has no feed of its own), Mbit/s. */
  feedUplinkMbps: number;
  /** Region the server and its default feed sit in. */
  region: string;
  /** CPU per orchestration action (a command: dispatch RPC, completion, task state writes), ms. */
  cpuPerActionMs: number;
  /** CPU per connected polling target per second (idle long polls), ms. */
  cpuPerPollingTargetPerSecMs: number;
  /** CPU per in-flight command per second (status polls, Halibut queue and thread bookkeeping), ms. */
  cpuPerInFlightCommandPerSecMs: number;
  /** CPU per ingested log line, and per KB of log text, ms. */
  cpuPerLogLineMs: number;
  cpuPerLogKBMs: number;
  /** CPU per MB of package to compute an Octodiff delta (reads the whole new package), ms. */
  cpuPerDeltaMBMs: number;
  /** CPU per MB pushed to a target (file read, Halibut framing, TLS), ms. */
  cpuPerPushedMBMs: number;
  /** CPU per KB of variables serialised into every run command, ms. */
  cpuPerVariableKBMs: number;
}

export interface ConstantSource {
  key: keyof ServerModel;
  value: number | string;
  source: string;
}

/** Defaults and their provenance, in README order. */
export const SERVER_MODEL_SOURCES: readonly ConstantSource[] = [
  { key: 'cores', value: 4, source: 'octopus-api.md §6: Octopus Cloud default instance up to 4000m CPU; sizing unit 2 cores per 10–15 tasks' },
  { key: 'uplinkMbps', value: 1000, source: 'assumed 1 GbE server NIC' },
  { key: 'feedUplinkMbps', value: 1000, source: 'assumed 1 GbE feed (built-in feed on the server host or a nearby file share)' },
  { key: 'region', value: 'local', source: 'scenario choice' },
  { key: 'cpuPerActionMs', value: 3, source: 'inferred: ~4 Halibut RPCs per command (StartScript, GetStatus, CompleteScript; octopus-api.md §5.5) plus task-log/DB writes; toolchain.md measures 25–30 µs CPU per plain HTTP request, TLS+BSON+gzip RPCs and DB round trips assumed ~25× that' },
  { key: 'cpuPerPollingTargetPerSecMs', value: 0.002, source: 'octopus-api.md §5.5: an idle polling Tentacle re-issues its long poll every 30 s; ~60 µs per TLS request (2× toolchain.md\'s 30 µs) → 0.002 ms/s' },
  { key: 'cpuPerInFlightCommandPerSecMs', value: 16, source: 'calibrated to octopus-api.md §6 "10–15 concurrent tasks per 2 cores" with Octopus.Action.MaxParallelism 10 per task: ~125 in-flight commands saturate 2 cores → 2000/125 ms/s; seed 003: "the Octopus Server spends most of its time managing concurrency"' },
  { key: 'cpuPerLogLineMs', value: 0.05, source: 'inferred: parse, attribute and append one line to the task log, ~2× a plain HTTP request (toolchain.md)' },
  { key: 'cpuPerLogKBMs', value: 0.01, source: 'inferred: ~100 MB/s per core to compress and write log text; seed 003: large task logs put the pipeline under pressure' },
  { key: 'cpuPerDeltaMBMs', value: 15, source: 'inferred: Octodiff rolling-checksum scan + SHA-1 of 2 KB chunks at ~65 MB/s per core (octopus-api.md §5.4); seed 003: deltas cost server CPU in proportion to package size' },
  { key: 'cpuPerPushedMBMs', value: 4, source: 'inferred: ~250 MB/s per core for file read + Halibut stream framing + TLS (AES-GCM ~1 GB/s per core across ~4 copies)' },
  { key: 'cpuPerVariableKBMs', value: 0.02, source: 'inferred: gzipped BSON serialisation ~50 MB/s per core (Halibut messages, octopus-api.md §5.5); seed 003: the number and size of variables matter' },
];

export const DEFAULT_SERVER_MODEL: Readonly<ServerModel> = Object.freeze(
  Object.fromEntries(SERVER_MODEL_SOURCES.map((c) => [c.key, c.value])) as unknown as ServerModel,
);

/** A model whose server costs nothing (for analytic tests of the network and the engine alone). */
export const FREE_SERVER_MODEL: Readonly<ServerModel> = Object.freeze({
  ...DEFAULT_SERVER_MODEL,
  cpuPerActionMs: 0,
  cpuPerPollingTargetPerSecMs: 0,
  cpuPerInFlightCommandPerSecMs: 0,
  cpuPerLogLineMs: 0,
  cpuPerLogKBMs: 0,
  cpuPerDeltaMBMs: 0,
  cpuPerPushedMBMs: 0,
  cpuPerVariableKBMs: 0,
});
