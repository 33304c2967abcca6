// Worker-thread entry: runs one share of a point's load (workerData: ShareSpec) on its own real clock
// and posts the plain ShareResult back.
import { parentPort, workerData } from 'node:worker_threads';
import { RealClock } from '../../core/clock.js';
import { runShare } from './share.js';
import { setupFor, type ShareSpec } from './share-spec.js';

const spec = workerData as ShareSpec;
const clock = new RealClock();
parentPort!.postMessage(await runShare(clock, spec.load, setupFor(spec, clock)));
