import { describe, expect, it } from 'vitest';
import { latest, mapCsv } from './__fixtures__/csv.js';
import { METRIC_CATALOG, METRIC_M365_REPORT_AGE } from './generated/catalog.js';
import { REPORT_MAPPINGS, reportsFor } from './mappings.js';
import { MAX_PROBLEMS } from './problems.js';
import type { ReportMapping } from './types.js';

function mappingOf(report: string): ReportMapping {
  const mapping = REPORT_MAPPINGS.find((candidate) => candidate.report === report);
  if (mapping === undefined) throw new Error(`no mapping for ${report}`);
  return mapping;
}

const messages = (sent: number, received: number, read: number) => [
  { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'sent' }, value: sent },
  { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'received' }, value: received },
  { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'read' }, value: read },
];
const meetings = (created: number, interacted: number) => [
  { metric: 'm365.email.meetings', attributes: { 'm365.email.meeting.action': 'created' }, value: created },
  {
    metric: 'm365.email.meetings',
    attributes: { 'm365.email.meeting.action': 'interacted' },
    value: interacted,
  },
];

describe('getEmailActivityCounts', () => {
  const mapping = mappingOf('getEmailActivityCounts');
  const header =
    'Report Refresh Date,Send,Receive,Read,Meeting Created,Meeting Interacted,Report Date,Report Period';

  it('takes every series from the newest report day', () => {
    const csv = `${header}
      2026-11-20,120,340,300,7,15,2026-11-20,7
      2026-11-20,110,330,290,6,14,2026-11-19,7
      2026-11-20,100,320,280,5,13,2026-11-18,7`;
    expect(latest(mapCsv(mapping, csv))).toEqual({
      report: 'getEmailActivityCounts',
      reportDate: '2026-11-20',
      observations: [...messages(120, 340, 300), ...meetings(7, 15)],
      rejectedRows: 0,
      problems: [],
    });
  });

  it('does not rely on the rows coming newest first', () => {
    const csv = `${header}
      2026-11-20,110,330,290,6,14,2026-11-19,7
      2026-11-20,120,340,300,7,15,2026-11-20,7
      2026-11-20,100,320,280,5,13,2026-11-18,7`;
    expect(mapCsv(mapping, csv).observations).toEqual([...messages(120, 340, 300), ...meetings(7, 15)]);
  });

  it('reads columns by name, whatever their order', () => {
    const csv = `Report Date,Report Period,Meeting Interacted,Read,Receive,Send,Meeting Created,Report Refresh Date
      2026-11-20,7,15,300,340,120,7,2026-11-20`;
    expect(mapCsv(mapping, csv).observations).toEqual([...messages(120, 340, 300), ...meetings(7, 15)]);
  });

  it('reports the newest complete day when Microsoft has not filled the newest day yet', () => {
    const csv = `${header}
      2026-11-20,120,340,,7,,2026-11-20,7
      2026-11-20,110,330,290,6,14,2026-11-19,7
      2026-11-20,100,320,280,5,13,2026-11-18,7`;
    expect(latest(mapCsv(mapping, csv))).toEqual({
      report: 'getEmailActivityCounts',
      reportDate: '2026-11-19',
      observations: [
        { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'sent' }, value: 110 },
        { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'received' }, value: 330 },
        { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'read' }, value: 290 },
        ...meetings(6, 14),
      ],
      rejectedRows: 0,
      problems: [],
    });
  });

  it('leaves out the series whose cell is empty when no day is complete, never writing a zero', () => {
    const csv = `${header}
      2026-11-20,120,340,,7,,2026-11-20,7
      2026-11-20,,330,290,,14,2026-11-19,7`;
    expect(latest(mapCsv(mapping, csv))).toEqual({
      report: 'getEmailActivityCounts',
      reportDate: '2026-11-20',
      observations: [
        { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'sent' }, value: 120 },
        { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'received' }, value: 340 },
        { metric: 'm365.email.meetings', attributes: { 'm365.email.meeting.action': 'created' }, value: 7 },
      ],
      rejectedRows: 0,
      problems: [],
    });
  });

  it('rejects bad cells into problems, keeps the good cells of the row, and checks older days too', () => {
    const csv = `${header}
      2026-11-20,1.234,340,-3,7,15,2026-11-20,7
      2026-11-20,110,NaN,290,6,14,2026-11-19,7`;
    expect(latest(mapCsv(mapping, csv))).toEqual({
      report: 'getEmailActivityCounts',
      reportDate: '2026-11-20',
      observations: [
        { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'received' }, value: 340 },
        ...meetings(7, 15),
      ],
      rejectedRows: 2,
      problems: [
        { line: 2, column: 'Send', value: '1.234', reason: 'not an integer' },
        { line: 2, column: 'Read', value: '-3', reason: 'negative count' },
        { line: 3, column: 'Receive', value: 'NaN', reason: 'not a number' },
      ],
    });
  });

  it('rejects rows without a usable Report Date, and a second row for the newest day', () => {
    const csv = `${header}
      2026-11-20,1,1,1,1,1,,7
      2026-11-20,2,2,2,2,2,20/11/2026,7
      2026-11-20,120,340,300,7,15,2026-11-20,7
      2026-11-20,999,999,999,999,999,2026-11-20,7`;
    expect(latest(mapCsv(mapping, csv))).toEqual({
      report: 'getEmailActivityCounts',
      reportDate: '2026-11-20',
      observations: [...messages(120, 340, 300), ...meetings(7, 15)],
      rejectedRows: 3,
      problems: [
        { line: 2, column: 'Report Date', value: '', reason: 'missing' },
        { line: 3, column: 'Report Date', value: '20/11/2026', reason: 'not a YYYY-MM-DD day' },
        {
          line: 5,
          column: 'Report Date',
          value: '2026-11-20',
          reason: 'second row for report day 2026-11-20 (the first is line 4)',
        },
      ],
    });
  });

  it(`keeps the first ${MAX_PROBLEMS} problems and counts every rejected row`, () => {
    const badRows = Array.from(
      { length: 30 },
      (_, day) => `2026-11-20,x,1,1,1,1,2026-10-${String(day + 1).padStart(2, '0')},7`,
    );
    const snapshot = mapCsv(mapping, [header, ...badRows].join('\n'));
    expect(snapshot.rejectedRows).toBe(30);
    expect(snapshot.problems).toHaveLength(MAX_PROBLEMS);
    expect(snapshot.problems[0]).toEqual({ line: 2, column: 'Send', value: 'x', reason: 'not a number' });
  });

  it('has no report day and no observations for a report without rows', () => {
    expect(latest(mapCsv(mapping, header))).toEqual({
      report: 'getEmailActivityCounts',
      reportDate: undefined,
      observations: [],
      rejectedRows: 0,
      problems: [],
    });
  });
});

describe('getEmailActivityUserCounts', () => {
  it('maps Send, Receive and Read of the newest day to active users per action', () => {
    const csv = `Report Refresh Date,Send,Receive,Read,Meeting Created,Meeting Interacted,Report Date,Report Period
      2026-11-20,18,24,22,3,5,2026-11-20,7
      2026-11-20,17,24,21,2,4,2026-11-19,7`;
    expect(latest(mapCsv(mappingOf('getEmailActivityUserCounts'), csv))).toEqual({
      report: 'getEmailActivityUserCounts',
      reportDate: '2026-11-20',
      observations: [
        { metric: 'm365.email.active_users', attributes: { 'm365.email.action': 'sent' }, value: 18 },
        { metric: 'm365.email.active_users', attributes: { 'm365.email.action': 'received' }, value: 24 },
        { metric: 'm365.email.active_users', attributes: { 'm365.email.action': 'read' }, value: 22 },
      ],
      rejectedRows: 0,
      problems: [],
    });
  });
});

describe('getMailboxUsageMailboxCounts', () => {
  const mapping = mappingOf('getMailboxUsageMailboxCounts');
  const header = 'Report Refresh Date,Total,Active,Report Date,Report Period';
  const mailboxes = (state: string, value: number) => ({
    metric: 'm365.mailbox.count',
    attributes: { 'm365.mailbox.state': state },
    value,
  });

  it('reports Active as active and Total - Active as inactive', () => {
    const csv = `${header}
      2026-11-20,25,19,2026-11-20,7
      2026-11-20,25,18,2026-11-19,7`;
    expect(latest(mapCsv(mapping, csv))).toEqual({
      report: 'getMailboxUsageMailboxCounts',
      reportDate: '2026-11-20',
      observations: [mailboxes('active', 19), mailboxes('inactive', 6)],
      rejectedRows: 0,
      problems: [],
    });
  });

  it('has no inactive point when Total is empty', () => {
    const csv = `${header}
      2026-11-20,,19,2026-11-20,7`;
    expect(mapCsv(mapping, csv).observations).toEqual([mailboxes('active', 19)]);
  });

  it('rejects a row whose Active exceeds Total and reports the newest day that is consistent', () => {
    const csv = `${header}
      2026-11-20,25,30,2026-11-20,7
      2026-11-20,25,18,2026-11-19,7`;
    expect(latest(mapCsv(mapping, csv))).toEqual({
      report: 'getMailboxUsageMailboxCounts',
      reportDate: '2026-11-19',
      observations: [
        { metric: 'm365.mailbox.count', attributes: { 'm365.mailbox.state': 'active' }, value: 18 },
        { metric: 'm365.mailbox.count', attributes: { 'm365.mailbox.state': 'inactive' }, value: 7 },
      ],
      rejectedRows: 1,
      problems: [{ line: 2, column: 'Active', value: '30', reason: 'exceeds Total (25)' }],
    });
  });
});

describe('getMailboxUsageQuotaStatusMailboxCounts', () => {
  it('maps each quota status column to its enum value', () => {
    const csv = `Report Refresh Date,Under Limit,Warning Issued,Send Prohibited,Send/Receive Prohibited,Indeterminate,Report Date,Report Period
      2026-11-20,21,2,1,0,1,2026-11-20,7`;
    const status = (value: string, count: number) => ({
      metric: 'm365.mailbox.quota.mailboxes',
      attributes: { 'm365.mailbox.quota.status': value },
      value: count,
    });
    expect(latest(mapCsv(mappingOf('getMailboxUsageQuotaStatusMailboxCounts'), csv))).toEqual({
      report: 'getMailboxUsageQuotaStatusMailboxCounts',
      reportDate: '2026-11-20',
      observations: [
        status('under_limit', 21),
        status('warning_issued', 2),
        status('send_prohibited', 1),
        status('send_receive_prohibited', 0),
        status('indeterminate', 1),
      ],
      rejectedRows: 0,
      problems: [],
    });
  });
});

describe('getMailboxUsageStorage', () => {
  it('reports the bytes of the newest day, beyond 32 bits', () => {
    const csv = `Report Refresh Date,Storage Used (Byte),Report Date,Report Period
      2026-11-20,5368709120,2026-11-19,7
      2026-11-20,5497558138880,2026-11-20,7`;
    expect(latest(mapCsv(mappingOf('getMailboxUsageStorage'), csv))).toEqual({
      report: 'getMailboxUsageStorage',
      reportDate: '2026-11-20',
      observations: [{ metric: 'm365.mailbox.storage.usage', attributes: {}, value: 5_497_558_138_880 }],
      rejectedRows: 0,
      problems: [],
    });
  });
});

describe('getMailboxUsageDetail', () => {
  const mapping = mappingOf('getMailboxUsageDetail');
  const header =
    'Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Created Date,Last Activity Date,Item Count,Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Deleted Item Count,Deleted Item Size (Byte),Deleted Item Quota (Byte),Has Archive,Report Period';
  const items = (state: string, value: number) => ({
    metric: 'm365.mailbox.items',
    attributes: { 'm365.mailbox.item.state': state },
    value,
  });

  it('sums the item counts of the mailboxes that are not deleted', () => {
    const csv = `${header}
      2026-11-20,ada@contoso.com,Ada,False,,2024-01-02,2026-11-20,1200,52428800,,,,40,1048576,,False,7
      2026-11-20,bob@contoso.com,Bob,false,,2024-01-02,2026-11-19,300,10485760,,,,,0,,False,7
      2026-11-20,cy@contoso.com,Cy,TRUE,2026-10-01,2024-01-02,2026-09-30,5000,99999999,,,,900,1,,False,7
      2026-11-20,dee@contoso.com,Dee,False,,2024-01-02,,,0,,,,2,0,,False,7`;
    expect(latest(mapCsv(mapping, csv))).toEqual({
      report: 'getMailboxUsageDetail',
      reportDate: '2026-11-20',
      observations: [items('present', 1500), items('deleted', 42)],
      rejectedRows: 0,
      problems: [],
    });
  });

  it('has no point for a state no mailbox reports', () => {
    const csv = `${header}
      2026-11-20,ada@contoso.com,Ada,False,,2024-01-02,2026-11-20,1200,52428800,,,,,0,,False,7`;
    expect(mapCsv(mapping, csv).observations).toEqual([items('present', 1200)]);
  });

  it('rejects an unreadable Is Deleted or Report Refresh Date and bad counts, summing the rest', () => {
    const csv = `${header}
      2026-11-20,ada@contoso.com,Ada,Yes,,2024-01-02,2026-11-20,1200,0,,,,40,0,,False,7
      ,bob@contoso.com,Bob,False,,2024-01-02,2026-11-19,300,0,,,,1,0,,False,7
      2026-11-31,cy@contoso.com,Cy,False,,2024-01-02,2026-11-19,300,0,,,,1,0,,False,7
      2026-11-20,dee@contoso.com,Dee,False,,2024-01-02,2026-11-19,1 000,0,,,,7,0,,False,7
      2026-11-20,eve@contoso.com,Eve,,,2024-01-02,2026-11-19,10,0,,,,1,0,,False,7`;
    expect(latest(mapCsv(mapping, csv))).toEqual({
      report: 'getMailboxUsageDetail',
      reportDate: '2026-11-20',
      observations: [items('deleted', 7)],
      rejectedRows: 5,
      problems: [
        { line: 2, column: 'Is Deleted', value: 'Yes', reason: 'expected True or False' },
        { line: 3, column: 'Report Refresh Date', value: '', reason: 'missing' },
        { line: 4, column: 'Report Refresh Date', value: '2026-11-31', reason: 'not a YYYY-MM-DD day' },
        { line: 5, column: 'Item Count', value: '1 000', reason: 'thousands separators are not accepted' },
        { line: 6, column: 'Is Deleted', value: '', reason: 'missing' },
      ],
    });
  });
});

describe('reportsFor', () => {
  const reports = (metrics: string[]) => reportsFor(new Set(metrics)).map((mapping) => mapping.report);

  it('returns only the reports that produce an enabled metric, once each', () => {
    expect(reports(['m365.email.meetings', 'm365.email.messages'])).toEqual(['getEmailActivityCounts']);
    expect(reports(['m365.mailbox.items', 'm365.mailbox.count'])).toEqual([
      'getMailboxUsageDetail',
      'getMailboxUsageMailboxCounts',
    ]);
  });

  it('needs no report for the computed report age or for unknown names', () => {
    expect(reports([METRIC_M365_REPORT_AGE, 'm365.no.such_metric'])).toEqual([]);
  });

  it('adds a per-entity report wanted for its log records, and never a counts report for that', () => {
    const details = new Set(['getTeamsUserActivityUserDetail', 'getTeamsUserActivityCounts'] as const);
    expect(reportsFor(new Set(['m365.email.messages']), details).map((mapping) => mapping.report)).toEqual([
      'getEmailActivityCounts',
      'getTeamsUserActivityUserDetail',
    ]);
    expect(reportsFor(new Set(), details).map((mapping) => mapping.eventName)).toEqual(['m365.report.user']);
  });

  it('returns every mapping when every metric is enabled', () => {
    expect(reportsFor(new Set(METRIC_CATALOG.map((metric) => metric.name)))).toEqual(REPORT_MAPPINGS);
  });
});
