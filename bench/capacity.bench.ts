// `npm run bench:capacity`: raw endpoint capacity with autocannon (harness/load/autocannon-adapter.ts)
// against `octobench serve` in a child process — the Executions create-release route vs the legacy
// create-release route mix (the 14 reads of the old CLI's flow, recorded from one real run and replayed
// in order by every connection; the POST + re-GET are left out because a replayed release version
// conflicts). Max rate with N connections, interleaved rounds, medians; requests/s and operations/s.
import { RealClock } from '../harness/core/clock.js';
import { createRelease } from '../harness/flows/legacy/index.js';
import { createUndiciTransport } from '../harness/flows/undici-transport.js';
import { runAutocannon, type EndpointLoad } from '../harness/load/autocannon-adapter.js';
import { BENCH_API_KEY, median, range, startServerProcess } from './server-process.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);
const headers = { 'x-octopus-apikey': BENCH_API_KEY, 'content-type': 'application/json' };

async function legacyReadMix(url: string): Promise<NonNullable<EndpointLoad['sequence']>> {
  const { calls } = await createRelease(createUndiciTransport({ baseUrl: url, apiKey: BENCH_API_KEY }), { projectName: 'OctoPetShop' });
  return calls.filter((c) => c.method === 'GET').slice(0, -1).map((c) => ({ method: 'GET' as const, path: c.path }));
}

async function main(): Promise<void> {
  const rows: Record<string, { rps: number[]; ops: number[]; p99: number[] }> = {};
  const record = (name: string, rps: number, perOp: number, p99: number) => {
    const row = (rows[name] ??= { rps: [], ops: [], p99: [] });
    row.rps.push(rps);
    row.ops.push(rps / perOp);
    row.p99.push(p99);
    console.log(`${name}: ${rps.toFixed(0)} req/s = ${(rps / perOp).toFixed(0)} operations/s, p99 ${p99} ms`);
  };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const which of round % 2 ? ['executions', 'legacy'] : ['legacy', 'executions']) {
      const server = await startServerProcess(['--action-ms', '1']);
      try {
        const base = { connections: CONNECTIONS, durationMs: SECONDS * 1000, headers };
        if (which === 'executions') {
          const r = await runAutocannon({
            ...base, url: `${server.url}/api/Spaces-1/releases/create/v1`, method: 'POST',
            body: JSON.stringify({ spaceId: 'Spaces-1', spaceIdOrName: 'Default', ProjectName: 'OctoPetShop' }),
          });
          record('executions create-release (1 request)', r.requestsPerSec, 1, r.latencyMs.p99);
        } else {
          const sequence = await legacyReadMix(server.url);
          const r = await runAutocannon({ ...base, url: server.url, sequence });
          record(`legacy create-release reads (${sequence.length} requests)`, r.requestsPerSec, sequence.length, r.latencyMs.p99);
        }
      } finally {
        await server.stop();
      }
    }
  }
  console.log(`\n${new Date(new RealClock().now()).toISOString()} · ${ROUNDS} interleaved rounds × ${SECONDS} s, ${CONNECTIONS} connections (autocannon)`);
  console.log('| workload | req/s median (range) | operations/s median (range) | p99 ms median |');
  console.log('|---|---|---|---|');
  for (const [name, r] of Object.entries(rows)) console.log(`| ${name} | ${median(r.rps).toFixed(0)} (${range(r.rps)}) | ${median(r.ops).toFixed(0)} (${range(r.ops)}) | ${median(r.p99)} |`);
}

await main();
