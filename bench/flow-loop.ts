// Benchmark helper: operations per second of the legacy create-release flow (16 sequential calls,
// following Links) vs the single Executions call, each run by a closed model of N concurrent users over
// keep-alive connections.
import { RealClock } from '../harness/core/clock.js';
import { runClosed } from '../harness/load/closed-model.js';
import { createRelease } from '../harness/flows/legacy/index.js';
import { createUndiciTransport } from '../harness/flows/undici-transport.js';
import { BENCH_API_KEY } from './server-process.js';

export async function flowsPerSecond(url: string, api: 'legacy' | 'executions', durationMs: number, vus: number): Promise<{ rate: number; p99: number; errors: number }> {
  const clock = new RealClock();
  const transport = createUndiciTransport({ baseUrl: url, apiKey: BENCH_API_KEY });
  // Concurrent users would read the same next version from the template and race to a 409; the
  // benchmark gives every iteration its own version so that both APIs do the same, successful work.
  let serial = 0;
  const nextVersion = () => `${api === 'legacy' ? 7 : 8}.0.${serial++}`;
  const result = await runClosed({
    clock,
    vus,
    durationMs,
    iteration: async () => {
      if (api === 'legacy') {
        await createRelease(transport, { projectName: 'OctoPetShop', version: nextVersion() });
        return;
      }
      const body = { spaceId: 'Spaces-1', spaceIdOrName: 'Default', ProjectName: 'OctoPetShop', ReleaseVersion: nextVersion() };
      const res = await transport.request({ method: 'POST', path: '/api/Spaces-1/releases/create/v1', body });
      if (res.status !== 201) throw new Error(`create-release answered ${res.status}`);
    },
  });
  const seconds = (result.endedAt - result.startedAt) / 1000;
  return { rate: result.iterations / seconds, p99: result.histogram.summary('ms').p99, errors: result.errors };
}
