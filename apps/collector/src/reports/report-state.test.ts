import { describe, expect, it } from 'vitest';
import { parseReportState, serializeReportState } from './report-state.js';

const KEY = 'tenant/reports-latest/getMailboxUsageStorage';
const STATE = {
  refreshDate: '2026-03-08',
  etag: '"abc"',
  selection: 'm365.mailbox.storage.usage',
  series: {},
  snapshot: {
    reportDate: '2026-03-07',
    concealedNames: true,
    observations: [{ metric: 'm365.mailbox.storage.usage', attributes: {}, value: 1024 }],
  },
};

describe('report state', () => {
  it('reads back what it wrote, the kept snapshot included', () => {
    const parsed = parseReportState(STATE, KEY);
    expect(parsed?.snapshot).toEqual(STATE.snapshot);
    expect(serializeReportState(parsed ?? expect.unreachable())).toEqual(STATE);
  });

  it('reads a state without a snapshot (written before it was kept)', () => {
    const { snapshot: _, ...older } = STATE;
    expect(parseReportState(older, KEY)).not.toHaveProperty('snapshot');
  });

  it.each([
    [{ reportDate: '8 March' }, '"snapshot.reportDate" is not a YYYY-MM-DD day'],
    [{ concealedNames: 'yes' }, '"snapshot.concealedNames" is not a boolean'],
    [{ observations: {} }, '"snapshot.observations" is not a list'],
    [
      { observations: [{ metric: 'm365.no.such', attributes: {}, value: 1 }] },
      '"snapshot.observations[0]" is not an observation of a known metric',
    ],
    [
      { observations: [{ metric: 'm365.mailbox.storage.usage', attributes: { a: 1 }, value: 1 }] },
      '"snapshot.observations[0]" is not an observation of a known metric',
    ],
  ])('names what is wrong in a snapshot it did not write: %j', (change, reason) => {
    expect(() => parseReportState({ ...STATE, snapshot: { ...STATE.snapshot, ...change } }, KEY)).toThrow(
      `state ${KEY}: ${reason}`,
    );
  });
});
