// scenarios/README.md is exactly `octobench schema --markdown` (regenerate:
// `npx tsc -p tsconfig.build.json && node dist/harness/cli/main.js schema --markdown > scenarios/README.md`);
// every key of the schema has a row with an example; examples come from the shipped scenarios first.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioMarkdown } from '../../../harness/cli/commands/run.js';
import { schemaMarkdown } from '../../../harness/scenario/schema-markdown.js';

const readme = () => readFileSync(new URL('../../../scenarios/README.md', import.meta.url), 'utf8');

describe('scenario schema reference', () => {
  it('the committed scenarios/README.md is the generated one', async () => {
    expect(readme()).toBe(await scenarioMarkdown());
  });

  it('has one row per key, each with an example', () => {
    const rows = readme().split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBe(90);
    for (const row of rows) expect(row).toMatch(/\| `[A-Za-z]+: .+` \|$/);
    for (const key of ['deployment.logLinesPerStep', 'deployment.variables.count', 'deployment.steps', 'fleet.regions[].feedUplinkMbps', 'serverModel.cpuPerLogLineMs']) {
      expect(rows.some((r) => r.startsWith(`| \`${key}\` |`))).toBe(true);
    }
  });

  it('takes an example from the first document that sets the key, else the default', () => {
    const md = schemaMarkdown([{ deployment: { targets: 7 } }, { deployment: { targets: 9, steps: 4 } }]);
    expect(md).toContain('| `deployment.targets` | integer | **required** | ≥ 1, ≤ 1000000 | targets per deployment | `targets: 7` |');
    expect(md).toContain('| `deployment.steps` | integer | `5` | ≥ 1, ≤ 1000 | steps per deployment: step 1 deploys the package, the others run scripts | `steps: 4` |');
    expect(md).toContain('| `deployment.taskCap` | integer | `5` | ≥ 1 |  | `taskCap: 5` |');
    expect(md).toContain('| `workload.operations` | ("create-release" \\| "deploy-release" \\| "run-runbook")[] | **required** |');
  });
});
