// The commander program: one file per command under commands/, registered here. Commands throw coded
// errors; they never exit the process (harness/cli/main.ts maps errors to exit codes).
import { Command } from 'commander';
import { registerServe } from './commands/serve.js';
import { registerFleet } from './commands/fleet.js';
import { registerFeed } from './commands/feed.js';
import { registerRun } from './commands/run.js';
import { registerReport } from './commands/report.js';
import { registerQuickstart } from './commands/quickstart.js';
import { registerCalibrate } from './commands/calibrate.js';
import { registerGate } from './commands/gate.js';
import type { CommandIo } from './io.js';
import { OCTOBENCH_VERSION } from '../version.js';

export function buildProgram(io: CommandIo): Command {
  const program = new Command()
    .name('octobench')
    .description('Benchmark and load-simulation harness for Octopus-compatible deployment servers')
    .version(OCTOBENCH_VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  registerServe(program, io);
  registerFleet(program, io);
  registerFeed(program, io);
  registerRun(program, io);
  registerReport(program, io);
  registerQuickstart(program, io);
  registerCalibrate(program, io);
  registerGate(program, io);
  return program;
}
