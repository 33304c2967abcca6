// The modelled fleet: the engine's Fleet seam in virtual time. A command's duration comes from the
// network model (flows over Topology routes, max-min shared) and the target model:
// - acquire: cached → one RTT (Calamari finds the version in its cache); pull/push → one flow of the
//   package bytes; delta → the signature flow, then the delta flow. Extraction is not part of
//   acquisition: it happens in the step that deploys the package.
// - run: RTT (dispatch and completion) + variables bytes over the target's downlink (not shared;
//   small next to packages) + scriptMs(stepMs) + extractMs(package bytes of the action).
// Each command draws its fate (ok / connection dropped / script failed) from the target's own stream
// random.fork('sim-fleet/fate', index), two draws per command. Drops happen where the live agent has
// them (harness/fleet/live/agent-commands.ts): a push or delta breaks halfway through the bytes the
// server sends and fails as dropped (the engine retries it, so the half already sent is wasted); a
// pull breaks halfway and the agent downloads again 1 s later, so the command still succeeds; a cache
// hit never drops; a script runs its full time, then drops or fails. Runs report their output
// as logVolume(lines, bytes). Per-target completion times and live transfer counts are kept for metrics.
import type { SeededRandom, RandomStream } from '../core/random.js';
import type { SimKernel } from '../sim/kernel.js';
import type { FlowNetwork } from '../sim/network.js';
import type { FlowHandle, Link } from '../sim/flow-model.js';
import { UtilisationMeter } from '../sim/utilisation.js';
import { commandFate, DROP_AT_FRACTION, extractMs, FEED_RETRY_DELAY_MS, mbpsToBytesPerMs, scriptMs, type TargetModel } from '../fleet/model/index.js';
import type { CommandCallbacks, CommandHandle, CommandOutcome, Fleet, FleetCommand } from '../../mock-server/engine/types.js';
import { variableSetBytes } from './server-resources.js';
import type { Topology } from './topology.js';

/** Action property that overrides the reference script time of one action, ms. */
export const SIM_DURATION_PROPERTY = 'Octobench.Sim.DurationMs';

export interface SimFleetOptions {
  kernel: SimKernel;
  network: FlowNetwork;
  topology: Topology;
  random: SeededRandom;
  targets: readonly TargetModel[];
  /** Reference script time of a step on the reference machine, ms. */
  stepMs: number;
  logLinesPerStep: number;
  logBytesPerLine: number;
}

export class SimFleet implements Fleet {
  /** Package transfers (flows of acquisitions) in progress over time. */
  readonly transfers: UtilisationMeter;
  /** Time each target's latest successful run command ended (NaN: none yet), by target index. */
  readonly lastRunEnd: Float64Array;
  commands = 0;
  private readonly index = new Map<string, number>();
  private readonly fates: (RandomStream | undefined)[];
  private readonly variableBytes = new WeakMap<Record<string, string>, number>();
  private active = 0;

  constructor(private readonly o: SimFleetOptions) {
    o.targets.forEach((t, i) => this.index.set(t.id, i));
    this.fates = new Array<RandomStream | undefined>(o.targets.length);
    this.lastRunEnd = new Float64Array(o.targets.length).fill(NaN);
    this.transfers = new UtilisationMeter(o.kernel, 1, { recordSamples: true });
  }

  execute(command: FleetCommand, callbacks: CommandCallbacks): CommandHandle {
    this.commands++;
    const i = this.index.get(command.target.id);
    const target = i === undefined ? undefined : this.o.targets[i];
    if (i === undefined || target === undefined) {
      callbacks.done({ status: 'failed', error: `unknown target ${command.target.id}` });
      return NOTHING_TO_CANCEL;
    }
    const stream = (this.fates[i] ??= this.o.random.fork('sim-fleet/fate', i));
    const fate = commandFate(target.failures, command.kind === 'run', stream.next(), stream.next());
    const dropped = fate === 'disconnected';
    // As the live agent: a cache hit answers without a transfer, and a broken feed download is the
    // agent's own to retry, so neither fails the command.
    const absorbsDrop = command.kind === 'acquire' && (command.transfer.kind === 'cached' || command.transfer.kind === 'pull');
    const outcome = fate === 'ok' || (dropped && absorbsDrop) ? SUCCESS : dropped ? DROPPED : SCRIPT_FAILED;
    const sim = new SimCommand(this, command.kind === 'run' ? i : -1, outcome, callbacks);
    sim.cancelWork = command.kind === 'run' ? this.run(command, target, sim) : this.acquire(command, target, sim, dropped);
    return sim;
  }

  /** @internal A run command on target i ended (SimCommand): log volume and the target's last success. */
  runEnded(i: number, outcome: CommandOutcome, callbacks: CommandCallbacks): void {
    callbacks.logVolume?.(this.o.logLinesPerStep, this.o.logLinesPerStep * this.o.logBytesPerLine);
    if (outcome.status === 'success') this.lastRunEnd[i] = this.o.kernel.now();
  }

  private run(command: Extract<FleetCommand, { kind: 'run' }>, target: TargetModel, sim: SimCommand): Cancellable {
    let varBytes = this.variableBytes.get(command.variables);
    if (varBytes === undefined) this.variableBytes.set(command.variables, (varBytes = variableSetBytes(command.variables)));
    const reference = Number(command.action.properties[SIM_DURATION_PROPERTY] ?? this.o.stepMs);
    let packageBytes = 0;
    for (const p of command.action.packages) if (p.acquisitionLocation !== 'NotAcquired') packageBytes += p.sizeBytes;
    const ms = target.rttMs + varBytes / mbpsToBytesPerMs(target.downlinkMbps) + scriptMs(target, reference) + extractMs(target, packageBytes);
    return this.o.kernel.setTimer(ms, sim.finish);
  }

  /** The transfer's flows; with `dropped`, the connection breaks DROP_AT_FRACTION of the way through
   *  the bytes the server sends (a pull then starts over from the feed after FEED_RETRY_DELAY_MS). */
  private acquire(command: Extract<FleetCommand, { kind: 'acquire' }>, target: TargetModel, sim: SimCommand, dropped: boolean): Cancellable {
    const { topology } = this.o;
    const t = command.transfer;
    const sent = (bytes: number): number => (dropped ? Math.floor(bytes * DROP_AT_FRACTION) : bytes);
    switch (t.kind) {
      case 'cached':
        return this.o.kernel.setTimer(target.rttMs, sim.finish);
      case 'pull': {
        const route = topology.pullRoute(target);
        if (!dropped) return this.flow(route, t.bytes, sim.finish);
        return this.sequence([
          (next) => this.flow(route, sent(t.bytes), next),
          (next) => this.o.kernel.setTimer(FEED_RETRY_DELAY_MS, next),
          (next) => this.flow(route, t.bytes, next),
        ], sim.finish);
      }
      case 'push':
        return this.flow(topology.pushRoute(target), sent(t.bytes), sim.finish);
      case 'delta':
        return this.sequence([
          (next) => this.flow(topology.signatureRoute(target), t.signatureBytes, next),
          (next) => this.flow(topology.pushRoute(target), sent(t.deltaBytes), next),
        ], sim.finish);
    }
  }

  /** Runs stages one after another (each starts when the previous calls next); cancel stops the current one. */
  private sequence(stages: readonly ((next: () => void) => Cancellable)[], onDone: () => void): Cancellable {
    let current: Cancellable = NOTHING_TO_CANCEL;
    let k = -1;
    const next = (): void => {
      const stage = ++k;
      if (stage === stages.length) {
        current = NOTHING_TO_CANCEL;
        return onDone();
      }
      const started = stages[stage]!(next);
      if (k === stage) current = started; // unless the stage already finished synchronously
    };
    next();
    return { cancel: () => current.cancel() };
  }

  /** One transfer flow, counted in `transfers` from its start (latency included) to its end. */
  private flow(route: Link[], bytes: number, onDone: () => void): Cancellable {
    this.setActive(+1);
    let open = true;
    const close = (): void => {
      if (!open) return;
      open = false;
      this.setActive(-1);
    };
    const handle: FlowHandle = this.o.network.startFlow({ route, bytes, onDone: () => { close(); onDone(); } });
    return {
      cancel: () => {
        handle.cancel();
        close();
      },
    };
  }

  private setActive(delta: number): void {
    this.active += delta;
    this.transfers.set(this.active);
  }
}

const SUCCESS: CommandOutcome = Object.freeze({ status: 'success' });
const DROPPED: CommandOutcome = Object.freeze({ status: 'failed', error: 'The connection to the target was dropped', connectionDropped: true });
const SCRIPT_FAILED: CommandOutcome = Object.freeze({ status: 'failed', error: 'The remote script failed with exit code 1' });

/** One modelled command: its drawn outcome, reported once when its work ends, unless cancelled first. */
class SimCommand implements CommandHandle {
  cancelWork: Cancellable = NOTHING_TO_CANCEL;
  private ended = false;

  constructor(
    private readonly fleet: SimFleet,
    /** The target's index for a run command, -1 for an acquisition. */
    private readonly runTarget: number,
    private readonly outcome: CommandOutcome,
    private readonly callbacks: CommandCallbacks,
  ) {}

  /** The work ended (a timer or the last flow): report the outcome. */
  readonly finish = (): void => {
    if (this.ended) return;
    this.ended = true;
    if (this.runTarget >= 0) this.fleet.runEnded(this.runTarget, this.outcome, this.callbacks);
    this.callbacks.done(this.outcome);
  };

  cancel(): void {
    if (this.ended) return;
    this.ended = true;
    this.cancelWork.cancel();
    this.callbacks.done({ status: 'cancelled' });
  }
}

interface Cancellable {
  cancel(): void;
}

function noop(): void {}

const NOTHING_TO_CANCEL: Cancellable = { cancel: noop };
