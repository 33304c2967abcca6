// Maps what a command threw to the documented exit code (harness/core/exit-codes.ts).
import { CommanderError } from 'commander';
import { ExitCode } from '../core/exit-codes.js';
import { isOctobenchError } from '../core/errors.js';

const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

export function exitCodeFor(error: unknown): number {
  if (isOctobenchError(error)) return error.exitCode;
  if (error instanceof CommanderError) return COMMANDER_OK.has(error.code) ? ExitCode.Ok : ExitCode.InvalidInput;
  return ExitCode.Internal;
}
