// The only module that touches `process`: environment variables, stdout/stderr, signals, exit.
// Everything else receives what it needs from here as plain values or callbacks.

export function envVar(name: string): string | undefined {
  return process.env[name];
}

// A reader that goes away (`octobench serve | grep -m1 listening`) must not crash a running server:
// writes to a closed pipe are dropped instead of raising EPIPE as an uncaught error.
let pipesGuarded = false;
function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

export function writeOut(text: string): void {
  guardPipes();
  if (process.stdout.writable) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function writeErr(text: string): void {
  guardPipes();
  if (process.stderr.writable) process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function isTty(): boolean {
  return Boolean(process.stdout.isTTY);
}

export function colorEnabled(): boolean {
  return isTty() && process.env['NO_COLOR'] === undefined;
}

/** Calls handler once on the first SIGINT or SIGTERM; returns a function that removes the listeners. */
export function onShutdownSignal(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void {
  let fired = false;
  const listener = (signal: 'SIGINT' | 'SIGTERM') => {
    if (fired) return;
    fired = true;
    handler(signal);
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}

export function exitProcess(code: number): never {
  process.exit(code);
}

export function setExitCode(code: number): void {
  process.exitCode = code;
}

export function argv(): string[] {
  return process.argv;
}

export function cpuUsage(): NodeJS.CpuUsage {
  return process.cpuUsage();
}

export function memoryUsage(): NodeJS.MemoryUsage {
  return process.memoryUsage();
}

export function nodeVersion(): string {
  return process.version;
}

export function processId(): number {
  return process.pid;
}

/** The node binary and its flags (e.g. a TS loader), to start a child process of the same kind. */
export function nodeCommand(): { execPath: string; execArgv: string[] } {
  return { execPath: process.execPath, execArgv: [...process.execArgv] };
}

/** The node binary and its flags (e.g. `--import tsx`), for starting a child process of the same kind. */
export function nodeExecPath(): string {
  return process.execPath;
}

export function nodeExecArgv(): string[] {
  return process.execArgv;
}
