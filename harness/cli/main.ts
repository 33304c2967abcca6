#!/usr/bin/env node
// CLI entry: the only place that turns errors into exit codes and ends the process.
import { CommanderError } from 'commander';
import { argv, exitProcess, writeErr } from '../core/env.js';
import { ExitCode } from '../core/exit-codes.js';
import { isOctobenchError } from '../core/errors.js';
import { exitCodeFor } from './exit.js';
import { processIo } from './io.js';
import { buildProgram } from './program.js';

async function main(): Promise<number> {
  try {
    await buildProgram(processIo()).parseAsync(argv());
    return ExitCode.Ok;
  } catch (error) {
    if (isOctobenchError(error)) writeErr(error.describe());
    else if (!(error instanceof CommanderError)) writeErr(`OCTOBENCH_ERR_INTERNAL: ${(error as Error)?.stack ?? String(error)}`);
    return exitCodeFor(error);
  }
}

// Exit explicitly: a server's engine may still hold timers for deployments in progress.
exitProcess(await main());
