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
import type { CommandCallbacks, CommandHandle, CommandOutcome, Fleet, FleetCommand, ServerResources } from '../../mock-server/engine/types.js';
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

  constructor(private readonly kernel: SimKernel, private readonly cpu: ServerCpu, private readonly model: ServerModel) {
    this.inFlightCores = model.cpuPerInFlightCommandPerSecMs / 1000;
  }

  execute(command: FleetCommand, fleet: Fleet, callbacks: CommandCallbacks): CommandHandle {
    const model = this.model;
    let fleetHandle: CommandHandle | undefined;
    let streaming: CpuJobHandle | undefined;
    let pending: CommandOutcome | undefined;
    let streamed = true;
    let finished = false;
    let completing: CpuJobHandle | undefined;
    const finish = (outcome: CommandOutcome): void => {
      if (finished || completing !== undefined) return;
      completing = this.cpu.submit(model.cpuPerActionMs / 2, () => {
        if (finished) return;
        finished = true;
        this.leave();
        callbacks.done(outcome);
      });
    };
    const dispatch = (): void => {
      this.enter();
      const pushed = command.kind === 'acquire' ? pushedBytes(command) : 0;
      if (pushed > 0 && model.cpuPerPushedMBMs > 0) {
        streamed = false;
        streaming = this.cpu.submit((pushed / MB) * model.cpuPerPushedMBMs, () => {
          streamed = true;
          if (pending !== undefined) finish(pending);
        });
      }
      fleetHandle = fleet.execute(command, {
        log: callbacks.log,
        logVolume: (lines, bytes) => callbacks.logVolume?.(lines, bytes),
        done: (outcome) => {
          if (outcome.status !== 'success' || streamed) {
            streaming?.cancel();
            return finish(outcome);
          }
          pending = outcome;
        },
      });
    };
    const prepare = this.cpu.submit(this.dispatchWork(command), dispatch);
    return {
      cancel: () => {
        if (finished) return;
        prepare.cancel();
        streaming?.cancel();
        if (completing !== undefined) {
          completing.cancel();
          finished = true;
          this.leave();
          return callbacks.done({ status: 'cancelled' });
        }
        if (fleetHandle !== undefined) return fleetHandle.cancel();
        finished = true;
        callbacks.done({ status: 'cancelled' });
      },
    };
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

  private dispatchWork(command: FleetCommand): number {
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

  private enter(): void {
    if (++this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
    if (this.inFlightCores > 0) this.cpu.addBackground(this.inFlightCores);
  }

  private leave(): void {
    this.inFlight--;
    if (this.inFlightCores > 0) this.cpu.addBackground(-this.inFlightCores);
  }
}

function pushedBytes(command: Extract<FleetCommand, { kind: 'acquire' }>): number {
  const t = command.transfer;
  return t.kind === 'push' ? transferBytes(t) : t.kind === 'delta' ? t.deltaBytes : 0;
}

function noop(): void {}
