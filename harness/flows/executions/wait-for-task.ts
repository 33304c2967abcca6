// "Wait for the task": a separate, named phase after an operation, as the official client's
// ServerTaskWaiter does it (octopus-api.md §2.3): poll `GET /api/{spaceId}/tasks?skip=0&take=300&ids=…`,
// drop completed tasks, sleep the poll interval after every poll (also the last), stop when none is left
// or the server lists none. A timeout ends the wait with the tasks still open (not an exception).
import type { Clock } from '../../core/clock.js';
import { FlowError } from '../errors.js';
import { RecordingClient, type CallRecord } from '../recording-client.js';
import type { HttpTransport } from '../transport.js';

export const TASKS_ROUTE = 'GET /api/{spaceId}/tasks?skip=0&take=300&ids={ids}';

export interface WaitOptions {
  clock: Clock;
  pollMs: number;
  timeoutMs: number;
  headers?: Record<string, string>;
}

export interface WaitResult {
  calls: CallRecord[];
  /** Final State per task id (only for tasks seen completed). */
  states: Record<string, string>;
  timedOut: boolean;
}

interface TaskItem { Id: string; IsCompleted: boolean; State: string }

export async function waitForTasks(t: HttpTransport, spaceId: string, taskIds: readonly string[], options: WaitOptions): Promise<WaitResult> {
  const client = new RecordingClient(t, { clock: options.clock, ...(options.headers ? { headers: { ...options.headers } } : {}) });
  const open = new Set(taskIds);
  const states: Record<string, string> = {};
  const deadline = options.clock.now() + options.timeoutMs;
  while (open.size > 0) {
    if (options.clock.now() >= deadline) return { calls: client.calls, states, timedOut: true };
    const ids = [...open].slice(0, 300).join(',');
    const page = await client.get<{ Items?: TaskItem[] }>(TASKS_ROUTE.slice(4), `/api/${spaceId}/tasks?skip=0&take=300&ids=${ids}`);
    const items = page.Items ?? [];
    for (const task of items) {
      if (!open.has(task.Id)) throw new FlowError('OCTOBENCH_ERR_FLOW_PROTOCOL', `unknown task id ${task.Id} in the task list`, [...client.calls]);
      if (task.IsCompleted) {
        open.delete(task.Id);
        states[task.Id] = task.State;
      }
    }
    await options.clock.sleep(options.pollMs);
    if (items.length === 0) break;
  }
  return { calls: client.calls, states, timedOut: false };
}
