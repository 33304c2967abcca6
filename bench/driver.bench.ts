// `npm run bench:driver`: our endpoint driver (harness/load/endpoint-driver.ts: closed model over the
// undici client stack with accounting) vs autocannon vs wrk, against the same endpoint (GET /api of the
// reference server in a child process), interleaved and repeated. Prints each tool's req/s per round,
// medians, and our driver's throughput as a ratio of each (goal ≥ 0.8 of autocannon). Loopback only.
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { RealClock } from '../harness/core/clock.js';
import { runAutocannon } from '../harness/load/autocannon-adapter.js';
import { runEndpointDriver } from '../harness/load/endpoint-driver.js';
import { median, range, startServerProcess } from './server-process.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const PATH = process.env['BENCH_PATH'] ?? '/api';

type Tool = 'octobench' | 'autocannon' | 'wrk';

function wrk(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, url], { timeout: (SECONDS + 10) * 1000 }, (error, stdout) => {
      const m = /Requests\/sec:\s+([\d.]+)/.exec(String(stdout));
      if (error || !m) reject(error ?? new Error(`wrk printed no Requests/sec:\n${stdout}`));
      else resolve(Number(m[1]));
    });
  });
}

async function measure(tool: Tool, url: string): Promise<number> {
  switch (tool) {
    case 'octobench': {
      const r = await runEndpointDriver(new RealClock(), { url, connections: CONNECTIONS, durationMs: SECONDS * 1000 });
      if (r.errors > 0) throw new Error(`octobench driver: ${r.errors} errors`);
      return r.requestsPerSec;
    }
    case 'autocannon': {
      const r = await runAutocannon({ url, connections: CONNECTIONS, durationMs: SECONDS * 1000 });
      if (r.errors + r.non2xx > 0) throw new Error(`autocannon: ${r.errors} errors, ${r.non2xx} non-2xx`);
      return r.requestsPerSec;
    }
    case 'wrk':
      return wrk(url);
  }
}

async function main(): Promise<void> {
  const server = await startServerProcess();
  const url = `${server.url}${PATH}`;
  const samples: Record<Tool, number[]> = { octobench: [], autocannon: [], wrk: [] };
  const order: Tool[] = ['octobench', 'autocannon', 'wrk'];
  try {
    // Warm the server (JIT, caches) so that the first tool of round 1 is not penalised.
    await runAutocannon({ url, connections: CONNECTIONS, durationMs: 2000 });
    await runEndpointDriver(new RealClock(), { url, connections: CONNECTIONS, durationMs: 2000 });
    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate the order each round so that no tool always runs first (warm-up, thermal, noise).
      const tools = order.map((_, i) => order[(i + round - 1) % order.length]!);
      for (const tool of tools) {
        const rate = await measure(tool, url);
        samples[tool].push(rate);
        console.log(`round ${round} ${tool}: ${rate.toFixed(0)} req/s`);
      }
    }
  } finally {
    await server.stop();
  }
  const ratios = (other: Tool) => samples.octobench.map((v, i) => v / samples[other][i]!);
  console.log(`\n${new Date().toISOString()} · ${cpus().length}× ${cpus()[0]?.model ?? '?'} · node ${process.version}`);
  console.log(`GET ${PATH} of the reference server (child process), ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds × ${SECONDS} s`);
  console.log('| tool | req/s median (range) |');
  console.log('|---|---|');
  for (const tool of order) console.log(`| ${tool} | ${median(samples[tool]).toFixed(0)} (${range(samples[tool])}) |`);
  for (const other of ['autocannon', 'wrk'] as const) {
    const r = ratios(other);
    console.log(`octobench ÷ ${other}: median ${median(r).toFixed(2)} (per-round ${r.map((x) => x.toFixed(2)).join(', ')})${other === 'autocannon' ? `; goal ≥ 0.8: ${median(r) >= 0.8 ? 'met' : 'NOT met'}` : ''}`);
  }
}

await main();
