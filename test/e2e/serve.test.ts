// Spawns the built CLI (dist/, made by `npm ci`/`npm test`): serve prints its URL, answers, and exits 0
// on SIGINT within 2 s; bad flags exit with the invalid-input code before anything starts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/harness/cli/main.js', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

function start(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [cli, ...args], { stdio: 'pipe' });
  children.push(child);
  return child;
}

async function firstLineMatching(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpMatchArray> {
  let buffer = '';
  for await (const chunk of child.stdout) {
    buffer += String(chunk);
    const match = buffer.match(pattern);
    if (match) return match;
  }
  throw new Error(`process ended without printing ${pattern}; output: ${buffer}`);
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('octobench serve (built CLI)', () => {
  it('prints its URL, answers, and exits 0 on SIGINT within 2 s', async () => {
    const child = start(['serve', '--port', '0', '--api-key', 'API-E2ETESTKEY0000000']);
    const [, url] = await firstLineMatching(child, /^octobench server listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    expect(url).not.toMatch(/:0$/);
    const root = await request(`${url}/api`);
    expect(root.statusCode).toBe(200);
    expect(((await root.body.json()) as { Application: string }).Application).toBe('Octopus Deploy');
    const spaces = await request(`${url}/api/spaces`, { headers: { 'X-Octopus-ApiKey': 'API-E2ETESTKEY0000000' } });
    expect(spaces.statusCode).toBe(200);
    await spaces.body.dump();

    const signalledAt = performance.now();
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(performance.now() - signalledAt).toBeLessThan(2000);
  });

  it('prints a generated API key when none is given', async () => {
    const child = start(['serve', '--port', '0']);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const [, key] = await firstLineMatching(child, /^API key: (API-[A-Z0-9]+)$/m);
    expect(key).toMatch(/^API-[A-Z0-9]{26}$/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('rejects bad flags with exit 2, listing every problem, before listening', async () => {
    const child = start(['serve', '--port', 'abc', '--targets', '0']);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('OCTOBENCH_ERR_INVALID_ARGUMENT: serve: 2 invalid flags');
    expect(stderr).toContain("--port: must be a whole number, got 'abc'");
    expect(stderr).toContain('--targets: must be between 1 and 1000000, got 0');
    expect(stdout).not.toContain('listening');
  });

  it('exits 4 when the port is taken', async () => {
    const first = start(['serve', '--port', '0', '--api-key', 'API-E2ETESTKEY0000000']);
    const [, port] = await firstLineMatching(first, /listening on http:\/\/127\.0\.0\.1:(\d+)$/m);
    const second = start(['serve', '--port', port!, '--api-key', 'API-E2ETESTKEY0000000']);
    let stderr = '';
    second.stderr.on('data', (d) => (stderr += String(d)));
    const [code] = await once(second, 'exit');
    expect(code).toBe(4);
    expect(stderr).toContain('OCTOBENCH_ERR_SERVER_LISTEN');
  });

  it('answers --help with exit 0', async () => {
    const child = start(['--help']);
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout).toContain('serve');
  });
});
