// What a command may do to the outside world: print and wait for a shutdown signal. The CLI entry
// provides the real implementation (harness/core/env.ts); tests can provide their own.
import { onShutdownSignal, writeErr, writeOut } from '../core/env.js';

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves on the first SIGINT or SIGTERM. */
  untilShutdown(): Promise<void>;
}

export function processIo(): CommandIo {
  return {
    out: writeOut,
    err: writeErr,
    untilShutdown: () => new Promise((resolve) => onShutdownSignal(() => resolve())),
  };
}
