// `npm run bench:server`: requests/s and p99 of the reference server for GET /api, Executions
// create-release and create-deployment (autocannon), and the legacy create-release flow (16 sequential
// calls) vs the single Executions call as operations/s. Rounds are interleaved and repeated; medians and
// ranges are printed (timings on a shared 2-core VM vary ±50 % between runs).
import autocannon from 'autocannon';
import { BENCH_API_KEY, median, range, startServerProcess } from './server-process.js';
import { flowsPerSecond } from './flow-loop.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);

interface Workload {
  name: string;
  run(url: string): Promise<{ rate: number; p99: number; errors: number }>;
}

const json = { 'content-type': 'application/json', 'x-octopus-apikey': BENCH_API_KEY };

function cannon(path: string, init: { method?: 'GET' | 'POST'; body?: string } = {}): Workload['run'] {
  return async (url) => {
    const result = await autocannon({
      url: `${url}${path}`,
      method: init.method ?? 'GET',
      headers: json,
      ...(init.body === undefined ? {} : { body: init.body }),
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    return { rate: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
  };
}

const workloads: Workload[] = [
  { name: 'GET /api (root document)', run: cannon('/api') },
  {
    name: 'POST executions create-release',
    run: cannon('/api/Spaces-1/releases/create/v1', {
      method: 'POST',
      body: JSON.stringify({ spaceId: 'Spaces-1', spaceIdOrName: 'Default', ProjectName: 'OctoPetShop' }),
    }),
  },
  {
    name: 'POST executions create-deployment',
    run: cannon('/api/Spaces-1/deployments/create/untenanted/v1', {
      method: 'POST',
      body: JSON.stringify({ spaceId: 'Spaces-1', spaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: '9.9.9', EnvironmentNames: ['Development'] }),
    }),
  },
  { name: 'legacy create-release flow (ops/s)', run: (url) => flowsPerSecond(url, 'legacy', SECONDS * 1000, 8) },
  { name: 'executions create-release (ops/s)', run: (url) => flowsPerSecond(url, 'executions', SECONDS * 1000, 8) },
];

async function prepare(url: string): Promise<void> {
  const res = await fetch(`${url}/api/Spaces-1/releases/create/v1`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ spaceId: 'Spaces-1', spaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: '9.9.9' }),
  });
  if (res.status !== 201) throw new Error(`could not create the benchmark release: ${res.status} ${await res.text()}`);
}

async function main(): Promise<void> {
  const samples = new Map<string, { rate: number[]; p99: number[]; errors: number }>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const w of workloads) {
      // A fresh server per sample, so that stores grown by earlier samples do not skew later ones.
      const server = await startServerProcess(['--action-ms', '1']);
      try {
        await prepare(server.url);
        const r = await w.run(server.url);
        const s = samples.get(w.name) ?? { rate: [], p99: [], errors: 0 };
        s.rate.push(r.rate);
        s.p99.push(r.p99);
        s.errors += r.errors;
        samples.set(w.name, s);
        console.log(`round ${round} ${w.name}: ${r.rate.toFixed(0)}/s p99 ${r.p99} ms errors ${r.errors}`);
      } finally {
        await server.stop();
      }
    }
  }
  console.log(`\n${ROUNDS} interleaved rounds × ${SECONDS} s, ${CONNECTIONS} connections (autocannon) / 8 concurrent flows`);
  console.log('| workload | rate median (range) | p99 ms median (range) | errors |');
  console.log('|---|---|---|---|');
  for (const [name, s] of samples) {
    console.log(`| ${name} | ${median(s.rate).toFixed(0)} (${range(s.rate)}) | ${median(s.p99).toFixed(1)} (${range(s.p99)}) | ${s.errors} |`);
  }
}

await main();
