import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_MATRIX } from './support/fault-matrix.js';

const DOC = resolve(import.meta.dirname, '../../docs/reliability.md');
const SECTION = "## Faults from Microsoft's side";

/** The test ids in the last column of the section's table, one per table line. */
async function documentedIds(): Promise<string[]> {
  const doc = await readFile(DOC, 'utf8');
  const start = doc.indexOf(SECTION);
  expect(start, `${SECTION} in docs/reliability.md`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + SECTION.length);
  const lines = doc
    .slice(start, end === -1 ? undefined : end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2);
  return lines.map((line) => {
    const cells = line.split(' | ');
    expect(cells, line).toHaveLength(4);
    return /^`([a-z0-9-]+)` \|$/.exec(cells[3] ?? '')?.[1] ?? `(no test id in: ${line})`;
  });
}

describe('the fault matrix in docs/reliability.md', () => {
  it('has exactly one line per row of the e2e matrix, and no line without a row', async () => {
    const ids = await documentedIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(FAULT_MATRIX.map((row) => row.id).sort());
  });
});
