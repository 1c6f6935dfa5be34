import { REPORT_CATALOG, REPORT_NAMES, type ReportName } from '@m365-otel/report-catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../test/https-client.js';
import { cell, type ParsedCsv, Session } from '../test/session.js';
import { PENDING_ON_REFRESH_DATE, type RunningSimulator, startSimulator } from './index.js';

const now = () => new Date('2026-03-15T10:00:00Z');
const REFRESH = '2026-03-13';
const D7_DAYS = [
  '2026-03-13',
  '2026-03-12',
  '2026-03-11',
  '2026-03-10',
  '2026-03-09',
  '2026-03-08',
  '2026-03-07',
];
const EMAIL_COLUMNS = ['Send', 'Receive', 'Read', 'Meeting Created', 'Meeting Interacted'] as const;
const DAILY_REPORTS: ReportName[] = [
  'getEmailActivityCounts',
  'getEmailActivityUserCounts',
  'getMailboxUsageMailboxCounts',
  'getMailboxUsageQuotaStatusMailboxCounts',
  'getMailboxUsageStorage',
];

let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, users: 600, now });
  session = await Session.open(sim);
});
afterAll(() => sim.close());

const num = (text: string): number => {
  expect(text).toMatch(/^\d+$/);
  return Number(text);
};

function rowFor(csv: ParsedCsv, reportDate: string): string[] {
  const row = csv.rows.find((candidate) => cell(csv, candidate, 'Report Date') === reportDate);
  if (row === undefined) throw new Error(`no row for ${reportDate}`);
  return row;
}

describe('empty cells', () => {
  it.each(['getEmailActivityCounts', 'getEmailActivityUserCounts'])(
    '%s leaves Send, Read and Meeting Interacted empty on the refresh date only',
    async (report) => {
      const csv = await session.csv(`${report}(period='D7')`);
      expect(PENDING_ON_REFRESH_DATE).toEqual(['Send', 'Read', 'Meeting Interacted']);
      for (const row of csv.rows) {
        const newest = cell(csv, row, 'Report Date') === REFRESH;
        for (const column of EMAIL_COLUMNS) {
          const empty = newest && PENDING_ON_REFRESH_DATE.includes(column);
          expect(cell(csv, row, column) === '', `${column} on ${cell(csv, row, 'Report Date')}`).toBe(empty);
        }
      }
    },
  );
});

describe('counts reports agree with detail reports', () => {
  it('each email counts day = the sum of that day’s per-user detail; user counts = users with > 0', async () => {
    const counts = await session.csv("getEmailActivityCounts(period='D7')");
    const userCounts = await session.csv("getEmailActivityUserCounts(period='D7')");
    for (const day of D7_DAYS) {
      const detail = await session.csv(`getEmailActivityUserDetail(date=${day})`);
      for (const column of EMAIL_COLUMNS) {
        const values = detail.rows.map((row) => num(cell(detail, row, `${column} Count`)));
        const sum = values.reduce((a, b) => a + b, 0);
        const users = values.filter((value) => value > 0).length;
        const countCell = cell(counts, rowFor(counts, day), column);
        const userCell = cell(userCounts, rowFor(userCounts, day), column);
        if (countCell === '') {
          // Not processed yet: the detail has nothing for it either.
          expect(sum).toBe(0);
          expect(userCell).toBe('');
        } else {
          expect(num(countCell), `${column} ${day}`).toBe(sum);
          expect(num(userCell), `${column} users ${day}`).toBe(users);
        }
      }
    }
  });

  it('the D7 email detail sums to the D7 counts', async () => {
    const counts = await session.csv("getEmailActivityCounts(period='D7')");
    const detail = await session.csv("getEmailActivityUserDetail(period='D7')");
    expect(detail.rows).toHaveLength(600);
    for (const column of EMAIL_COLUMNS) {
      const fromCounts = counts.rows.reduce((sum, row) => sum + Number(cell(counts, row, column) || 0), 0);
      const fromDetail = detail.rows.reduce((sum, row) => sum + num(cell(detail, row, `${column} Count`)), 0);
      expect(fromDetail, column).toBe(fromCounts);
    }
  });

  it('mailbox counts, quota status and storage on the refresh date match the D7 mailbox detail', async () => {
    const detail = await session.csv("getMailboxUsageDetail(period='D7')");
    const live = detail.rows.filter((row) => cell(detail, row, 'Is Deleted') === 'False');
    const deleted = detail.rows.filter((row) => cell(detail, row, 'Is Deleted') === 'True');
    expect(deleted.length).toBeGreaterThan(0);
    for (const row of deleted) expect(cell(detail, row, 'Deleted Date')).toMatch(/^\d{4}-\d\d-\d\d$/);

    const mailboxCounts = await session.csv("getMailboxUsageMailboxCounts(period='D7')");
    const newest = rowFor(mailboxCounts, REFRESH);
    expect(num(cell(mailboxCounts, newest, 'Total'))).toBe(live.length);
    const active = live.filter((row) => cell(detail, row, 'Last Activity Date') === REFRESH).length;
    expect(num(cell(mailboxCounts, newest, 'Active'))).toBe(active);

    const storage = await session.csv("getMailboxUsageStorage(period='D7')");
    const totalBytes = live.reduce((sum, row) => sum + num(cell(detail, row, 'Storage Used (Byte)')), 0);
    expect(num(cell(storage, rowFor(storage, REFRESH), 'Storage Used (Byte)'))).toBe(totalBytes);

    const status = { under: 0, warning: 0, send: 0, sendReceive: 0 };
    for (const row of live) {
      const used = num(cell(detail, row, 'Storage Used (Byte)'));
      if (used >= num(cell(detail, row, 'Prohibit Send/Receive Quota (Byte)'))) status.sendReceive += 1;
      else if (used >= num(cell(detail, row, 'Prohibit Send Quota (Byte)'))) status.send += 1;
      else if (used >= num(cell(detail, row, 'Issue Warning Quota (Byte)'))) status.warning += 1;
      else status.under += 1;
    }
    expect(status.warning).toBeGreaterThan(0);
    expect(status.send).toBeGreaterThan(0);
    expect(status.sendReceive).toBeGreaterThan(0);
    const quota = await session.csv("getMailboxUsageQuotaStatusMailboxCounts(period='D7')");
    const quotaRow = rowFor(quota, REFRESH);
    expect({
      under: num(cell(quota, quotaRow, 'Under Limit')),
      warning: num(cell(quota, quotaRow, 'Warning Issued')),
      send: num(cell(quota, quotaRow, 'Send Prohibited')),
      sendReceive: num(cell(quota, quotaRow, 'Send/Receive Prohibited')),
    }).toEqual(status);
    expect(cell(quota, quotaRow, 'Indeterminate')).toBe('0');
  });

  it('storage grows from day to day', async () => {
    const storage = await session.csv("getMailboxUsageStorage(period='D7')");
    const bytes = storage.rows.map((row) => num(cell(storage, row, 'Storage Used (Byte)')));
    expect(new Set(bytes).size).toBeGreaterThan(1);
  });
});

describe('ground truth', () => {
  it('matches every daily-counts file, with null for empty cells', async () => {
    expect(sim.truth.reportRefreshDate).toBe(REFRESH);
    for (const report of DAILY_REPORTS) {
      const csv = await session.csv(`${report}(period='D7')`);
      const truth = sim.truth.dailyCounts(report, 'D7');
      expect(truth.map((row) => row.reportDate)).toEqual(D7_DAYS);
      const valueColumns = REPORT_CATALOG[report].columns.filter(
        (column) => !['Report Refresh Date', 'Report Date', 'Report Period'].includes(column),
      );
      const fromCsv = csv.rows.map((row) => ({
        reportDate: cell(csv, row, 'Report Date'),
        values: Object.fromEntries(
          valueColumns.map((column) => [
            column,
            cell(csv, row, column) === '' ? null : Number(cell(csv, row, column)),
          ]),
        ),
      }));
      expect(truth).toEqual(fromCsv);
    }
  });

  it('detail rows and totals match the detail files', async () => {
    const csv = await session.csv("getMailboxUsageDetail(period='D7')");
    const rows = [...sim.truth.detailRows('getMailboxUsageDetail', { period: 'D7' })];
    expect(rows).toHaveLength(csv.rows.length);
    expect(rows[0]?.['User Principal Name']).toBe(cell(csv, csv.rows[0] ?? [], 'User Principal Name'));
    const totals = sim.truth.detailTotals('getMailboxUsageDetail', { period: 'D7' });
    const live = csv.rows.filter((row) => cell(csv, row, 'Is Deleted') === 'False');
    expect(totals.rows).toBe(csv.rows.length);
    expect(totals.deletedRows).toBe(csv.rows.length - live.length);
    for (const column of ['Item Count', 'Deleted Item Count', 'Storage Used (Byte)']) {
      expect(totals.sums[column]).toBe(live.reduce((sum, row) => sum + Number(cell(csv, row, column)), 0));
    }
    expect(totals.trueCounts['Has Archive']).toBe(
      live.filter((row) => cell(csv, row, 'Has Archive') === 'True').length,
    );
    const dated = sim.truth.detailTotals('getEmailActivityUserDetail', { date: '2026-03-10' });
    const datedCsv = await session.csv('getEmailActivityUserDetail(date=2026-03-10)');
    expect(dated.rows).toBe(datedCsv.rows.length);
  });

  it('refuses what Graph refuses, with precise messages', () => {
    expect(() => sim.truth.detailTotals('getEmailActivityUserDetail', { date: '2026-01-01' })).toThrow(
      /outside the window 2026-02-14\.\.2026-03-15/,
    );
    expect(() => sim.truth.detailTotals('getMailboxUsageDetail', { date: '2026-03-10' })).toThrow(
      /does not support/,
    );
    expect(() => sim.truth.dailyCounts('getMailboxUsageDetail' as ReportName, 'D7')).toThrow(/detail report/);
  });

  it('is mirrored over HTTP without authentication', async () => {
    const get = async (path: string) => {
      const response = await session.client.request(`${sim.url}/_simulator/truth${path}`);
      return { status: response.status, body: JSON.parse(response.body.toString('utf8')) as unknown };
    };
    expect((await get('')).body).toEqual(sim.truth.summary());
    expect((await get('/daily-counts?report=getEmailActivityCounts&period=D30')).body).toEqual(
      sim.truth.dailyCounts('getEmailActivityCounts', 'D30'),
    );
    expect((await get('/detail-totals?report=getMailboxUsageDetail&period=D7')).body).toEqual(
      sim.truth.detailTotals('getMailboxUsageDetail', { period: 'D7' }),
    );
    const ndjson = await session.client.request(
      `${sim.url}/_simulator/truth/detail-rows?report=getEmailActivityUserDetail&date=2026-03-10`,
    );
    const lines = ndjson.body
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([...sim.truth.detailRows('getEmailActivityUserDetail', { date: '2026-03-10' })]);
    const bad = await get('/daily-counts?report=getNothing&period=D7');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("unknown report 'getNothing'");
    // Control traffic is not part of what the stats describe.
    const before = sim.stats().requests;
    await get('');
    expect(sim.stats().requests).toBe(before);
  });
});

describe('determinism', () => {
  it('the same seed gives the same bytes; another seed does not', async () => {
    const twin = await startSimulator({ seed: 11, users: 600, now });
    const other = await startSimulator({ seed: 12, users: 600, now });
    try {
      const twinSession = await Session.open(twin);
      const otherSession = await Session.open(other);
      for (const report of REPORT_NAMES) {
        const definition = REPORT_CATALOG[report];
        const args = definition.parameters === 'none' ? '' : "(period='D30')";
        const mine = (await session.reportCsv(report, args)).bytes;
        expect((await twinSession.reportCsv(report, args)).bytes.equals(mine), report).toBe(true);
        // A retired product's counts are zeros in every tenant.
        if (definition.retired === true && definition.shape !== 'per-entity') continue;
        expect((await otherSession.reportCsv(report, args)).bytes.equals(mine), report).toBe(false);
      }
      const dated = 'getEmailActivityUserDetail(date=2026-02-20)';
      expect((await twinSession.download(dated)).equals(await session.download(dated))).toBe(true);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  }, 120_000);

  it('concealed names are 32 upper-case hex, stable for a user across reports', async () => {
    const concealed = await startSimulator({ seed: 11, users: 50, now, concealedNames: true });
    try {
      const s = await Session.open(concealed);
      const email = await s.csv("getEmailActivityUserDetail(period='D7')");
      const mailbox = await s.csv("getMailboxUsageDetail(period='D7')");
      for (const [i, row] of email.rows.entries()) {
        const upn = cell(email, row, 'User Principal Name');
        expect(upn).toMatch(/^[0-9A-F]{32}$/);
        expect(cell(email, row, 'Display Name')).toMatch(/^[0-9A-F]{32}$/);
        expect(cell(email, row, 'Display Name')).not.toBe(upn);
        expect(cell(mailbox, mailbox.rows[i] ?? [], 'User Principal Name')).toBe(upn);
      }
      expect(json(await s.client.request(`${concealed.url}/_simulator/truth`)).concealedNames).toBe(true);
    } finally {
      await concealed.close();
    }
  });
});
