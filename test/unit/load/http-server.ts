// Test helper: a tiny node:http server on 127.0.0.1:0 that counts, per connection, the bytes it read
// and wrote on the socket, and per request the body bytes it received and sent.
// GET/POST /bytes/:n answers with n bytes (content-length); /chunked/:n streams n bytes chunked.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface TestServer {
  origin: string;
  sockets: Socket[];
  bodies: Array<{ path: string; received: number; sent: number }>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const sockets: Socket[] = [];
  const bodies: TestServer['bodies'] = [];
  const server: Server = createServer((req, res) => {
    let received = 0;
    req.on('data', (chunk: Buffer) => (received += chunk.length));
    req.on('end', () => {
      const [, kind, size] = (req.url ?? '').split('?')[0]!.split('/');
      const n = Number(size ?? 0);
      const body = Buffer.alloc(n, 0x61);
      bodies.push({ path: req.url ?? '', received, sent: n });
      if (kind === 'chunked') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.write(body.subarray(0, n >> 1));
        res.end(body.subarray(n >> 1));
      } else {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(n) });
        res.end(body);
      }
    });
  });
  server.on('connection', (socket) => sockets.push(socket));
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    sockets,
    bodies,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
