import { REPORT_CATALOG, REPORT_NAMES, type ReportName } from '@m365-otel/report-catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DetailRow, type ReportQuery, type RunningSimulator, startSimulator } from './index.js';

// Every report agrees with the others of its family as Microsoft's do: a counts day is the sum (or the number of
// entities with a non-zero value) over that day's detail rows, a summary the same over the period's detail rows, and
// state reports (storage, totals) the sum over the detail rows that are not deleted. The reports are read through
// the ground truth, which the other tests hold to the downloaded files.
const now = () => new Date('2026-03-15T10:00:00Z');
const REFRESH = '2026-03-13';
const D7 = Array.from({ length: 7 }, (_, i) =>
  new Date(Date.UTC(2026, 2, 13 - i)).toISOString().slice(0, 10),
);

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 5, users: 300, now });
});
afterAll(() => sim.close());

type Rule = 'sum' | 'users' | 'yes' | 'filled';

/** What a detail column contributes to a counts cell: its sum, or the rows where it is > 0, true, or not empty. */
function aggregate(rows: readonly DetailRow[], column: string, rule: Rule): number {
  return rows.reduce((total, row) => {
    const value = row[column];
    if (value === undefined) throw new Error(`no column ${column}`);
    if (rule === 'sum') return total + (value as number);
    if (rule === 'users') return total + ((value as number) > 0 ? 1 : 0);
    if (rule === 'yes') return total + (value === true ? 1 : 0);
    return total + (value === null ? 0 : 1);
  }, 0);
}

function dailyRow(report: ReportName, day: string): DetailRow {
  const row = sim.truth.report(report, { period: 'D7' }).rows.find((r) => r['Report Date'] === day);
  if (row === undefined) throw new Error(`${report} has no row for ${day}`);
  return row;
}

const live = (rows: readonly DetailRow[]) => rows.filter((row) => row['Is Deleted'] !== true);

/** [counts report, detail report, [counts column, detail column, rule][]]: each day of D7 against `date=` detail. */
const DAILY_FROM_DATED_DETAIL: readonly [ReportName, ReportName, readonly [string, string, Rule][]][] = [
  [
    'getOneDriveActivityFileCounts',
    'getOneDriveActivityUserDetail',
    [
      ['Viewed Or Edited', 'Viewed Or Edited File Count', 'sum'],
      ['Synced', 'Synced File Count', 'sum'],
      ['Shared Internally', 'Shared Internally File Count', 'sum'],
      ['Shared Externally', 'Shared Externally File Count', 'sum'],
    ],
  ],
  [
    'getOneDriveActivityUserCounts',
    'getOneDriveActivityUserDetail',
    [
      ['Viewed Or Edited', 'Viewed Or Edited File Count', 'users'],
      ['Shared Externally', 'Shared Externally File Count', 'users'],
    ],
  ],
  [
    'getSharePointActivityUserCounts',
    'getSharePointActivityUserDetail',
    [
      ['Visited Page', 'Visited Page Count', 'users'],
      ['Synced', 'Synced File Count', 'users'],
    ],
  ],
  [
    'getSharePointActivityFileCounts',
    'getSharePointActivityUserDetail',
    [['Viewed Or Edited', 'Viewed Or Edited File Count', 'sum']],
  ],
  [
    'getSharePointActivityPages',
    'getSharePointActivityUserDetail',
    [['Visited Page Count', 'Visited Page Count', 'sum']],
  ],
  [
    'getTeamsUserActivityCounts',
    'getTeamsUserActivityUserDetail',
    [
      ['Team Chat Messages', 'Team Chat Message Count', 'sum'],
      ['Private Chat Messages', 'Private Chat Message Count', 'sum'],
      ['Calls', 'Call Count', 'sum'],
      ['Meetings', 'Meeting Count', 'sum'],
      ['Meetings Organized Count', 'Meetings Organized Count', 'sum'],
      ['Post Messages', 'Post Messages', 'sum'],
    ],
  ],
  [
    'getTeamsUserActivityUserCounts',
    'getTeamsUserActivityUserDetail',
    [
      ['Private Chat Messages', 'Private Chat Message Count', 'users'],
      ['Calls', 'Call Count', 'users'],
      ['Other Actions', 'Has Other Action', 'yes'],
    ],
  ],
  [
    'getTeamsDeviceUsageUserCounts',
    'getTeamsDeviceUsageUserDetail',
    [
      ['Windows', 'Used Windows', 'yes'],
      ['Web', 'Used Web', 'yes'],
      ['iOS', 'Used iOS', 'yes'],
      ['Chrome OS', 'Used  Chrome OS', 'yes'],
    ],
  ],
  [
    'getYammerActivityCounts',
    'getYammerActivityUserDetail',
    [
      ['Liked', 'Liked Count', 'sum'],
      ['Posted', 'Posted Count', 'sum'],
      ['Read', 'Read Count', 'sum'],
    ],
  ],
  ['getYammerActivityUserCounts', 'getYammerActivityUserDetail', [['Read', 'Read Count', 'users']]],
  [
    'getYammerDeviceUsageUserCounts',
    'getYammerDeviceUsageUserDetail',
    [
      ['Web', 'Used Web', 'yes'],
      ['Other', 'Used Others', 'yes'],
    ],
  ],
  [
    'getEmailAppUsageUserCounts',
    'getEmailAppUsageUserDetail',
    [
      ['Outlook For Windows', 'Outlook For Windows', 'filled'],
      ['Outlook For Web', 'Outlook For Web', 'filled'],
    ],
  ],
  [
    'getM365AppUserCounts',
    'getM365AppUserDetail',
    [
      ['Outlook', 'Outlook', 'yes'],
      ['Word', 'Word', 'yes'],
    ],
  ],
  [
    'getM365AppPlatformUserCounts',
    'getM365AppUserDetail',
    [
      ['Windows', 'Windows', 'yes'],
      ['Mobile', 'Mobile', 'yes'],
    ],
  ],
  [
    'getOffice365ActiveUserCounts',
    'getOffice365ActiveUserDetail',
    [
      ['Exchange', 'Exchange Last Activity Date', 'filled'],
      ['Teams', 'Teams Last Activity Date', 'filled'],
    ],
  ],
  [
    'getOffice365GroupsActivityCounts',
    'getOffice365GroupsActivityDetail',
    [
      ['Exchange Emails Received', 'Exchange Received Email Count', 'sum'],
      ['Yammer Messages Read', 'Yammer Read Message Count', 'sum'],
    ],
  ],
  [
    'getTeamsTeamActivityCounts',
    'getTeamsTeamActivityDetail',
    [
      ['Active Users', 'Active Users', 'sum'],
      ['Reply Messages', 'Reply Messages', 'sum'],
      ['Mentions', 'Mentions', 'sum'],
    ],
  ],
  [
    'getYammerGroupsActivityCounts',
    'getYammerGroupsActivityDetail',
    [
      ['Posted', 'Posted Count', 'sum'],
      ['Liked', 'Liked Count', 'sum'],
    ],
  ],
  [
    'getFormsUserActivityCounts',
    'getFormsUserActivityUserDetail',
    [
      ['Forms', 'Created Count', 'sum'],
      ['Authenticated responses', 'Responded Count', 'sum'],
    ],
  ],
  [
    'getFormsUserActivityUserCounts',
    'getFormsUserActivityUserDetail',
    [
      ['Designers', 'Created Count', 'users'],
      ['Respondents', 'Responded Count', 'users'],
    ],
  ],
  [
    'getSharePointSiteUsagePages',
    'getSharePointSiteUsageDetail',
    [['Page View Count', 'Page View Count', 'sum']],
  ],
  ['getOneDriveUsageFileCounts', 'getOneDriveUsageAccountDetail', [['Active', 'Active File Count', 'sum']]],
];

describe('a counts day is the sum or user count of that day’s detail rows', () => {
  it.each(DAILY_FROM_DATED_DETAIL)('%s = %s(date=…)', (counts, detail, columns) => {
    let compared = 0;
    for (const day of D7) {
      const detailRows = sim.truth.report(detail, { date: day }).rows;
      const row = dailyRow(counts, day);
      for (const [countsColumn, detailColumn, rule] of columns) {
        expect(row[countsColumn], `${countsColumn} ${day}`).toBe(aggregate(detailRows, detailColumn, rule));
        compared += row[countsColumn] as number;
      }
    }
    // Something to compare: the tenant is active in every family.
    expect(compared).toBeGreaterThan(0);
  });
});

/** [report, column, detail report, detail column, rule]: the refresh day's state against the D7 detail's live rows. */
const STATE_FROM_DETAIL: readonly [ReportName, string, ReportName, string | undefined, Rule][] = [
  ['getOneDriveUsageAccountCounts', 'Total', 'getOneDriveUsageAccountDetail', undefined, 'sum'],
  ['getOneDriveUsageFileCounts', 'Total', 'getOneDriveUsageAccountDetail', 'File Count', 'sum'],
  [
    'getOneDriveUsageStorage',
    'Storage Used (Byte)',
    'getOneDriveUsageAccountDetail',
    'Storage Used (Byte)',
    'sum',
  ],
  ['getSharePointSiteUsageSiteCounts', 'Total', 'getSharePointSiteUsageDetail', undefined, 'sum'],
  ['getSharePointSiteUsageFileCounts', 'Total', 'getSharePointSiteUsageDetail', 'File Count', 'sum'],
  [
    'getSharePointSiteUsageStorage',
    'Storage Used (Byte)',
    'getSharePointSiteUsageDetail',
    'Storage Used (Byte)',
    'sum',
  ],
  ['getOffice365GroupsActivityGroupCounts', 'Total', 'getOffice365GroupsActivityDetail', undefined, 'sum'],
  [
    'getOffice365GroupsActivityStorage',
    'Mailbox Storage Used (Byte)',
    'getOffice365GroupsActivityDetail',
    'Exchange Mailbox Storage Used (Byte)',
    'sum',
  ],
  [
    'getOffice365GroupsActivityStorage',
    'Site Storage Used (Byte)',
    'getOffice365GroupsActivityDetail',
    'SharePoint Site Storage Used (Byte)',
    'sum',
  ],
  [
    'getOffice365GroupsActivityFileCounts',
    'Total',
    'getOffice365GroupsActivityDetail',
    'SharePoint Total File Count',
    'sum',
  ],
  ['getYammerGroupsActivityGroupCounts', 'Total', 'getYammerGroupsActivityDetail', undefined, 'sum'],
];

describe('storage and totals on the refresh date are sums over the live detail rows', () => {
  it.each(STATE_FROM_DETAIL)('%s %s', (report, column, detail, detailColumn, rule) => {
    const rows = live(sim.truth.report(detail, { period: 'D7' }).rows);
    const expected = detailColumn === undefined ? rows.length : aggregate(rows, detailColumn, rule);
    expect(expected).toBeGreaterThan(0);
    expect(dailyRow(report, REFRESH)[column]).toBe(expected);
  });

  it('teams by type: the refresh date’s public and private teams are the team detail’s rows of each type', () => {
    const rows = sim.truth.report('getTeamsTeamActivityDetail', { period: 'D7' }).rows;
    const counts = dailyRow('getTeamsTeamCounts', REFRESH);
    expect(counts['Public Teams']).toBe(rows.filter((row) => row['Team Type'] === 'Public').length);
    expect(counts['Private Teams']).toBe(rows.filter((row) => row['Team Type'] === 'Private').length);
  });
});

/** [summary report, detail report, [summary column, detail column, rule][]]: D7 summary against the D7 live rows. */
const SUMMARY_FROM_DETAIL: readonly [ReportName, ReportName, readonly [string, string, Rule][]][] = [
  [
    'getTeamsDeviceUsageDistributionUserCounts',
    'getTeamsDeviceUsageUserDetail',
    [
      ['Windows', 'Used Windows', 'yes'],
      ['Linux', 'Used Linux', 'yes'],
    ],
  ],
  [
    'getYammerDeviceUsageDistributionUserCounts',
    'getYammerDeviceUsageUserDetail',
    [['iPad', 'Used iPad', 'yes']],
  ],
  [
    'getEmailAppUsageAppsUserCounts',
    'getEmailAppUsageUserDetail',
    [
      ['Outlook For Windows', 'Outlook For Windows', 'filled'],
      ['SMTP App', 'SMTP App', 'filled'],
    ],
  ],
  [
    'getTeamsTeamActivityDistributionCounts',
    'getTeamsTeamActivityDetail',
    [['Reactions', 'Reactions', 'sum']],
  ],
];

describe('a summary is the count or sum over the period’s live detail rows', () => {
  it.each(SUMMARY_FROM_DETAIL)('%s', (summary, detail, columns) => {
    const rows = live(sim.truth.report(detail, { period: 'D7' }).rows);
    const [row] = sim.truth.report(summary, { period: 'D7' }).rows;
    for (const [summaryColumn, detailColumn, rule] of columns) {
      expect(row?.[summaryColumn], summaryColumn).toBe(aggregate(rows, detailColumn, rule));
    }
  });

  it('Outlook versions: users of Outlook for Windows per version', () => {
    const rows = live(sim.truth.report('getEmailAppUsageUserDetail', { period: 'D7' }).rows);
    const [row] = sim.truth.report('getEmailAppUsageVersionsUserCounts', { period: 'D7' }).rows;
    for (const version of ['Outlook M365', 'Outlook 2016', 'Undetermined']) {
      expect(row?.[version], version).toBe(rows.filter((r) => r['Outlook For Windows'] === version).length);
    }
  });

  it('services: active = live users with a last activity in the period, inactive = the other live users', () => {
    const rows = live(sim.truth.report('getOffice365ActiveUserDetail', { period: 'D7' }).rows);
    const [row] = sim.truth.report('getOffice365ServicesUserCounts', { period: 'D7' }).rows;
    for (const workload of ['Exchange', 'OneDrive', 'SharePoint', 'Yammer', 'Teams']) {
      const active = rows.filter((r) => D7.includes(String(r[`${workload} Last Activity Date`]))).length;
      expect(row?.[`${workload} Active`], workload).toBe(active);
      expect(row?.[`${workload} Inactive`], workload).toBe(rows.length - active);
    }
  });

  it('Copilot: enabled users are the licensed users listed, active ones those with a last activity in the period', () => {
    const rows = sim.truth.report('getMicrosoft365CopilotUsageUserDetail', { period: 'D7' }).rows;
    const [row] = sim.truth.report('getMicrosoft365CopilotUserCountSummary', { period: 'D7' }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(row?.['Any App Enabled Users']).toBe(rows.length);
    expect(row?.['Any App Active Users']).toBe(
      rows.filter((r) => D7.includes(String(r['Last Activity Date']))).length,
    );
    expect(row?.['Word Active Users']).toBe(
      rows.filter((r) => D7.includes(String(r['Word Copilot Last Activity Date']))).length,
    );
  });

  it('activations: per product, the detail rows’ platform sums, holders and activated users', () => {
    const rows = sim.truth.report('getOffice365ActivationsUserDetail', {}).rows;
    const counts = sim.truth.report('getOffice365ActivationCounts', {}).rows;
    const userCounts = sim.truth.report('getOffice365ActivationsUserCounts', {}).rows;
    expect(counts.length).toBeGreaterThan(1);
    for (const product of counts) {
      const mine = rows.filter((r) => r['Product Type'] === product['Product Type']);
      expect(product.Windows).toBe(aggregate(mine, 'Windows', 'sum'));
      expect(product.iOS).toBe(aggregate(mine, 'iOS', 'sum'));
      const users = userCounts.find((r) => r['Product Type'] === product['Product Type']);
      expect(users?.Assigned).toBe(mine.length);
      expect(users?.Activated).toBe(mine.filter((r) => r['Last Activated Date'] !== null).length);
    }
  });
});

describe('the model’s invariants', () => {
  it('no user-count cell exceeds the users of the tenant, and every report has rows', () => {
    for (const report of REPORT_NAMES) {
      const definition = REPORT_CATALOG[report];
      const query: ReportQuery = definition.parameters === 'none' ? {} : { period: 'D7' };
      const { rows } = sim.truth.report(report, query);
      expect(rows.length, report).toBeGreaterThan(0);
      if (!/UserCounts|ServicesUserCounts|CopilotUserCount/.test(report)) continue;
      for (const row of rows) {
        for (const column of definition.columns) {
          const value = row[column];
          if (definition.columnTypes[column] === 'count' && value !== null) {
            expect(value as number).toBeLessThanOrEqual(300);
          }
        }
      }
    }
  });

  it('Skype for Business is retired: its counts are zero and nobody was active on any day', () => {
    const [row] = sim.truth.report('getSkypeForBusinessActivityCounts', { period: 'D7' }).rows;
    expect(row?.['Peer-to-peer']).toBe(0);
    expect(sim.truth.report('getSkypeForBusinessActivityUserDetail', { date: REFRESH }).rows).toEqual([]);
  });
});
