// The embedded fleet: in-process targets for the reference server when no live agents are attached.
// Each command takes modelled time through clock.setTimer: actions ~actionMs (uniform within
// ±actionJitter), acquisitions acquireMsPerMiB per MiB that the transfer moves (same jitter; a cached
// package moves nothing). Log lines are spread
// evenly over the command's duration (the first at its start). Actions fail with probability
// failureRate; acquisitions never fail. Draws come from one seeded stream per target
// (random.fork('embedded-fleet/<target id>', 0)), two draws per command, so a target's behaviour
// depends only on the seed and the commands it received. Cancel stops the timers and reports
// `cancelled` on the next tick.
import type { Clock, TimerHandle } from '../../harness/core/clock.js';
import type { RandomStream, SeededRandom } from '../../harness/core/random.js';
import { transferBytes } from './package-transfer.js';
import type { CommandCallbacks, CommandHandle, Fleet, FleetCommand } from './types.js';

export interface EmbeddedFleetProfile {
  /** Median action duration in ms. */
  actionMs: number;
  /** Relative spread: durations are uniform in [actionMs·(1−j), actionMs·(1+j)]. */
  actionJitter: number;
  /** Acquisition time per MiB of package. */
  acquireMsPerMiB: number;
  /** Log lines each action sends (at least 1). */
  logLinesPerAction: number;
  /** Probability in [0, 1] that an action fails. */
  failureRate: number;
}

export const DEFAULT_EMBEDDED_FLEET_PROFILE: Readonly<EmbeddedFleetProfile> = Object.freeze({
  actionMs: 40,
  actionJitter: 0.5,
  acquireMsPerMiB: 2,
  logLinesPerAction: 3,
  failureRate: 0,
});

const MIB = 1024 * 1024;

function actionLines(command: Extract<FleetCommand, { kind: 'run' }>, n: number): string[] {
  const { action, target } = command;
  const lines = [`Running ${action.name} on ${target.name}`];
  for (let i = 1; i < n - 1; i++) lines.push(`${action.actionType}: step output ${i} of ${n - 2}`);
  if (n > 1) lines.push(`${action.name} finished on ${target.name}`);
  return lines;
}

function acquireLines(command: Extract<FleetCommand, { kind: 'acquire' }>): string[] {
  const { pkg, target, transfer } = command;
  if (transfer.kind === 'cached') return [`Package ${pkg.packageId} ${pkg.version} found in the package cache on ${target.name}`];
  const how = pkg.acquisitionLocation === 'Server' ? 'Uploading' : 'Downloading';
  return [`${how} package ${pkg.packageId} ${pkg.version} (${transferBytes(transfer)} bytes) to ${target.name}`, `Package ${pkg.packageId} ${pkg.version} acquired on ${target.name}`];
}

export function createEmbeddedFleet(o: { clock: Clock; random: SeededRandom } & Partial<EmbeddedFleetProfile>): Fleet {
  const profile: EmbeddedFleetProfile = {
    actionMs: o.actionMs ?? DEFAULT_EMBEDDED_FLEET_PROFILE.actionMs,
    actionJitter: o.actionJitter ?? DEFAULT_EMBEDDED_FLEET_PROFILE.actionJitter,
    acquireMsPerMiB: o.acquireMsPerMiB ?? DEFAULT_EMBEDDED_FLEET_PROFILE.acquireMsPerMiB,
    logLinesPerAction: Math.max(1, Math.floor(o.logLinesPerAction ?? DEFAULT_EMBEDDED_FLEET_PROFILE.logLinesPerAction)),
    failureRate: o.failureRate ?? DEFAULT_EMBEDDED_FLEET_PROFILE.failureRate,
  };
  const { clock, random } = o;
  const streams = new Map<string, RandomStream>();
  const streamFor = (targetId: string): RandomStream => {
    let s = streams.get(targetId);
    if (s === undefined) {
      s = random.fork(`embedded-fleet/${targetId}`, 0);
      streams.set(targetId, s);
    }
    return s;
  };

  return {
    execute(command: FleetCommand, callbacks: CommandCallbacks): CommandHandle {
      const stream = streamFor(command.target.id);
      const spread = 1 + profile.actionJitter * (2 * stream.next() - 1);
      const failDraw = stream.next();
      const baseMs = command.kind === 'run' ? profile.actionMs : (transferBytes(command.transfer) / MIB) * profile.acquireMsPerMiB;
      const durationMs = Math.max(0, baseMs * spread);
      const fails = command.kind === 'run' && failDraw < profile.failureRate;
      const lines = command.kind === 'run' ? actionLines(command, profile.logLinesPerAction) : acquireLines(command);
      const timers: TimerHandle[] = [];
      let finished = false;
      const finish = (): void => {
        finished = true;
        if (fails) callbacks.log('Error', `The remote script failed with exit code 1`);
        callbacks.done(fails ? { status: 'failed', error: 'The remote script failed with exit code 1' } : { status: 'success' });
      };
      callbacks.log('Info', lines[0]!);
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]!;
        timers.push(clock.setTimer((durationMs * i) / lines.length, () => callbacks.log('Info', line)));
      }
      timers.push(clock.setTimer(durationMs, finish));
      return {
        cancel(): void {
          if (finished) return;
          finished = true;
          for (const t of timers) t.cancel();
          clock.setTimer(0, () => callbacks.done({ status: 'cancelled' }));
        },
      };
    },
  };
}
