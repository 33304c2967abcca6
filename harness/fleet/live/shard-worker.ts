// Worker-thread entry of a fleet shard: receives its FleetShardOptions (minus the clock) as
// workerData, says 'ready' (so the parent can take its memory baseline), starts the agents on
// 'start', posts stats every `reportMs` and when asked, and stops them on 'stop'.
import { parentPort, workerData } from 'node:worker_threads';
import { RealClock } from '../../core/clock.js';
import { memoryUsage } from '../../core/env.js';
import { FleetShard, type FleetShardOptions } from './fleet-shard.js';
import type { ShardStats } from './agent-env.js';

export type ShardWorkerData = Omit<FleetShardOptions, 'clock'>;

export type ToShard = { type: 'start' } | { type: 'report' } | { type: 'stop' };
export type FromShard =
  | { type: 'ready'; heapUsed: number }
  | { type: 'started'; connectMs: number; registered: number }
  | { type: 'stats'; stats: ShardStats; heapUsed: number }
  | { type: 'stopped' };

const port = parentPort!;
const clock = new RealClock();
const shard = new FleetShard({ ...(workerData as ShardWorkerData), clock });
const post = (m: FromShard): void => port.postMessage(m);

port.on('message', (m: ToShard) => {
  switch (m.type) {
    case 'start':
      void shard.start().then((r) => post({ type: 'started', ...r }));
      break;
    case 'report':
      post({ type: 'stats', stats: { ...shard.stats }, heapUsed: memoryUsage().heapUsed });
      break;
    case 'stop':
      void shard.stop().then(() => {
        post({ type: 'stopped' });
        port.close();
      });
      break;
  }
});
post({ type: 'ready', heapUsed: memoryUsage().heapUsed });
