// Keeps the README's error-code and exit-code tables in sync with the code (the public contract).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../harness/core/errors.js';
import { ExitCode } from '../../../harness/core/exit-codes.js';
import { API_ERROR_CODES } from '../../../mock-server/api/errors.js';
import { FLOW_ERROR_CODES } from '../../../harness/flows/errors.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** Rows `| \`CODE\` | n | ... |` of the README table that follows the given heading. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`README has no heading ${heading}`);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of readme.slice(start).split('\n').slice(1)) {
    if (line.startsWith('|')) {
      inTable = true;
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      if (!/^-+$/.test(cells[0] ?? '') && !/^(code|exit|name)$/i.test(cells[0] ?? '')) rows.push(cells);
    } else if (inTable) break;
  }
  return rows;
}

const unquote = (s: string) => s.replace(/`/g, '');

describe('README tables', () => {
  it('lists every CLI error code with its exit code, and nothing else', () => {
    const rows = tableAfter('### CLI error codes');
    expect(Object.fromEntries(rows.map((r) => [unquote(r[0]!), Number(r[1])]))).toEqual(
      Object.fromEntries(Object.entries(ERROR_CODES).map(([code, v]) => [code, v.exit])),
    );
  });

  it('lists every server error code with its HTTP status, and nothing else', () => {
    const rows = tableAfter('### Server error codes');
    expect(Object.fromEntries(rows.map((r) => [unquote(r[0]!), Number(r[1])]))).toEqual(
      Object.fromEntries(Object.entries(API_ERROR_CODES).map(([code, v]) => [code, v.status])),
    );
  });

  it('lists every flow error code, and nothing else', () => {
    const rows = tableAfter('### Flow error codes');
    expect(rows.map((r) => unquote(r[0]!)).sort()).toEqual(Object.keys(FLOW_ERROR_CODES).sort());
  });

  it('lists every exit code', () => {
    const rows = tableAfter('### Exit codes');
    expect(Object.fromEntries(rows.map((r) => [unquote(r[1]!), Number(r[0])]))).toEqual({ ...ExitCode });
  });
});
