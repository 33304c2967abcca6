// `octobench feed`: the package feed live agents pull from (AcquisitionLocation ExecutionTarget), in
// its own process with its own uplink. Prints `octobench feed listening on URL`; runs until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { RealClock } from '../../core/clock.js';
import { OctobenchError } from '../../core/errors.js';
import { TokenBucket } from '../../load/interceptors/token-bucket.js';
import { startFeedServer } from '../../fleet/feed-server.js';
import { FlagProblems } from '../flags.js';
import type { CommandIo } from '../io.js';

interface FeedFlags { host?: string; port?: string; uplinkMbps?: string; packageDir?: string }

export function registerFeed(program: Command, io: CommandIo): void {
  program
    .command('feed')
    .description('run the package feed that live agents pull packages from')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--uplink-mbps <n>', "the feed's uplink, shared by every download")
    .option('--package-dir <dir>', 'where generated package files are cached')
    .action(async (flags: FeedFlags) => {
      const p = new FlagProblems();
      const host = p.nonEmpty('--host', flags.host) ?? '127.0.0.1';
      const port = p.integer('--port', flags.port, 0, 65535) ?? 0;
      const mbps = p.number('--uplink-mbps', flags.uplinkMbps, 0.001, 1_000_000);
      const packageDir = p.nonEmpty('--package-dir', flags.packageDir);
      p.throwIfAny('feed');
      const clock = new RealClock();
      const shutdown = io.untilShutdown();
      const feed = await startFeedServer(host, port, {
        ...(packageDir === undefined ? {} : { packageDir }),
        ...(mbps === undefined ? {} : { uplink: new TokenBucket(clock, mbps * 125_000) }),
      }).catch((cause: unknown) => {
        throw new OctobenchError('OCTOBENCH_ERR_SERVER_LISTEN', `cannot listen on ${host}:${port}: ${(cause as Error).message}`, { cause });
      });
      io.out(`octobench feed listening on ${feed.url}`);
      await shutdown;
      await feed.close();
    });
}
