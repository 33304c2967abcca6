// The process exit codes: a numbered public contract (documented in the README, kept in sync by a test).
export const ExitCode = {
  /** Everything ran; for `run`, every point completed and no gate failed. */
  Ok: 0,
  /** A bug in octobench: an unexpected exception. */
  Internal: 1,
  /** Invalid input: CLI flags, scenario or fixture files, baselines. Nothing was run. */
  InvalidInput: 2,
  /** A regression gate failed (the run itself completed). */
  GateFailed: 3,
  /** The environment is not usable: port in use, server unreachable, missing system tool. */
  Environment: 4,
  /** Interrupted by the user (SIGINT) before the work finished; partial output is marked as such. */
  Interrupted: 130,
} as const;

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];
