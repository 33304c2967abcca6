// A live fleet in this process: the agents of shard i/n (contiguous index ranges) spread over
// `workers` worker threads (0 = in this thread), each worker a FleetShard. connect() starts every
// worker's agents and measures what one agent costs: RSS and heap of the process before and after,
// divided by the agents. stats() merges the workers' counters. stop() ends every agent and worker.
// A process holds at most 20,000 open files, so one process should hold at most ~19,000 agents;
// run several processes (`octobench fleet --shard i/n`) for more.
import { Worker } from 'node:worker_threads';
import type { Clock } from '../../core/clock.js';
import { memoryUsage } from '../../core/env.js';
import { OctobenchError } from '../../core/errors.js';
import { emptyStats, mergeStats, type ShardStats } from './agent-env.js';
import { FleetShard, type FleetShardOptions } from './fleet-shard.js';
import type { FromShard, ShardWorkerData, ToShard } from './shard-worker.js';

export interface LiveFleetOptions extends Omit<FleetShardOptions, 'clock' | 'indices' | 'fleetSize'> {
  targets: number;
  /** 1-based shard of the fleet this process runs (default 1/1). */
  shard?: { index: number; count: number };
  /** Worker threads (0: the agents run on this thread). */
  workers?: number;
}

export interface ConnectReport {
  agents: number;
  registered: number;
  connectMs: number;
  rssPerAgentBytes: number;
  heapPerAgentBytes: number;
}

/** Runs a full GC when node was started with --expose-gc (so per-agent memory excludes garbage). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) { gc(); gc(); }
}

/** Agent indices of shard `index` of `count` over `targets` agents. */
export function shardIndices(targets: number, index: number, count: number): number[] {
  const from = Math.floor(((index - 1) * targets) / count);
  const to = Math.floor((index * targets) / count);
  return Array.from({ length: to - from }, (_, k) => from + k);
}

/**
 * A worker thread running shard-worker. From TypeScript sources (tests, tsx) the worker registers tsx's
 * loader first: Node 20 workers do not inherit `--import tsx`.
 */
function startShardWorker(data: ShardWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./shard-worker.js', import.meta.url), { workerData: data });
  const entry = new URL('./shard-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: data });
}

interface WorkerSlot {
  worker: Worker;
  stats: ShardStats;
  heapUsed: number;
  waiters: ((m: FromShard | { type: 'failed'; error: string }) => void)[];
}

export class LiveFleet {
  private readonly slots: WorkerSlot[] = [];
  private local: FleetShard | undefined;
  readonly indices: number[];

  constructor(private readonly options: LiveFleetOptions, private readonly clock: Clock) {
    const { index, count } = options.shard ?? { index: 1, count: 1 };
    this.indices = shardIndices(options.targets, index, count);
  }

  async connect(timeoutMs = 300_000): Promise<ConnectReport> {
    const { targets, shard: _shard, workers = 0, ...rest } = this.options;
    const n = this.indices.length;
    if (workers <= 0) {
      this.local = new FleetShard({ ...rest, clock: this.clock, indices: this.indices, fleetSize: targets });
      collectGarbage();
      const before = memoryUsage();
      const r = await this.local.start(timeoutMs);
      await this.clock.sleep(1_000);
      collectGarbage();
      const after = memoryUsage();
      return { agents: n, ...r, rssPerAgentBytes: (after.rss - before.rss) / Math.max(1, n), heapPerAgentBytes: (after.heapUsed - before.heapUsed) / Math.max(1, n) };
    }
    for (let w = 0; w < workers; w++) {
      const indices = this.indices.filter((_, k) => k % workers === w);
      const data: ShardWorkerData = { ...rest, indices, fleetSize: targets };
      const slot: WorkerSlot = { worker: startShardWorker(data), stats: emptyStats(), heapUsed: 0, waiters: [] };
      slot.worker.on('message', (m: FromShard) => {
        if (m.type === 'stats') slot.stats = m.stats;
        if (m.type === 'ready' || m.type === 'stats') slot.heapUsed = m.heapUsed;
        slot.waiters.shift()?.(m);
      });
      const broken = (why: string): void => {
        slot.stats.errors++;
        slot.stats.lastError = `fleet worker ${w + 1}: ${why}`;
        for (const waiter of slot.waiters.splice(0)) waiter({ type: 'failed', error: slot.stats.lastError });
      };
      slot.worker.on('error', (e) => broken(e.message));
      slot.worker.on('exit', (code) => broken(`exited with code ${code}`));
      this.slots.push(slot);
    }
    await Promise.all(this.slots.map((s) => this.next(s, 'ready')));
    const rssBefore = memoryUsage().rss;
    const heapBefore = this.slots.reduce((h, s) => h + s.heapUsed, 0);
    const started = this.clock.now();
    const results = await Promise.all(this.slots.map((s) => this.send(s, { type: 'start' }, 'started')));
    const connectMs = this.clock.now() - started;
    await this.stats();
    const heapAfter = this.slots.reduce((h, s) => h + s.heapUsed, 0);
    const registered = results.reduce((r, m) => r + (m.type === 'started' ? m.registered : 0), 0);
    return { agents: n, registered, connectMs, rssPerAgentBytes: (memoryUsage().rss - rssBefore) / Math.max(1, n), heapPerAgentBytes: (heapAfter - heapBefore) / Math.max(1, n) };
  }

  async stats(): Promise<ShardStats> {
    if (this.local !== undefined) return { ...this.local.stats };
    await Promise.all(this.slots.map((s) => this.send(s, { type: 'report' }, 'stats')));
    return mergeStats(this.slots.map((s) => s.stats));
  }

  async stop(): Promise<void> {
    await this.local?.stop();
    await Promise.all(this.slots.map(async (s) => {
      await Promise.race([this.send(s, { type: 'stop' }, 'stopped'), this.clock.sleep(5_000)]);
      await s.worker.terminate();
    }));
  }

  private send(slot: WorkerSlot, message: ToShard, reply: FromShard['type']): Promise<FromShard> {
    const answer = this.next(slot, reply);
    slot.worker.postMessage(message);
    return answer;
  }

  private next(slot: WorkerSlot, type: FromShard['type']): Promise<FromShard> {
    return new Promise((resolve, reject) => {
      slot.waiters.push((m) => {
        if (m.type === type) resolve(m);
        else if (m.type === 'failed') reject(new OctobenchError('OCTOBENCH_ERR_FLEET_CONNECT', m.error));
        else reject(new OctobenchError('OCTOBENCH_ERR_INTERNAL', `fleet worker sent '${m.type}', expected '${type}'`));
      });
    });
  }
}
