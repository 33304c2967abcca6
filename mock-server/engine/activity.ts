// Activity-tree bookkeeping: creating nodes and moving them through their statuses with clock times.
// The tree is plain data (types.ts ActivityNode); rendering it as Octopus JSON or raw text lives in
// log-format.ts. Ids are deterministic: the root is the task id, every other node `<taskId>_<n>`.
import type { ActivityLogElement, ActivityNode, ActivityStatus } from './types.js';

/** Success, Failed, Skipped, SuccessWithWarning or Canceled (a plain comparison: this is on the hot path). */
export function isFinalStatus(status: ActivityStatus): boolean {
  return status !== 'Pending' && status !== 'Running';
}

/** Every field is present from the start (started/ended as undefined), so a node keeps one shape and
 *  its times stay in-object instead of spilling into a property array when they are set. */
export function createNode(id: string, name: string, showAtSummaryLevel: boolean): ActivityNode {
  return { id, name, status: 'Pending', started: undefined, ended: undefined, showAtSummaryLevel, children: [], logElements: [] };
}

/** Appends a log element. Most nodes get one or two lines (a target's "Step succeeded"), so the first
 *  element gets an array of exactly one slot: a push onto an empty array reserves 17 (a third of the
 *  retained memory of a 10,000-target deployment). */
export function appendLog(node: ActivityNode, element: ActivityLogElement): void {
  if (node.logElements.length === 0) node.logElements = [element];
  else node.logElements.push(element);
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
