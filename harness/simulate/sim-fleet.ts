// The modelled fleet: the engine's Fleet seam in virtual time. A command's duration comes from the
// network model (flows over Topology routes, max-min shared) and the target model:
// - acquire: cached → one RTT (Calamari finds the version in its cache); pull/push → one flow of the
//   package bytes; delta → the signature flow, then the delta flow. Extraction is not part of
//   acquisition: it happens in the step that deploys the package.
// - run: RTT (dispatch and completion) + variables bytes over the target's downlink (not shared;
//   small next to packages) + scriptMs(stepMs) + extractMs(package bytes of the action).
// Each command draws its fate (ok / connection dropped / script failed) from the target's own stream
// random.fork('sim-fleet/fate', index), two draws per command; a dropped or failed command still
// takes its full time (the failure is noticed at the end; conservative). Runs report their output
// as logVolume(lines, bytes). Per-target completion times and live transfer counts are kept for metrics.
import type { SeededRandom, RandomStream } from '../core/random.js';
import type { SimKernel } from '../sim/kernel.js';
import type { FlowNetwork } from '../sim/network.js';
import type { FlowHandle, Link } from '../sim/flow-model.js';
import { UtilisationMeter } from '../sim/utilisation.js';
import { commandFate, extractMs, mbpsToBytesPerMs, scriptMs, type TargetModel } from '../fleet/model/index.js';
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
    const outcome = fate === 'ok' ? SUCCESS : fate === 'disconnected' ? DROPPED : SCRIPT_FAILED;
    const sim = new SimCommand(this, command.kind === 'run' ? i : -1, outcome, callbacks);
    sim.cancelWork = command.kind === 'run' ? this.run(command, target, sim) : this.acquire(command, target, sim);
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

  private acquire(command: Extract<FleetCommand, { kind: 'acquire' }>, target: TargetModel, sim: SimCommand): Cancellable {
    const finish = sim.finish;
    const { topology } = this.o;
    const t = command.transfer;
    switch (t.kind) {
      case 'cached':
        return this.o.kernel.setTimer(target.rttMs, finish);
      case 'pull':
        return this.flow(topology.pullRoute(target), t.bytes, finish);
      case 'push':
        return this.flow(topology.pushRoute(target), t.bytes, finish);
      case 'delta': {
        let second: Cancellable | undefined;
        const first = this.flow(topology.signatureRoute(target), t.signatureBytes, () => {
          second = this.flow(topology.pushRoute(target), t.deltaBytes, finish);
        });
        return {
          cancel: () => {
            first.cancel();
            second?.cancel();
          },
        };
      }
    }
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
