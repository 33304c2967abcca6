// The "Acquire packages" phase (§5.4): every (target, package) pair that the steps after the phase
// need, acquired through fleet `acquire` commands with at most Octopus.Acquire.MaxParallelism (default
// 10) in flight across the task. Pairs are ordered by target (first appearance), then package, and a
// package used by several actions on one target is acquired once. Acquisition does not take the
// per-target script mutex. The first failure stops new acquisitions and fails the task; pairs not yet
// started are Skipped in the tree. Each pair's transfer (cached, pull, full push or delta) is decided
// when it starts, from the target's package cache (package-transfer.ts); a success adds the version to
// the cache, so a version already on a target moves no bytes.
import { BoundedRunner } from './bounded-runner.js';
import { deltaEnabled, planTransfer, transferMessage } from './package-transfer.js';
import { endNode, startNode } from './activity.js';
import type { StepEntry } from './step-run.js';
import type { TaskScope } from './task-scope.js';
import type { ActivityNode, PlannedPackage, PlannedTarget } from './types.js';

export interface TargetAcquisitions {
  target: PlannedTarget;
  packages: PlannedPackage[];
}

/** The pairs to acquire for these steps, grouped by target in first-appearance order. */
export function planAcquisitions(entries: readonly StepEntry[], serverTarget: PlannedTarget): TargetAcquisitions[] {
  const byTarget = new Map<string, { group: TargetAcquisitions; seen: Set<string> }>();
  for (const { step, actions } of entries) {
    const targets = step.runOnServer ? [serverTarget] : step.targets;
    for (const action of actions) {
      for (const pkg of action.packages) {
        if (pkg.acquisitionLocation === 'NotAcquired') continue;
        const key = `${pkg.feedId}\u0000${pkg.packageId}\u0000${pkg.version}`;
        for (const target of targets) {
          let slot = byTarget.get(target.id);
          if (slot === undefined) {
            slot = { group: { target, packages: [] }, seen: new Set() };
            byTarget.set(target.id, slot);
          }
          if (slot.seen.has(key)) continue;
          slot.seen.add(key);
          slot.group.packages.push(pkg);
        }
      }
    }
  }
  return [...byTarget.values()].map((slot) => slot.group);
}

interface Pair {
  group: number;
  pkg: PlannedPackage;
}

export class AcquisitionRun {
  private readonly pairs: Pair[] = [];
  private readonly nodes: ActivityNode[] = [];
  private readonly remaining: number[] = [];
  private runner: BoundedRunner | undefined;
  private failed = false;

  constructor(
    private readonly scope: TaskScope,
    private readonly node: ActivityNode,
    private readonly groups: readonly TargetAcquisitions[],
    private readonly maxParallelism: number,
    private readonly onDone: () => void,
  ) {}

  start(): void {
    const scope = this.scope;
    startNode(this.node, scope.clock.now());
    this.groups.forEach((g, i) => {
      this.nodes.push(scope.newNode(this.node, g.target.name, false));
      this.remaining.push(g.packages.length);
      for (const pkg of g.packages) this.pairs.push({ group: i, pkg });
    });
    scope.log(this.node, 'Info', 'Acquiring packages');
    scope.log(this.node, 'Info', `Acquiring ${this.pairs.length} package transfer(s) for ${this.groups.length} target(s), at most ${this.maxParallelism} at a time`);
    this.runner = new BoundedRunner(this.pairs.length, this.maxParallelism, (i, done) => this.startPair(i, done), (n) => this.finish(n));
    this.runner.begin();
  }

  private startPair(index: number, pairDone: () => void): void {
    const scope = this.scope;
    if (scope.stopped) return pairDone();
    const { group, pkg } = this.pairs[index]!;
    const target = this.groups[group]!.target;
    const node = this.nodes[group]!;
    startNode(node, scope.clock.now());
    const transfer = planTransfer(pkg, scope.packageCache.versions(target.id, pkg.packageId), deltaEnabled(scope.plan.variables));
    const message = transferMessage(pkg, target.name, transfer);
    if (message !== undefined) scope.log(node, 'Info', message);
    scope.runCommand({ kind: 'acquire', taskId: scope.plan.taskId, target, pkg, transfer }, node, (outcome) => {
      if (outcome.status === 'success') {
        scope.packageCache.add(target.id, pkg.packageId, pkg.version);
        if (--this.remaining[group]! === 0) {
          scope.log(node, 'Info', `All packages acquired on ${target.name}`);
          endNode(node, 'Success', scope.clock.now());
        }
        return pairDone();
      }
      if (outcome.status === 'cancelled' && scope.stopped) return pairDone();
      const error = outcome.status === 'failed' ? outcome.error : 'The command was cancelled by the target';
      scope.log(node, 'Error', `Acquiring package ${pkg.packageId} ${pkg.version} failed on ${target.name}: ${error}`);
      endNode(node, 'Failed', scope.clock.now());
      this.failed = true;
      scope.fail(`The deployment failed because acquiring package ${pkg.packageId} ${pkg.version} failed on ${target.name}: ${error}`);
      this.runner?.stop();
      pairDone();
    });
  }

  private finish(started: number): void {
    const scope = this.scope;
    if (scope.stopped) return this.onDone();
    const now = scope.clock.now();
    const failed = this.failed;
    // After a failure, targets whose acquisitions did not all start end Skipped (started ones keep `started`).
    if (started < this.pairs.length) for (const node of this.nodes) endNode(node, 'Skipped', now);
    scope.log(this.node, failed ? 'Error' : 'Info', failed ? 'Package acquisition failed' : 'All packages have been acquired');
    endNode(this.node, failed ? 'Failed' : 'Success', now);
    this.onDone();
  }
}
