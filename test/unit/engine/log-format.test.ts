// Rendering the activity tree: Octopus ActivityElement JSON (verbose, tail) and the raw text log.
import { describe, expect, it } from 'vitest';
import { formatOctopusDate, renderActivityLogs, renderRawLog } from '../../../mock-server/engine/log-format.js';
import type { ActivityNode, TaskRuntime } from '../../../mock-server/engine/types.js';

const T0 = Date.UTC(2024, 7, 21, 16, 17, 46, 750);

function tree(): ActivityNode {
  return {
    id: 'ServerTasks-1', name: 'Deploy Shop 1.0.0 to Dev', status: 'Running', started: T0, showAtSummaryLevel: true,
    logElements: [],
    children: [
      {
        id: 'ServerTasks-1_1', name: 'Step 1: Deploy', status: 'Success', started: T0, ended: T0 + 2000, showAtSummaryLevel: true,
        logElements: [{ category: 'Info', occurredAt: T0, message: 'Deploying to 1 target' }],
        children: [{
          id: 'ServerTasks-1_2', name: 'Web-01', status: 'Success', started: T0, ended: T0 + 2000, showAtSummaryLevel: false, children: [],
          logElements: [
            { category: 'Verbose', occurredAt: T0 + 10, message: 'detail' },
            { category: 'Info', occurredAt: T0 + 1000, message: 'Running Deploy on Web-01' },
            { category: 'Info', occurredAt: T0 + 2000, message: 'Step succeeded on Web-01' },
          ],
        }],
      },
      { id: 'ServerTasks-1_3', name: 'Step 2: Notify', status: 'Pending', showAtSummaryLevel: true, children: [], logElements: [] },
    ],
  };
}

describe('formatOctopusDate', () => {
  it('uses milliseconds and a +00:00 offset', () => {
    expect(formatOctopusDate(T0)).toBe('2024-08-21T16:17:46.750+00:00');
  });
});

describe('renderActivityLogs', () => {
  it('renders the exact Octopus ActivityElement shape, hiding Verbose lines by default', () => {
    const leaf = {
      Id: 'ServerTasks-1_2', Name: 'Web-01', Started: '2024-08-21T16:17:46.750+00:00', Ended: '2024-08-21T16:17:48.750+00:00',
      Status: 'Success', Children: [], ShowAtSummaryLevel: false,
      LogElements: [
        { Category: 'Info', OccurredAt: '2024-08-21T16:17:47.750+00:00', MessageText: 'Running Deploy on Web-01', Detail: null },
        { Category: 'Info', OccurredAt: '2024-08-21T16:17:48.750+00:00', MessageText: 'Step succeeded on Web-01', Detail: null },
      ],
      ProgressPercentage: 100, ProgressMessage: null,
    };
    expect(renderActivityLogs(tree())).toEqual({
      Id: 'ServerTasks-1', Name: 'Deploy Shop 1.0.0 to Dev', Started: '2024-08-21T16:17:46.750+00:00', Ended: null, Status: 'Running',
      ShowAtSummaryLevel: true, LogElements: [], ProgressPercentage: 50, ProgressMessage: null,
      Children: [
        {
          Id: 'ServerTasks-1_1', Name: 'Step 1: Deploy', Started: '2024-08-21T16:17:46.750+00:00', Ended: '2024-08-21T16:17:48.750+00:00',
          Status: 'Success', ShowAtSummaryLevel: true, ProgressPercentage: 100, ProgressMessage: null,
          LogElements: [{ Category: 'Info', OccurredAt: '2024-08-21T16:17:46.750+00:00', MessageText: 'Deploying to 1 target', Detail: null }],
          Children: [leaf],
        },
        {
          Id: 'ServerTasks-1_3', Name: 'Step 2: Notify', Started: null, Ended: null, Status: 'Pending', Children: [],
          ShowAtSummaryLevel: true, LogElements: [], ProgressPercentage: 0, ProgressMessage: null,
        },
      ],
    });
  });

  it('includes Verbose lines with verbose, and keeps the last N per node with tail', () => {
    const leafOf = (o: Parameters<typeof renderActivityLogs>[1]) =>
      renderActivityLogs(tree(), o).Children[0]!.Children[0]!.LogElements.map((e) => e.MessageText);
    expect(leafOf({ verbose: true })).toEqual(['detail', 'Running Deploy on Web-01', 'Step succeeded on Web-01']);
    expect(leafOf({ verbose: true, tail: 2 })).toEqual(['Running Deploy on Web-01', 'Step succeeded on Web-01']);
    expect(leafOf({ tail: 1 })).toEqual(['Step succeeded on Web-01']);
    expect(leafOf({ tail: 0 })).toEqual([]);
  });
});

describe('renderRawLog', () => {
  it('renders a header block and the tree with depth-indented headers and time/category columns', () => {
    const root = tree();
    root.status = 'Success';
    root.ended = T0 + 2000;
    const task: TaskRuntime = {
      taskId: 'ServerTasks-1', state: 'Success', queueTime: T0 - 1000, startTime: T0, completedTime: T0 + 2000,
      hasWarningsOrErrors: false, activity: root,
    };
    const text = renderRawLog(task, { taskId: 'ServerTasks-1', description: 'Deploy Shop 1.0.0 to Dev', relatedIds: ['Deployments-1', 'Projects-1'], serverVersion: '2024.3.0' });
    expect(text).toBe([
      'Task ID:        ServerTasks-1',
      'Description:    Deploy Shop 1.0.0 to Dev',
      'Related IDs:    Deployments-1, Projects-1',
      'Task status:    Success',
      'Task queued:    2024-08-21T16:17:45.750+00:00',
      'Task started:   2024-08-21T16:17:46.750+00:00',
      'Task completed: 2024-08-21T16:17:48.750+00:00',
      'Task duration:  2 seconds',
      'Server version: 2024.3.0',
      '',
      '                    | == Success: Deploy Shop 1.0.0 to Dev ==',
      '                    |',
      '                    |   == Success: Step 1: Deploy ==',
      '16:17:46   Info     |     Deploying to 1 target',
      '                    |',
      '                    |     == Success: Web-01 ==',
      '16:17:46   Verbose  |       detail',
      '16:17:47   Info     |       Running Deploy on Web-01',
      '16:17:48   Info     |       Step succeeded on Web-01',
      '                    |',
      '                    |   == Pending: Step 2: Notify ==',
      '',
    ].join('\n'));
  });
});
