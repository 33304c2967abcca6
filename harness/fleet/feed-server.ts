// The package feed that pull acquisitions (AcquisitionLocation ExecutionTarget) download from: a
// separate HTTP server, normally in its own process (`octobench feed`), with its own uplink bucket.
// GET /feeds/{feedId}/packages/{packageId}/{version}?size=N[&series=INDEX,FRACTION] serves the same
// deterministic package file the reference server would push (mock-server/tentacle/package-files.ts;
// series: the version's place in the store's version series), so the agent's
// SHA-256 check holds. Plain node:http: no API key (a feed is usually anonymous inside a network).
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensurePackageFile, parseSeries, DEFAULT_PACKAGE_CACHE_DIR } from '../../mock-server/tentacle/index.js';
import type { TokenBucket } from '../load/interceptors/token-bucket.js';

export interface FeedServerOptions {
  packageDir?: string;
  /** The feed's uplink, shared by every download (absent: loopback speed). */
  uplink?: TokenBucket;
}

export interface FeedServer {
  url: string;
  port: number;
  /** Bytes fully served so far. */
  readonly bytesServed: number;
  close(): Promise<void>;
}

const ROUTE = /^\/feeds\/([^/]+)\/packages\/([^/]+)\/([^/?]+)\?size=(\d{1,13})(?:&series=([^&]+))?$/;
const MAX_PACKAGE_BYTES = 10 * 1024 ** 3;

/** Resolves on 'drain' or 'close', whichever comes first, leaving no listener behind. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function fail(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ ErrorMessage: message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

export async function startFeedServer(host: string, port: number, options: FeedServerOptions = {}): Promise<FeedServer> {
  let bytesServed = 0;
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const m = req.method === 'GET' ? ROUTE.exec(req.url ?? '') : null;
    if (m === null) return fail(res, 404, 'Not a package URL: GET /feeds/{feedId}/packages/{packageId}/{version}?size=N');
    const [packageId, version, size] = [decodeURIComponent(m[2]!), decodeURIComponent(m[3]!), Number(m[4])];
    if (size < 1 || size > MAX_PACKAGE_BYTES) return fail(res, 400, `size must be between 1 and ${MAX_PACKAGE_BYTES}`);
    const content = parseSeries(m[5] === undefined ? undefined : decodeURIComponent(m[5]));
    if (m[5] !== undefined && content === undefined) return fail(res, 400, 'series must be INDEX,FRACTION with FRACTION between 0 and 1');
    const file = await ensurePackageFile({ packageId, version, sizeBytes: size, ...(content === undefined ? {} : { content }) }, options.packageDir ?? DEFAULT_PACKAGE_CACHE_DIR);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size, 'x-package-sha256': file.sha256 });
    let sent = 0;
    for await (const chunk of createReadStream(file.path, { highWaterMark: 64 * 1024 })) {
      if (res.destroyed) return;
      const buf = chunk as Buffer;
      if (options.uplink !== undefined) await options.uplink.take(buf.length);
      sent += buf.length;
      if (!res.write(buf)) await drained(res);
    }
    res.end();
    if (sent === size) bytesServed += size;
  };
  const server: Server = createServer({ keepAlive: true }, (req, res) => {
    serve(req, res).catch((e: unknown) => (res.headersSent ? res.destroy() : fail(res, 500, (e as Error).message)));
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, backlog: 4096 }, resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    get bytesServed() { return bytesServed; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
