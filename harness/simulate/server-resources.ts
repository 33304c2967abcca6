// The simulator's ServerResources (the engine seam): what each command costs the modelled server.
// - Before dispatch: half of cpuPerActionMs (StartScript), plus variables serialisation for a run
//   command and the Octodiff delta computation (∝ package size) for a delta push.
// - After the fleet reports: the other half (noticing completion, CompleteScript, task state writes);
//   under saturation this queues behind everything else, so done is late too.
// - While in flight (dispatch to done): cpuPerInFlightCommandPerSecMs of background CPU.
// - A push or delta also needs streaming CPU (∝ bytes pushed), run alongside the transfer: the command
//   is done when both the fleet reports and the streaming job is served.
// - Every ingested log line costs cpuPerLogLineMs + cpuPerLogKBMs per KB, fire and forget; lines and
//   bytes are counted per task (task log size). The lines of one instant become one CPU job.
import { transferBytes } from '../../mock-server/engine/index.js';
import type { CommandCallbacks, CommandHandle, CommandOutcome, Fleet, FleetCommand, LogCategory, ServerResources } from '../../mock-server/engine/types.js';
import type { SimKernel } from '../sim/kernel.js';
import { FLUSH_PRIORITY, type ServerCpu, type CpuJobHandle } from './server-cpu.js';
import type { ServerModel } from './server-model.js';

const MB = 1_000_000;

/** Bytes and count of a variable set as sent with every step (name + value, UTF-16 length as bytes). */
export function variableSetBytes(variables: Record<string, string>): number {
  let bytes = 0;
  for (const key in variables) bytes += key.length + (variables[key]?.length ?? 0);
  return bytes;
}

export interface TaskLogSize {
  lines: number;
  bytes: number;
}

export class SimServerResources implements ServerResources {
  readonly logs = new Map<string, TaskLogSize>();
  /** Commands dispatched and not yet done, now and at most. */
  inFlight = 0;
  peakInFlight = 0;
  private readonly variableBytes = new WeakMap<Record<string, string>, number>();
  private readonly inFlightCores: number;
  private pendingLogWork = 0;

  constructor(private readonly kernel: SimKernel, readonly cpu: ServerCpu, readonly model: ServerModel) {
    this.inFlightCores = model.cpuPerInFlightCommandPerSecMs / 1000;
  }

  execute(command: FleetCommand, fleet: Fleet, callbacks: CommandCallbacks): CommandHandle {
    return new ModelledCommand(this, command, fleet, callbacks);
  }

  ingestLog(taskId: string, lines: number, bytes: number): void {
    let size = this.logs.get(taskId);
    if (size === undefined) this.logs.set(taskId, (size = { lines: 0, bytes: 0 }));
    size.lines += lines;
    size.bytes += bytes;
    const work = lines * this.model.cpuPerLogLineMs + (bytes / 1000) * this.model.cpuPerLogKBMs;
    if (work <= 0) return;
    if (this.pendingLogWork === 0) {
      this.kernel.schedule(this.kernel.now(), () => {
        const pending = this.pendingLogWork;
        this.pendingLogWork = 0;
        this.cpu.submit(pending, noop);
      }, FLUSH_PRIORITY - 1);
    }
    this.pendingLogWork += work;
  }

  /** @internal CPU work before a command is dispatched (ModelledCommand). */
  dispatchWork(command: FleetCommand): number {
    const model = this.model;
    let work = model.cpuPerActionMs / 2;
    if (command.kind === 'run') {
      let bytes = this.variableBytes.get(command.variables);
      if (bytes === undefined) this.variableBytes.set(command.variables, (bytes = variableSetBytes(command.variables)));
      work += (bytes / 1000) * model.cpuPerVariableKBMs;
    } else if (command.transfer.kind === 'delta') {
      work += (command.transfer.packageBytes / MB) * model.cpuPerDeltaMBMs;
    }
    return work;
  }

  /** @internal A command was dispatched / is done (ModelledCommand). */
  enter(): void {
    if (++this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
    if (this.inFlightCores > 0) this.cpu.addBackground(this.inFlightCores);
  }

  leave(): void {
    this.inFlight--;
    if (this.inFlightCores > 0) this.cpu.addBackground(-this.inFlightCores);
  }
}

/**
 * One command through the modelled server: the dispatch CPU job, then the fleet (whose callbacks this
 * object is), alongside it the streaming job of a push, then the completion job. One object per command
 * in flight (10,000 at once in a large deployment) rather than a closure per stage.
 */
class ModelledCommand implements CommandHandle, CommandCallbacks {
  private fleetHandle: CommandHandle | undefined = undefined;
  private streaming: CpuJobHandle | undefined = undefined;
  /** The fleet's success, held until the push's streaming job is served too. */
  private pending: CommandOutcome | undefined = undefined;
  private streamed = true;
  private finished = false;
  private completing: CpuJobHandle | undefined = undefined;
  private readonly prepare: CpuJobHandle;

  constructor(
    private readonly server: SimServerResources,
    private readonly command: FleetCommand,
    private readonly fleet: Fleet,
    private readonly callbacks: CommandCallbacks,
  ) {
    this.prepare = server.cpu.submit(server.dispatchWork(command), () => this.dispatch());
  }

  private dispatch(): void {
    const { server, command } = this;
    server.enter();
    const pushed = command.kind === 'acquire' ? pushedBytes(command) : 0;
    const perMB = server.model.cpuPerPushedMBMs;
    if (pushed > 0 && perMB > 0) {
      this.streamed = false;
      this.streaming = server.cpu.submit((pushed / MB) * perMB, () => {
        this.streamed = true;
        if (this.pending !== undefined) this.finish(this.pending);
      });
    }
    this.fleetHandle = this.fleet.execute(command, this);
  }

  log(category: LogCategory, message: string): void {
    this.callbacks.log(category, message);
  }

  logVolume(lines: number, bytes: number): void {
    this.callbacks.logVolume?.(lines, bytes);
  }

  /** The fleet's report. */
  done(outcome: CommandOutcome): void {
    if (outcome.status !== 'success' || this.streamed) {
      this.streaming?.cancel();
      return this.finish(outcome);
    }
    this.pending = outcome;
  }

  private finish(outcome: CommandOutcome): void {
    if (this.finished || this.completing !== undefined) return;
    this.completing = this.server.cpu.submit(this.server.model.cpuPerActionMs / 2, () => {
      if (this.finished) return;
      this.finished = true;
      this.server.leave();
      this.callbacks.done(outcome);
    });
  }

  cancel(): void {
    if (this.finished) return;
    this.prepare.cancel();
    this.streaming?.cancel();
    if (this.completing !== undefined) {
      this.completing.cancel();
      this.finished = true;
      this.server.leave();
      return this.callbacks.done({ status: 'cancelled' });
    }
    if (this.fleetHandle !== undefined) return this.fleetHandle.cancel();
    this.finished = true;
    this.callbacks.done({ status: 'cancelled' });
  }
}

function pushedBytes(command: Extract<FleetCommand, { kind: 'acquire' }>): number {
  const t = command.transfer;
  return t.kind === 'push' ? transferBytes(t) : t.kind === 'delta' ? t.deltaBytes : 0;
}

function noop(): void {}
