// The README's server-model table lists every constant with the default the code uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_MODEL, SERVER_MODEL_SOURCES } from '../../../harness/simulate/server-model.js';

describe('README server model table', () => {
  it('has one row per constant with its default value and source', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const c of SERVER_MODEL_SOURCES) {
      expect(readme).toContain(`| \`${c.key}\` | ${c.value} | ${c.source.replace(/\|/g, '/')} |`);
      expect(DEFAULT_SERVER_MODEL[c.key]).toBe(c.value);
    }
    expect(SERVER_MODEL_SOURCES.map((c) => c.key).sort()).toEqual(Object.keys(DEFAULT_SERVER_MODEL).sort());
  });
});
