// Activity-tree bookkeeping: creating nodes and moving them through their statuses with clock times.
// The tree is plain data (types.ts ActivityNode); rendering it as Octopus JSON or raw text lives in
// log-format.ts. Ids are deterministic: the root is the task id, every other node `<taskId>_<n>`.
import type { ActivityNode, ActivityStatus } from './types.js';

/** Success, Failed, Skipped, SuccessWithWarning or Canceled (a plain comparison: this is on the hot path). */
export function isFinalStatus(status: ActivityStatus): boolean {
  return status !== 'Pending' && status !== 'Running';
}

export function createNode(id: string, name: string, showAtSummaryLevel: boolean): ActivityNode {
  return { id, name, status: 'Pending', showAtSummaryLevel, children: [], logElements: [] };
}

/** Pending → Running, stamping `started`. A node that already started or ended is left alone. */
export function startNode(node: ActivityNode, now: number): void {
  if (node.status !== 'Pending') return;
  node.status = 'Running';
  node.started = now;
}

/** Moves a node to a final status once; later calls are ignored, so the first outcome wins. */
export function endNode(node: ActivityNode, status: ActivityStatus, now: number): void {
  if (isFinalStatus(node.status)) return;
  node.status = status;
  if (node.started === undefined && status !== 'Skipped') node.started = now;
  node.ended = now;
}

/** Marks every node of the subtree that has not ended yet with `status` (used when a task is canceled). */
export function endOpenNodes(root: ActivityNode, status: ActivityStatus, now: number): void {
  const stack: ActivityNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!isFinalStatus(node.status)) endNode(node, status, now);
    for (const child of node.children) stack.push(child);
  }
}

/** Counts log elements in a subtree (tests and metrics). */
export function countLogElements(root: ActivityNode): number {
  let total = 0;
  const stack: ActivityNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    total += node.logElements.length;
    for (const child of node.children) stack.push(child);
  }
  return total;
}
