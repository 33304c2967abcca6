// `npm run bench:fleet [-- --agents 10000 --shards 2 --package-kib 16 --action-ms 1000 --acquire-parallelism 10]`: a live
// deployment of the default project (OctoPetShop, 4 package steps + 1 script step on every target,
// 1 server step) to N real polling agents on loopback. The server (`serve --fleet live`) and the
// agents (`fleet --shard i/n`, one process per shard, each under the 20,000-open-files limit) run in
// separate processes. Reports connect time, memory per agent (fleet RSS and heap), server RSS and CPU
// (idle polling and while deploying), deployment duration, and checks that every agent ran every
// step and that every log line the agents sent is in the task log exactly once. Everything stops by
// itself (bounded waits; children killed in finally). Results: stdout and reports/fleet-bench/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const AGENTS = arg('agents', 10_000);
const SHARDS = arg('shards', AGENTS >= 2_000 ? 2 : 1);
const PACKAGE_KIB = arg('package-kib', 16);
const ACTION_MS = arg('action-ms', 1_000);
const TIMEOUT_MS = arg('timeout-s', 900) * 1000;
/** Octopus.Acquire.MaxParallelism (Octopus' default 10: 40,000 transfers for 10,000 agents go 10 at a time). */
const ACQUIRE = arg('acquire-parallelism', 10);
const API_KEY = 'API-FLEETBENCH0000000000';
/** The lines agents send (the engine's own lines, e.g. "Step succeeded on …", do not match). */
const AGENT_LINE = /\| +(Running .+ on live-\d{5}|\S+: step output \d+ of \d+|.+ finished on live-\d{5}|Uploading package .+ to live-\d{5}|Package .+ acquired on live-\d{5} \(\d+ bytes transferred\))$/;
const CLI = fileURLToPath(new URL('../harness/cli/main.ts', import.meta.url));
const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function start(argv: string[], onLine: (line: string) => void): ChildProcess {
  // --expose-gc: the fleet measures memory per agent after a full GC.
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CLI, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let buffer = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffer += String(d);
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      onLine(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
  return child;
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function api<T>(url: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<T> {
  const res = await request(url, { method, headers: { 'x-octopus-apikey': API_KEY, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${text.slice(0, 300)}`);
  return (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as T;
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Agent lines in the raw log: lines under a node named after an agent that match AGENT_LINE. */
function countAgentLines(raw: string): number {
  let inAgentNode = false;
  let n = 0;
  for (const line of raw.split('\n')) {
    const header = /\| +== \w+: (.+) ==$/.exec(line);
    if (header !== null) inAgentNode = /^live-\d{5}$/.test(header[1]!);
    else if (inAgentNode && AGENT_LINE.test(line)) n++;
  }
  return n;
}

/** Agents whose log has each of the 5 target actions started exactly once and 4 packages acquired exactly once. */
function everyAgentRanEverything(raw: string): number {
  const runs = new Map<string, Map<string, number>>();
  const acquired = new Map<string, number>();
  for (const m of raw.matchAll(/\| +Running (.+) on (live-\d{5})$/gm)) {
    const perAgent = runs.get(m[2]!) ?? new Map<string, number>();
    perAgent.set(m[1]!, (perAgent.get(m[1]!) ?? 0) + 1);
    runs.set(m[2]!, perAgent);
  }
  for (const m of raw.matchAll(/acquired on (live-\d{5}) \(/g)) acquired.set(m[1]!, (acquired.get(m[1]!) ?? 0) + 1);
  let complete = 0;
  for (const [agent, actions] of runs) {
    if (actions.size === 5 && [...actions.values()].every((n) => n === 1) && acquired.get(agent) === 4) complete++;
  }
  return complete;
}

interface Stats { cpuUserMs: number; cpuSystemMs: number; elapsedMs: number; eventLoopDelayMs: { p99: number; max: number } }
const cpuShare = (s: Stats) => (s.cpuUserMs + s.cpuSystemMs) / s.elapsedMs;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'octobench-fleet-bench-'));
  const fixture = join(dir, 'fixture.json');
  await writeFile(fixture, JSON.stringify({ projectsPerSpace: 1, tenants: 0, targetsPerEnvironment: 0, packageSizeBytes: PACKAGE_KIB * 1024, packageSizeSpread: 0, acquireMaxParallelism: ACQUIRE }));
  try {
    let url = '';
    const server = start(['serve', '--fleet', 'live', '--port', '0', '--api-key', API_KEY, '--fixture', fixture, '--uplink-mbps', '1000'], (l) => {
      const m = /listening on (http:\/\/\S+)/.exec(l);
      if (m) url = m[1]!;
    });
    await until('the server', () => (url === '' ? undefined : url), 30_000);
    const serverRssBefore = await rssKb(server.pid!);
    console.log(`server ${url}; ${AGENTS} agents in ${SHARDS} fleet process(es); packages ${PACKAGE_KIB} KiB; action ${ACTION_MS} ms`);

    const connects: { ms: number; rssKb: number; heapKb: number; registered: number }[] = [];
    const finals: { linesSent: number; errors: number; reconnects: number; lastError: string }[] = [];
    const fleets = Array.from({ length: SHARDS }, (_, i) => start([
      'fleet', '--server', url, '--api-key', API_KEY, '--targets', String(AGENTS), '--shard', `${i + 1}/${SHARDS}`, '--workers', '0',
      '--action-ms', String(ACTION_MS), '--cache-dir', join(dir, 'agents'), '--connect-batch', String(Math.floor(500 / SHARDS)),
    ], (l) => {
      const m = /(\d+) agents registered .* in (\d+) ms .*?([-\d.]+) KB RSS and ([-\d.]+) KB heap per agent/.exec(l);
      if (m) connects.push({ registered: Number(m[1]), ms: Number(m[2]), rssKb: Number(m[3]), heapKb: Number(m[4]) });
      else if (l.startsWith('{')) finals.push(JSON.parse(l));
      else console.log(`fleet ${i + 1}: ${l}`);
    }));
    await until('every fleet process to connect', () => (connects.length === SHARDS ? true : undefined), 300_000);
    const registered = connects.reduce((n, c) => n + c.registered, 0);
    const serverRssConnected = await rssKb(server.pid!);

    await api(`${url}/octobench/server-stats/reset`, 'POST', {});
    await sleep(5_000);
    const idle = await api<Stats>(`${url}/octobench/server-stats`);

    await api(`${url}/octobench/server-stats/reset`, 'POST', {});
    const created = await api<{ DeploymentServerTasks: { ServerTaskId: string }[] }>(`${url}/api/Spaces-1/deployments/create/untenanted/v1`, 'POST', {
      SpaceId: 'Spaces-1', SpaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: '1.0.1', EnvironmentNames: ['Development'],
    });
    const taskId = created.DeploymentServerTasks[0]!.ServerTaskId;
    const task = await until('the deployment', async () => {
      const t = await api<{ IsCompleted: boolean; State: string; StartTime: string; CompletedTime: string; ErrorMessage: string }>(`${url}/api/tasks/${taskId}`);
      return t.IsCompleted ? t : undefined;
    }, TIMEOUT_MS);
    const deploying = await api<Stats>(`${url}/octobench/server-stats`);
    const serverRssDeployed = await rssKb(server.pid!);
    const durationS = (Date.parse(task.CompletedTime) - Date.parse(task.StartTime)) / 1000;

    const raw = await api<string>(`${url}/api/tasks/${taskId}/raw`);
    for (const f of fleets) f.kill('SIGTERM');
    await until('the fleets to report', () => (finals.length === SHARDS ? true : undefined), 30_000);
    const agentLines = countAgentLines(raw);
    const running = (raw.match(/\| +Running [^\n]* on live-\d{5}$/gm) ?? []).length;
    const acquired = (raw.match(/acquired on live-\d{5} \(/g) ?? []).length;
    const agentsComplete = everyAgentRanEverything(raw);
    const linesSent = finals.reduce((n, f) => n + f.linesSent, 0);

    const report = {
      agents: AGENTS, shards: SHARDS, packageKiB: PACKAGE_KIB, actionMs: ACTION_MS, acquireParallelism: ACQUIRE, registered,
      connectMs: Math.max(...connects.map((c) => c.ms)),
      fleetRssPerAgentKB: connects.reduce((s, c) => s + c.rssKb * c.registered, 0) / registered,
      fleetHeapPerAgentKB: connects.reduce((s, c) => s + c.heapKb * c.registered, 0) / registered,
      serverRssPerAgentKB: (serverRssConnected - serverRssBefore) / registered,
      serverRssMB: { before: serverRssBefore / 1024, connected: serverRssConnected / 1024, afterDeployment: serverRssDeployed / 1024 },
      serverCpuIdle: cpuShare(idle), serverCpuDeploying: cpuShare(deploying), serverEventLoopP99Ms: deploying.eventLoopDelayMs.p99,
      task: { state: task.State, durationS, error: task.ErrorMessage },
      logCheck: { agentsWithEveryStepOnce: agentsComplete, runningLines: running, expectedRunning: AGENTS * 5, acquiredLines: acquired, expectedAcquired: AGENTS * 4, agentLinesInLog: agentLines, linesSentByAgents: linesSent },
      fleetErrors: finals.reduce((n, f) => n + f.errors, 0), reconnects: finals.reduce((n, f) => n + f.reconnects, 0), lastError: finals.find((f) => f.lastError)?.lastError ?? '',
    };
    console.log(JSON.stringify(report, null, 2));
    const ok = task.State === 'Success' && agentsComplete === AGENTS && running === AGENTS * 5 && acquired === AGENTS * 4 && agentLines === linesSent && registered === AGENTS;
    console.log(ok ? `OK: ${AGENTS} agents, every step on every agent, ${linesSent} agent lines each in the task log exactly once` : 'CHECK FAILED');
    await mkdir('reports/fleet-bench', { recursive: true });
    await writeFile(`reports/fleet-bench/${new Date().toISOString().replace(/[:.]/g, '-')}-${AGENTS}.json`, JSON.stringify(report, null, 2));
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
