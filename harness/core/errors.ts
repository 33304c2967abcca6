// Coded errors for the harness. One table: every OCTOBENCH_ERR_* code with its meaning and the exit
// code the CLI maps it to. Commands throw OctobenchError; only the CLI entry turns them into exit codes.
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

export const ERROR_CODES = {
  OCTOBENCH_ERR_INTERNAL: { exit: ExitCode.Internal, meaning: 'Unexpected internal error (a bug).' },
  OCTOBENCH_ERR_INVALID_ARGUMENT: { exit: ExitCode.InvalidInput, meaning: 'A command-line flag or argument is invalid.' },
  OCTOBENCH_ERR_FIXTURE_READ: { exit: ExitCode.InvalidInput, meaning: 'A fixture file could not be read or parsed.' },
  OCTOBENCH_ERR_FIXTURE_INVALID: { exit: ExitCode.InvalidInput, meaning: 'A fixture description failed validation; every problem is listed.' },
  OCTOBENCH_ERR_SCENARIO_READ: { exit: ExitCode.InvalidInput, meaning: 'A scenario file could not be read.' },
  OCTOBENCH_ERR_SCENARIO_INVALID: { exit: ExitCode.InvalidInput, meaning: 'A scenario is not valid YAML or failed validation; every problem is listed with its path.' },
  OCTOBENCH_ERR_SERVER_LISTEN: { exit: ExitCode.Environment, meaning: 'The server could not listen on the requested host and port.' },
  OCTOBENCH_ERR_SERVER_UNREACHABLE: { exit: ExitCode.Environment, meaning: 'The scenario\'s server did not answer GET /api (or could not be started); nothing was loaded.' },
  OCTOBENCH_ERR_SERVER_REJECTED: { exit: ExitCode.Environment, meaning: 'The server answered but cannot run the scenario (API key refused, space missing, not Octopus-compatible).' },
  OCTOBENCH_ERR_API_KEY_MISSING: { exit: ExitCode.InvalidInput, meaning: 'The environment variable named by server.apiKeyEnv is not set.' },
  OCTOBENCH_ERR_RESULTS_WRITE: { exit: ExitCode.Environment, meaning: 'The results could not be written to the output directory.' },
  OCTOBENCH_ERR_PROXY: { exit: ExitCode.Environment, meaning: 'The userspace delay proxy could not start.' },
  OCTOBENCH_ERR_POINTS_FAILED: { exit: ExitCode.Environment, meaning: 'The run finished but some points failed (the server answered errors); results.json lists them.' },
  OCTOBENCH_ERR_INTERRUPTED: { exit: ExitCode.Interrupted, meaning: 'The run was interrupted; results.json keeps the finished points, marked incomplete.' },
  OCTOBENCH_ERR_FLEET_CONNECT: { exit: ExitCode.Environment, meaning: 'Live agents could not all register with the server (unreachable, API key refused, no polling endpoint).' },
  OCTOBENCH_ERR_RESULTS_READ: { exit: ExitCode.InvalidInput, meaning: 'A results.json file could not be read or is not JSON.' },
  OCTOBENCH_ERR_RESULTS_INVALID: { exit: ExitCode.InvalidInput, meaning: 'A results.json file does not match the results schema; every problem is listed with its path.' },
  OCTOBENCH_ERR_REPORT_WRITE: { exit: ExitCode.Environment, meaning: 'The report could not be written to the output directory.' },
  OCTOBENCH_ERR_REPORT_FONT_MISSING: { exit: ExitCode.Environment, meaning: 'The chart font file is missing, so PNG charts would render without text.' },
  OCTOBENCH_ERR_GATE_FAILED: { exit: ExitCode.GateFailed, meaning: 'octobench gate: a point regressed beyond the tolerance, or a baseline point is missing from the current run.' },
  OCTOBENCH_ERR_CALIBRATION_LIVE: { exit: ExitCode.Environment, meaning: 'A live calibration point did not succeed (its task failed or was interrupted) or gave no usable timings, so nothing was fitted.' },
} as const satisfies Record<string, { exit: ExitCodeValue; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One validation problem: where (a path such as `projects[2].steps`) and what. */
export interface Problem {
  path: string;
  message: string;
}

export class OctobenchError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message: string, options: { problems?: readonly Problem[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OctobenchError';
    this.code = code;
    this.problems = options.problems ?? [];
  }

  get exitCode(): ExitCodeValue {
    return ERROR_CODES[this.code].exit;
  }

  /** Human-readable, with every problem on its own line. */
  describe(): string {
    const lines = [`${this.code}: ${this.message}`];
    for (const p of this.problems) lines.push(`  ${p.path || '(root)'}: ${p.message}`);
    return lines.join('\n');
  }
}

export function isOctobenchError(e: unknown): e is OctobenchError {
  return e instanceof OctobenchError;
}
