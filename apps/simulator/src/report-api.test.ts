import { REPORT_CATALOG } from '@m365-otel/report-catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../test/https-client.js';
import { cell, parseCsv, reportPath, Session } from '../test/session.js';
import { EXTRA_COLUMN, HEADER_DRIFTS, type RunningSimulator, startSimulator } from './index.js';

// A fixed calendar: refresh date 2026-03-13, date window 2026-02-14 .. 2026-03-15.
const now = () => new Date('2026-03-15T10:00:00Z');
let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({ seed: 8, users: 60, now });
  session = await Session.open(sim);
});
afterAll(() => sim.close());

async function download(path: string, headers: Record<string, string> = {}) {
  const call = await session.request(path, { headers });
  expect(call.status, `${path}: ${call.body.toString()}`).toBe(302);
  const file = await session.client.request(String(call.headers.location));
  return { call, csv: parseCsv(file.body) };
}

describe('paths of A.1', () => {
  it('serves a v1.0 function at /v1.0/reports and /beta/reports, plain or namespace-qualified', async () => {
    for (const path of [
      "/v1.0/reports/getTeamsUserActivityCounts(period='D7')",
      "/beta/reports/getTeamsUserActivityCounts(period='D7')",
      "/v1.0/reports/microsoft.graph.getTeamsUserActivityCounts(period='D7')",
      "/beta/reports/microsoft.graph.getTeamsUserActivityCounts(period='D7')",
    ]) {
      const { csv } = await download(path);
      expect(csv.header).toEqual(REPORT_CATALOG.getTeamsUserActivityCounts.columns);
    }
  });

  it('takes dates quoted or not, and parameterless functions with or without parentheses', async () => {
    const unquoted = await download('/v1.0/reports/getSharePointSiteUsageDetail(date=2026-03-10)');
    const quoted = await download("/v1.0/reports/getSharePointSiteUsageDetail(date='2026-03-10')");
    expect(quoted.csv.bytes.equals(unquoted.csv.bytes)).toBe(true);
    const bare = await download('/v1.0/reports/getOffice365ActivationCounts');
    const parens = await download('/v1.0/reports/getOffice365ActivationCounts()');
    expect(parens.csv.bytes.equals(bare.csv.bytes)).toBe(true);
    expect((await session.request("/v1.0/reports/getOffice365ActivationCounts(period='D7')")).status).toBe(
      400,
    );
    // A detail report without date= support refuses one.
    expect((await session.request('/v1.0/reports/getMailboxUsageDetail(date=2026-03-10)')).status).toBe(400);
  });

  it('serves beta-only functions under /beta only, and Copilot under /copilot/reports and the older /beta/reports', async () => {
    expect((await session.request("/v1.0/reports/getFormsUserActivityCounts(period='D7')")).status).toBe(400);
    await download("/beta/reports/getFormsUserActivityCounts(period='D7')");
    for (const path of [
      "/v1.0/copilot/reports/getMicrosoft365CopilotUserCountTrend(period='D7')?$format=text/csv",
      "/beta/copilot/reports/getMicrosoft365CopilotUserCountTrend(period='D7')?$format=text/csv",
      "/beta/reports/getMicrosoft365CopilotUserCountTrend(period='D7')?$format=text/csv",
    ]) {
      const { csv } = await download(path);
      expect(csv.header).toEqual(REPORT_CATALOG.getMicrosoft365CopilotUserCountTrend.columns);
    }
    expect(
      (await session.request("/v1.0/reports/getMicrosoft365CopilotUserCountTrend(period='D7')")).status,
    ).toBe(400);
    expect((await session.request("/v1.0/copilot/reports/getEmailActivityCounts(period='D7')")).status).toBe(
      400,
    );
  });
});

describe('JSON', () => {
  it('is the Copilot reports’ default: the rows under JSON names, as the truth has them', async () => {
    const response = await session.request(
      "/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D7')",
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = json(response) as { '@odata.context': string; value: Record<string, unknown>[] };
    const truth = sim.truth.report('getMicrosoft365CopilotUsageUserDetail', { period: 'D7' });
    expect(body.value).toHaveLength(truth.rows.length);
    expect(body.value[0]).toMatchObject({
      reportRefreshDate: '2026-03-13',
      reportPeriod: 7,
      userPrincipalName: truth.rows[0]?.['User Principal Name'],
      wordCopilotLastActivityDate: truth.rows[0]?.['Word Copilot Last Activity Date'],
    });
  });

  it('is given on beta when asked, with Graph’s names (InBytes, products as a list)', async () => {
    const response = await session.request(
      "/beta/reports/getMailboxUsageDetail(period='D7')?$format=application/json",
    );
    expect(response.status).toBe(200);
    const [first] = (json(response) as { value: Record<string, unknown>[] }).value;
    expect(first).toHaveProperty('storageUsedInBytes');
    expect(first).toHaveProperty('prohibitSendReceiveQuotaInBytes');
    const email = await session.request(
      "/beta/reports/getEmailActivityUserDetail(period='D7')?$format=application/json",
    );
    const [user] = (json(email) as { value: { assignedProducts: unknown }[] }).value;
    expect(Array.isArray(user?.assignedProducts)).toBe(true);
    // v1.0 documents JSON for the Microsoft 365 Apps reports only.
    expect(
      (await session.request("/v1.0/reports/getMailboxUsageDetail(period='D7')?$format=application/json"))
        .status,
    ).toBe(400);
    expect(
      (await session.request("/v1.0/reports/getM365AppUserCounts(period='D7')?$format=application/json"))
        .status,
    ).toBe(200);
  });
});

describe('JSON of the Microsoft 365 Apps reports', () => {
  const answer = async (path: string) => {
    const response = await session.request(`${path}?$format=application/json`);
    expect(response.status, response.body.toString()).toBe(200);
    return (json(response) as { value: Record<string, unknown>[] }).value;
  };

  it('nests the days of a counts report under userCounts, in one item with the refresh date and period', async () => {
    const truth = sim.truth.report('getM365AppUserCounts', { period: 'D7' });
    expect(await answer("/v1.0/reports/getM365AppUserCounts(period='D7')")).toEqual([
      {
        reportRefreshDate: '2026-03-13',
        reportPeriod: 7,
        userCounts: truth.rows.map((row) => ({
          reportDate: row['Report Date'],
          outlook: row.Outlook,
          word: row.Word,
          excel: row.Excel,
          powerPoint: row.PowerPoint,
          oneNote: row.OneNote,
          teams: row.Teams,
        })),
      },
    ]);
    const [platforms] = await answer("/v1.0/reports/getM365AppPlatformUserCounts(period='D7')");
    expect(Object.keys(platforms ?? {})).toEqual(['reportRefreshDate', 'reportPeriod', 'userCounts']);
  });

  it('gives a detail row its identity outside and the rest in a one-entry details list', async () => {
    const truth = sim.truth.report('getM365AppUserDetail', { period: 'D7' });
    const users = await answer("/v1.0/reports/getM365AppUserDetail(period='D7')");
    expect(users).toHaveLength(truth.rows.length);
    const [first] = truth.rows;
    expect(users[0]).toEqual({
      reportRefreshDate: '2026-03-13',
      userPrincipalName: first?.['User Principal Name'],
      lastActivationDate: first?.['Last Activation Date'],
      lastActivityDate: first?.['Last Activity Date'],
      details: [
        expect.objectContaining({
          reportPeriod: 7,
          windows: first?.Windows,
          outlookWindows: first?.['Outlook (Windows)'],
        }),
      ],
    });
    const { details } = users[0] as { details: Record<string, unknown>[] };
    // The period and the CSV's 34 usage flags (4 platforms, 6 apps, 24 app-platform pairs).
    expect(Object.keys(details[0] ?? {})).toHaveLength(35);
    // A day not processed yet: a header-only file, so no item.
    expect(await answer('/v1.0/reports/getM365AppUserDetail(date=2026-03-15)')).toEqual([]);
  });
});

describe('stats', () => {
  it('counts report calls per function under the catalog spelling, whatever the case or namespace of the path', async () => {
    const before = sim.stats().reportRequestsByFunction.getYammerActivityCounts ?? 0;
    await session.request("/v1.0/reports/getYammerActivityCounts(period='D7')");
    await session.request("/v1.0/reports/microsoft.graph.GETYAMMERACTIVITYCOUNTS(period='D7')");
    await session.request("/v1.0/reports/getNoSuchReport(period='D7')");
    const after = sim.stats().reportRequestsByFunction;
    expect(after.getYammerActivityCounts).toBe(before + 2);
    expect(after.getNoSuchReport).toBe(1);
  });
});

describe('ETag', () => {
  it('comes with the 302; If-None-Match with it answers 304 until the data or the names change', async () => {
    const path = reportPath('getOneDriveUsageStorage');
    const first = await session.request(path);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const before = sim.stats().reportsNotModified;
    const again = await session.request(path, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers.location).toBeUndefined();
    expect(sim.stats().reportsNotModified).toBe(before + 1);
    expect((await session.request(path, { headers: { 'If-None-Match': '"other"' } })).status).toBe(302);
    const otherPeriod = await session.request("/v1.0/reports/getOneDriveUsageStorage(period='D30')");
    expect(otherPeriod.headers.etag).not.toBe(etag);
    // A new day of data (the calendar a day on) is another file.
    sim.setClockSkew(86_400_000);
    try {
      const tomorrow = await session.request(path, { headers: { 'If-None-Match': etag } });
      expect(tomorrow.status).toBe(302);
      expect(tomorrow.headers.etag).not.toBe(etag);
    } finally {
      sim.setClockSkew(0);
    }
  });
});

describe('/admin/reportSettings', () => {
  it('GET tells, PATCH changes whether the next report files conceal names', async () => {
    const settings = async () => json(await session.request('/v1.0/admin/reportSettings'));
    expect(await settings()).toMatchObject({ displayConcealedNames: false });
    const plain = await download(reportPath('getTeamsUserActivityUserDetail'));
    const patch = (body: unknown) =>
      session.request('/v1.0/admin/reportSettings', {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await patch({ displayConcealedNames: true })).status).toBe(204);
    try {
      expect(await settings()).toMatchObject({ displayConcealedNames: true });
      expect(json(await session.request('/beta/admin/reportSettings'))).toMatchObject({
        displayConcealedNames: true,
      });
      const concealed = await download(reportPath('getTeamsUserActivityUserDetail'));
      expect(concealed.call.headers.etag).not.toBe(plain.call.headers.etag);
      for (const row of concealed.csv.rows) {
        expect(cell(concealed.csv, row, 'User Principal Name')).toMatch(/^[0-9A-F]{32}$/);
        expect(cell(concealed.csv, row, 'User Id')).toBe('00000000-0000-0000-0000-000000000000');
      }
      const sites = await download(reportPath('getSharePointSiteUsageDetail'));
      for (const row of sites.csv.rows) expect(cell(sites.csv, row, 'Site URL')).toMatch(/^[0-9A-F]{32}$/);
      expect(sim.truth.summary().concealedNames).toBe(true);
      expect(
        sim.truth.report('getTeamsUserActivityUserDetail', { period: 'D7' }).rows[0]?.['User Principal Name'],
      ).toBe(cell(concealed.csv, concealed.csv.rows[0] ?? [], 'User Principal Name'));
    } finally {
      expect((await patch({ displayConcealedNames: false })).status).toBe(204);
    }
    expect(cell(plain.csv, plain.csv.rows[0] ?? [], 'User Principal Name')).toContain('@');
  });

  it("answers under `value`, as Microsoft's documentation example does, with reportSettingsShape 'wrapped'", async () => {
    const wrapped = await startSimulator({
      seed: 8,
      users: 5,
      now,
      reportSettingsShape: 'wrapped',
      concealedNames: true,
    });
    try {
      const wrappedSession = await Session.open(wrapped);
      expect(json(await wrappedSession.request('/v1.0/admin/reportSettings'))).toEqual({
        value: { '@odata.type': '#microsoft.graph.adminReportSettings', displayConcealedNames: true },
      });
    } finally {
      await wrapped.close();
    }
    await expect(startSimulator({ reportSettingsShape: 'flat' as unknown as 'wrapped' })).rejects.toThrow(
      "simulator reportSettingsShape must be one of entity, wrapped, got 'flat'",
    );
  });

  it('refuses a bad body, and answers 403 when the app lacks the permission', async () => {
    const bad = await session.request('/v1.0/admin/reportSettings', {
      method: 'PATCH',
      body: JSON.stringify({ displayConcealedNames: 'yes' }),
    });
    expect(bad.status).toBe(400);
    sim.faults.inject({ kind: 'forbidden', target: 'report-settings' });
    const forbidden = await session.request('/v1.0/admin/reportSettings');
    expect(forbidden.status).toBe(403);
    expect(JSON.stringify(json(forbidden))).toContain('Authorization_RequestDenied');
    expect((await session.request('/v1.0/admin/reportSettings')).status).toBe(200);
  });
});

describe('header drift', () => {
  it('a header-* fault drifts the next file of that report only', async () => {
    const columns = REPORT_CATALOG.getYammerActivityCounts.columns;
    const path = reportPath('getYammerActivityCounts');
    sim.faults.inject({ kind: 'header-missing', report: 'getYammerActivityCounts' });
    const drifted = await download(path);
    expect(drifted.csv.header).toEqual(columns.filter((column) => column !== 'Read'));
    expect((await download(path)).csv.header).toEqual(columns);
  });

  it.each(HEADER_DRIFTS)(
    '--header-drift %s changes every header the same way, and the truth with it',
    async (drift) => {
      const drifting = await startSimulator({ seed: 8, users: 20, now, headerDrift: drift });
      try {
        const s = await Session.open(drifting);
        const report = 'getEmailActivityUserDetail';
        const columns = REPORT_CATALOG[report].columns;
        const response = await s.request(reportPath(report));
        const csv = parseCsv((await s.client.request(String(response.headers.location))).body);
        const truth = drifting.truth.report(report, { period: 'D7' });
        expect(csv.header).toEqual(truth.columns);
        expect(csv.rows).toHaveLength(truth.rows.length);
        if (drift === 'reorder') expect(csv.header).toEqual([columns[0], ...columns.slice(1).reverse()]);
        if (drift === 'missing') expect(csv.header).toEqual(columns.filter((c) => c !== 'Assigned Products'));
        if (drift === 'extra') expect(csv.header).toEqual([...columns, EXTRA_COLUMN]);
        if (drift === 'rename') {
          expect(csv.header).toContain('Assigned  products');
          expect(csv.header).not.toContain('Assigned Products');
        }
        expect(drifting.truth.summary().headerDrift).toBe(drift);
      } finally {
        await drifting.close();
      }
    },
  );
});

describe('ground truth of any report', () => {
  it('GET /_simulator/truth/report gives the file’s columns and typed rows', async () => {
    const get = async (query: string) => {
      const response = await session.client.request(`${sim.url}/_simulator/truth/report?${query}`);
      return { status: response.status, body: JSON.parse(response.body.toString('utf8')) as unknown };
    };
    for (const [query, report, args] of [
      ['name=getTeamsDeviceUsageUserDetail&period=D7', 'getTeamsDeviceUsageUserDetail', { period: 'D7' }],
      ['name=getOneDriveUsageStorage&period=D30', 'getOneDriveUsageStorage', { period: 'D30' }],
      [
        'name=getYammerActivityUserDetail&date=2026-03-09',
        'getYammerActivityUserDetail',
        { date: '2026-03-09' },
      ],
      ['name=getOffice365ActivationsUserCounts', 'getOffice365ActivationsUserCounts', {}],
    ] as const) {
      const answer = await get(query);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(sim.truth.report(report, args));
    }
    const [row] = sim.truth.report('getTeamsDeviceUsageUserDetail', { period: 'D7' }).rows;
    expect(typeof row?.['Used Web']).toBe('boolean');
    expect(typeof row?.['Report Period']).toBe('number');
    expect((await get('name=getNothing&period=D7')).status).toBe(400);
    expect((await get('name=getMailboxUsageDetail&date=2026-03-09')).status).toBe(400);
  });

  it('the typed rows are the downloaded cells', async () => {
    const { csv } = await download(reportPath('getTeamsUserActivityUserDetail'));
    const truth = sim.truth.report('getTeamsUserActivityUserDetail', { period: 'D7' });
    // Is Deleted is written True/False, the Teams flags Yes/No.
    const text = (column: string, value: unknown): string => {
      if (typeof value !== 'boolean') return value === null ? '' : String(value);
      if (column === 'Is Deleted') return value ? 'True' : 'False';
      return value ? 'Yes' : 'No';
    };
    const asText = truth.rows.map((row) => truth.columns.map((column) => text(column, row[column])));
    expect(csv.rows).toEqual(asText);
  });
});
