import { describe, expect, it } from 'vitest';
import { parseServeFlags } from '../../../harness/cli/commands/serve.js';
import { OctobenchError } from '../../../harness/core/errors.js';
import { ExitCode } from '../../../harness/core/exit-codes.js';

describe('serve flags', () => {
  it('applies the documented defaults', () => {
    const o = parseServeFlags({});
    expect(o).toMatchObject({ host: '127.0.0.1', port: 8065, seed: 1, apiKey: undefined, targets: undefined });
    expect(o.cost).toEqual({ requestLatencyMs: 0, queryLatencyMs: 0, requestWork: 0 });
  });

  it('reports every bad flag at once, with the invalid-input exit code', () => {
    let caught: unknown;
    try {
      parseServeFlags({ port: '70000', targets: 'many', seed: '-3', apiKey: 'secret', requestLatencyMs: 'x' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(OctobenchError);
    const err = caught as OctobenchError;
    expect(err.code).toBe('OCTOBENCH_ERR_INVALID_ARGUMENT');
    expect(err.exitCode).toBe(ExitCode.InvalidInput);
    expect(err.problems.map((p) => p.path)).toEqual(['--port', '--api-key', '--targets', '--seed', '--request-latency-ms']);
    expect(err.problems[0]!.message).toBe('must be between 0 and 65535, got 70000');
    expect(err.problems[2]!.message).toBe("must be a whole number, got 'many'");
  });

  it('accepts port 0 and a well-formed API key', () => {
    const o = parseServeFlags({ port: '0', apiKey: 'API-ABCDEFGHIJKLMNOP1234' });
    expect(o.port).toBe(0);
    expect(o.apiKey).toBe('API-ABCDEFGHIJKLMNOP1234');
  });
});
