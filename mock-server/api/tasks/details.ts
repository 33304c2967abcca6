// Task details (`{Task, Progress, PhysicalLogSize, ActivityLogs}`) and the raw text log, rendered from
// the store's task record and the engine's activity tree with the engine's own renderers.
import { renderActivityLogs, renderRawLog, type ActivityElementJson } from '../../engine/log-format.js';
import type { TaskRuntime } from '../../engine/types.js';
import { COMPLETED_STATES } from '../../engine/types.js';
import type { ServerTaskRecord } from '../../store/model.js';
import { renderServerTask, SERVER_NODE, type ServerTaskResource } from './resource.js';
import type { TaskDetailsQuery } from './query.js';

export interface TaskDetailsResource {
  Task: ServerTaskResource;
  Progress: { ProgressPercentage: number; EstimatedTimeRemaining: string };
  PhysicalLogSize: number;
  ActivityLogs: ActivityElementJson[];
}

/** The engine's runtime, or (for a task the engine no longer holds) an empty queued one. */
export function runtimeOrEmpty(record: ServerTaskRecord, runtime: TaskRuntime | undefined): TaskRuntime {
  if (runtime) return runtime;
  const queueTime = Date.parse(record.QueueTime);
  return {
    taskId: record.Id,
    state: 'Queued',
    queueTime,
    hasWarningsOrErrors: false,
    activity: { id: record.Id, name: record.Description, status: 'Pending', showAtSummaryLevel: true, children: [], logElements: [] },
  };
}

export function rawLog(record: ServerTaskRecord, runtime: TaskRuntime | undefined): string {
  const relatedIds = [record.DeploymentId, record.RunbookRunId, record.ProjectId, record.EnvironmentId, record.TenantId, record.SpaceId]
    .filter((id): id is string => typeof id === 'string' && id !== '');
  return renderRawLog(runtimeOrEmpty(record, runtime), {
    taskId: record.Id,
    description: record.Description,
    relatedIds,
    serverNode: SERVER_NODE,
  });
}

export function renderTaskDetails(
  record: ServerTaskRecord, runtime: TaskRuntime | undefined, nowMs: number, query: TaskDetailsQuery,
): TaskDetailsResource {
  const effective = runtimeOrEmpty(record, runtime);
  const tree = renderActivityLogs(effective.activity, query);
  const completed = COMPLETED_STATES.has(effective.state);
  return {
    Task: renderServerTask(record, runtime, nowMs),
    // Octopus gives no estimate we could reproduce honestly; completed tasks are 100 %.
    Progress: { ProgressPercentage: completed ? 100 : tree.ProgressPercentage, EstimatedTimeRemaining: '' },
    PhysicalLogSize: Buffer.byteLength(rawLog(record, runtime), 'utf8'),
    ActivityLogs: [tree],
  };
}
