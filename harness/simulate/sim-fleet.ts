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
import type { TimerHandle } from '../core/clock.js';
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
      return { cancel: noop };
    }
    const stream = (this.fates[i] ??= this.o.random.fork('sim-fleet/fate', i));
    const fate = commandFate(target.failures, command.kind === 'run', stream.next(), stream.next());
    const outcome: CommandOutcome =
      fate === 'ok' ? { status: 'success' }
        : fate === 'disconnected' ? { status: 'failed', error: 'The connection to the target was dropped', connectionDropped: true }
          : { status: 'failed', error: 'The remote script failed with exit code 1' };
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      if (command.kind === 'run') {
        callbacks.logVolume?.(this.o.logLinesPerStep, this.o.logLinesPerStep * this.o.logBytesPerLine);
        if (outcome.status === 'success') this.lastRunEnd[i] = this.o.kernel.now();
      }
      callbacks.done(outcome);
    };
    const cancelWork = command.kind === 'run' ? this.run(command, target, finish) : this.acquire(command, target, finish);
    return {
      cancel: () => {
        if (finished) return;
        finished = true;
        cancelWork();
        callbacks.done({ status: 'cancelled' });
      },
    };
  }

  private run(command: Extract<FleetCommand, { kind: 'run' }>, target: TargetModel, finish: () => void): () => void {
    let varBytes = this.variableBytes.get(command.variables);
    if (varBytes === undefined) this.variableBytes.set(command.variables, (varBytes = variableSetBytes(command.variables)));
    const reference = Number(command.action.properties[SIM_DURATION_PROPERTY] ?? this.o.stepMs);
    let packageBytes = 0;
    for (const p of command.action.packages) if (p.acquisitionLocation !== 'NotAcquired') packageBytes += p.sizeBytes;
    const ms = target.rttMs + varBytes / mbpsToBytesPerMs(target.downlinkMbps) + scriptMs(target, reference) + extractMs(target, packageBytes);
    const timer: TimerHandle = this.o.kernel.setTimer(ms, finish);
    return () => timer.cancel();
  }

  private acquire(command: Extract<FleetCommand, { kind: 'acquire' }>, target: TargetModel, finish: () => void): () => void {
    const { topology } = this.o;
    const t = command.transfer;
    switch (t.kind) {
      case 'cached': {
        const timer = this.o.kernel.setTimer(target.rttMs, finish);
        return () => timer.cancel();
      }
      case 'pull':
        return this.flow(topology.pullRoute(target), t.bytes, finish);
      case 'push':
        return this.flow(topology.pushRoute(target), t.bytes, finish);
      case 'delta': {
        let cancelNext = noop;
        const cancelFirst = this.flow(topology.signatureRoute(target), t.signatureBytes, () => {
          cancelNext = this.flow(topology.pushRoute(target), t.deltaBytes, finish);
        });
        return () => {
          cancelFirst();
          cancelNext();
        };
      }
    }
  }

  /** One transfer flow, counted in `transfers` from its start (latency included) to its end. */
  private flow(route: Link[], bytes: number, onDone: () => void): () => void {
    this.setActive(+1);
    let open = true;
    const close = (): void => {
      if (!open) return;
      open = false;
      this.setActive(-1);
    };
    const handle: FlowHandle = this.o.network.startFlow({ route, bytes, onDone: () => { close(); onDone(); } });
    return () => {
      handle.cancel();
      close();
    };
  }

  private setActive(delta: number): void {
    this.active += delta;
    this.transfers.set(this.active);
  }
}

function noop(): void {}
