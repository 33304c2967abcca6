// The ServerTask resource (octopus-api.md §4.2): the store's record of a task (what, where, for whom)
// merged with the engine's live view (state, times, errors). Pure: (record, runtime, now) → JSON shape.
import type { ServerTaskRecord } from '../../store/model.js';
import type { TaskRuntime, TaskState } from '../../engine/types.js';
import { COMPLETED_STATES } from '../../engine/types.js';
import { formatOctopusDate } from '../../engine/log-format.js';

export interface ServerTaskResource {
  Id: string;
  SpaceId: string;
  Name: string;
  Description: string;
  Arguments: Record<string, string>;
  State: TaskState;
  Completed: string;
  QueueTime: string;
  QueueTimeExpiry: string | null;
  StartTime: string | null;
  LastUpdatedTime: string;
  CompletedTime: string | null;
  ServerNode: string | null;
  Duration: string;
  ErrorMessage: string;
  HasBeenPickedUpByProcessor: boolean;
  IsCompleted: boolean;
  FinishedSuccessfully: boolean;
  HasPendingInterruptions: boolean;
  CanRerun: boolean;
  HasWarningsOrErrors: boolean;
  ProjectId: string;
  EstimatedRemainingQueueDurationSeconds: number;
  PendingInterruptionTypes: string[];
  PendingPreconditionTypes: string[];
  HasPendingPreconditions: boolean;
  Links: Record<string, string>;
}

/** The node name this server reports as having picked a task up. */
export const SERVER_NODE = 'octobench';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Octopus' friendly completion string (UTC): "Sunday, 22 November 2026 2:43:05 AM +00:00". */
export function friendlyDate(epochMs: number): string {
  const d = new Date(epochMs);
  const h = d.getUTCHours();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${h % 12 === 0 ? 12 : h % 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'} +00:00`;
}

/** Humanised duration, as Octopus shows it: "less than a second", "32 seconds", "1 minute", "2 hours". */
export function friendlyDuration(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (s < 1) return 'less than a second';
  if (s < 60) return unit(s, 'second');
  if (s < 3600) return unit(Math.floor(s / 60), 'minute');
  if (s < 86_400) return unit(Math.floor(s / 3600), 'hour');
  return unit(Math.floor(s / 86_400), 'day');
}

function completedText(state: TaskState, completedTime: number | undefined): string {
  switch (state) {
    case 'Queued': return 'Queued...';
    case 'Executing': return 'Executing...';
    case 'Cancelling': return 'Cancelling...';
    case 'TimedOut': return 'Timed out';
    case 'Success':
    case 'Failed':
    case 'Canceled':
      return completedTime === undefined ? '' : friendlyDate(completedTime);
  }
}

export function taskLinks(record: ServerTaskRecord): Record<string, string> {
  const self = `/api/tasks/${record.Id}`;
  return {
    Self: self,
    Web: `/app#/${record.SpaceId}/tasks/${record.Id}`,
    Raw: `${self}/raw`,
    Rerun: `${self}/rerun`,
    Cancel: `${self}/cancel`,
    State: `${self}/state`,
    QueuedBehind: `${self}/queued-behind{?skip,take}`,
    Details: `${self}/details{?verbose,tail,ranges}`,
    StatusMessages: `${self}/status/messages`,
    Artifacts: `/api/${record.SpaceId}/artifacts?regarding=${record.Id}`,
    Interruptions: `/api/${record.SpaceId}/interruptions?regarding=${record.Id}`,
  };
}

/** Renders one task. A record the engine does not know (should not happen) shows as Queued. */
export function renderServerTask(record: ServerTaskRecord, runtime: TaskRuntime | undefined, nowMs: number): ServerTaskResource {
  const state: TaskState = runtime?.state ?? 'Queued';
  const queueTime = runtime?.queueTime ?? Date.parse(record.QueueTime);
  const start = runtime?.startTime;
  const end = runtime?.completedTime;
  const isCompleted = COMPLETED_STATES.has(state);
  const arguments_: Record<string, string> = {};
  if (record.Arguments.DeploymentId) arguments_['DeploymentId'] = record.Arguments.DeploymentId;
  if (record.Arguments.RunbookRunId) arguments_['RunbookRunId'] = record.Arguments.RunbookRunId;
  return {
    Id: record.Id,
    SpaceId: record.SpaceId,
    Name: record.Name,
    Description: record.Description,
    Arguments: arguments_,
    State: state,
    Completed: completedText(state, end),
    QueueTime: formatOctopusDate(queueTime),
    QueueTimeExpiry: record.QueueTimeExpiry,
    StartTime: start === undefined ? null : formatOctopusDate(start),
    LastUpdatedTime: formatOctopusDate(end ?? start ?? queueTime),
    CompletedTime: end === undefined ? null : formatOctopusDate(end),
    ServerNode: start === undefined ? null : SERVER_NODE,
    Duration: friendlyDuration((end ?? nowMs) - (start ?? queueTime)),
    ErrorMessage: runtime?.errorMessage ?? '',
    HasBeenPickedUpByProcessor: start !== undefined,
    IsCompleted: isCompleted,
    FinishedSuccessfully: state === 'Success',
    HasPendingInterruptions: false,
    CanRerun: false,
    HasWarningsOrErrors: runtime?.hasWarningsOrErrors ?? false,
    ProjectId: record.ProjectId,
    EstimatedRemainingQueueDurationSeconds: 0,
    PendingInterruptionTypes: [],
    PendingPreconditionTypes: [],
    HasPendingPreconditions: false,
    Links: taskLinks(record),
  };
}
