// librsync's `rdiff` (Debian package `rdiff`, installed by scripts/setup-system.sh) for real delta
// transfers: the target computes a signature of the version it has, the server a delta of the new
// version against it, the target patches. Octopus uses Octodiff, the same rsync-style algorithm (§5.4),
// with 2 KiB chunks; signatures here use the same block size.
import { execFile } from 'node:child_process';

export type RdiffCommand =
  | { op: 'signature'; basis: string; signature: string }
  | { op: 'delta'; signature: string; newFile: string; delta: string }
  | { op: 'patch'; basis: string; delta: string; newFile: string };

function argsOf(c: RdiffCommand): string[] {
  switch (c.op) {
    case 'signature': return ['--block-size=2048', 'signature', c.basis, c.signature];
    case 'delta': return ['delta', c.signature, c.newFile, c.delta];
    case 'patch': return ['patch', c.basis, c.delta, c.newFile];
  }
}

/** Runs one rdiff operation; rejects with rdiff's stderr when it fails or is missing. */
export function rdiff(command: RdiffCommand): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('rdiff', ['--force', ...argsOf(command)], { timeout: 600_000 }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`rdiff ${command.op} failed: ${String(stderr).trim() || error.message}`));
    });
  });
}
