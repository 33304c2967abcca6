// Scenario key `charts`: declarations are validated with their paths (unknown kind, unknown key, empty list).
import { describe, expect, it } from 'vitest';
import type { OctobenchError } from '../../../harness/core/errors.js';
import { parseScenarioText } from '../../../harness/scenario/load.js';

const base = 'version: 1\nname: c\nmode: sim\ndeployment: { targets: 10 }\n';

function problems(text: string): string[] {
  try {
    parseScenarioText(text, 'c.yaml');
    return [];
  } catch (e) {
    return (e as OctobenchError).problems.map((p) => p.path);
  }
}

describe('scenario charts', () => {
  it('accepts declarations of every kind', () => {
    const s = parseScenarioText(`${base}charts:\n  - { kind: sweep, metric: run.makespan, x: deployment.targets, series: [fleet.polling] }\n  - { kind: timeseries, metric: server.cpuUtilisation }\n`, 'c.yaml');
    expect(s.charts).toEqual([{ kind: 'sweep', metric: 'run.makespan', x: 'deployment.targets', series: ['fleet.polling'] }, { kind: 'timeseries', metric: 'server.cpuUtilisation' }]);
  });

  it('reports an unknown kind, an unknown key and an empty list with their paths', () => {
    expect(problems(`${base}charts:\n  - { kind: pie, metric: m }\n`)).toContain('charts[0].kind');
    expect(problems(`${base}charts:\n  - { kind: sweep, metric: m, colour: red }\n`)).toContain('charts[0].colour');
    expect(problems(`${base}charts: []\n`)).toContain('charts');
  });
});
