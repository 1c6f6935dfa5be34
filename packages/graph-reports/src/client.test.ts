import {
  type FakeGraph,
  type Handler,
  type Route,
  rejection,
  spyLogger,
  useGraphClientFixtures,
} from '@m365-otel/fake-graph';
import { HttpClient, type HttpClientOptions } from '@m365-otel/http';
import { REPORT_CATALOG } from '@m365-otel/report-catalog';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  type ReportQuery,
  type ReportRow,
  ReportsClient,
  type ReportsClientOptions,
  type RowVisitor,
} from './client.js';
import { ReportError } from './errors.js';

/** Collects rows as plain objects of the columns asked for; counts how often a fresh state was started. */
function collect(columns: readonly string[]) {
  const starts = vi.fn();
  const visitor: RowVisitor<{ rows: Array<Record<string, string | undefined>>; lines: number[] }> = {
    start: (header) => {
      starts(header);
      return { rows: [], lines: [] };
    },
    row: (state, row: ReportRow) => {
      state.rows.push(Object.fromEntries(columns.map((column) => [column, row.get(column)])));
      state.lines.push(row.line);
    },
  };
  return { visitor, starts };
}

const COUNTS = REPORT_CATALOG.getEmailActivityCounts.columns;
const COUNTS_CSV = `\uFEFF${COUNTS.join(',')}\r\n2024-05-03,10,20,30,1,2,2024-05-03,7\r\n2024-05-03,,,,,,2024-05-02,7\r\n`;
const D7: ReportQuery = { report: 'getEmailActivityCounts', period: 'D7' };

const fixtures = useGraphClientFixtures();
// The report functions answer a 302 to the download host (the same server under another host name, as in
// production), which serves `csv`, unless a test queued otherwise.
let fake: FakeGraph;
let reports: Route;
let downloads: Route;
let csv = '';

const redirect = () => fake.redirect(`${fake.otherHostUrl}/download/CREDENTIAL-IN-PATH?sig=SECRET`);

async function setup(options: Partial<ReportsClientOptions> = {}, httpOptions: HttpClientOptions = {}) {
  const fixture = await fixtures.start(httpOptions);
  fake = fixture.fake;
  reports = fake.route('/v1.0/reports/', redirect());
  downloads = fake.route('/download/', (req, res) => fake.serve(csv)(req, res));
  csv = '';
  const client = new ReportsClient({ ...fixture.options, ...options });
  return { client, sleeps: fixture.sleeps, getAccessToken: fixture.options.getAccessToken };
}

const failure = (promise: Promise<unknown>) => rejection(promise, ReportError);

describe('ReportsClient', () => {
  it('follows the 302 to the download host without Authorization and streams rows by header name', async () => {
    const { client } = await setup();
    csv = COUNTS_CSV;
    const { visitor } = collect(['Report Date', 'Send', 'Meeting Interacted']);
    const result = await client.read(D7, visitor);

    expect(result.rows).toBe(2);
    expect(result.header).toEqual({ columns: [...COUNTS], missing: [], unknown: [] });
    expect(result.state.rows).toEqual([
      { 'Report Date': '2024-05-03', Send: '10', 'Meeting Interacted': '2' },
      { 'Report Date': '2024-05-02', Send: undefined, 'Meeting Interacted': undefined },
    ]);
    expect(result.state.lines).toEqual([2, 3]);

    const [graph] = fake.requests('/v1.0/');
    expect(graph?.path).toBe("/v1.0/reports/getEmailActivityCounts(period='D7')");
    expect(graph?.headers.authorization).toBe('Bearer token-1');
    expect(graph?.headers['client-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    const downloads = fake.requests('/download/');
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.host).toBe(`localhost:${fake.port}`);
    expect(downloads[0]?.path).toBe('/download/CREDENTIAL-IN-PATH?sig=SECRET');
    expect(downloads[0]?.headers.authorization).toBeUndefined();
  });

  it('logs the client-request-id it sends', async () => {
    const debug = vi.fn();
    const logger = { debug, info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const { client } = await setup({ logger });
    csv = COUNTS_CSV;
    await client.read(D7, collect([]).visitor);
    const sent = fake.requests('/v1.0/')[0]?.headers['client-request-id'];
    expect(debug).toHaveBeenCalledWith(
      'HTTP answer',
      expect.objectContaining({ request: 'getEmailActivityCounts', clientRequestId: sent, status: 302 }),
    );
    expect(JSON.stringify([debug.mock.calls, logger.info.mock.calls])).not.toContain('SECRET');
  });

  it('logs and reports no part of the download URL beyond scheme and host: its path is a credential', async () => {
    const logger = spyLogger();
    const { client } = await setup({ logger, retry: { maxAttempts: 2 } });
    csv = COUNTS_CSV;
    await client.read(D7, collect([]).visitor);
    const gone: Handler = (_req, res) => res.writeHead(404).end('<Error>BlobNotFound</Error>');
    downloads.queue.push(gone, gone);
    const error = await failure(client.read(D7, collect([]).visitor));
    expect(error.message).toContain(`the download host (https://localhost:${fake.port}) answered 404`);
    const logged = JSON.stringify(Object.values(logger).map((spy) => spy.mock.calls));
    expect(logger.warn).toHaveBeenCalled();
    expect(logged).toContain(`https://localhost:${fake.port}`);
    for (const text of [logged, error.message, String(error.cause)]) {
      expect(text).not.toContain('CREDENTIAL');
      expect(text).not.toContain('/download');
      expect(text).not.toContain('SECRET');
    }
  });

  it('matches reordered, padded, quoted, unknown and missing columns by name', async () => {
    const { client } = await setup();
    csv = [
      'User Principal Name,  Storage   Used (Byte) ,Report Refresh Date,Future Column,Display Name,Has Archive',
      '"a@contoso.com",1024,2024-05-03,x,"Doe, Jane",True',
      'b@contoso.com, 2048 ,2024-05-03,,"Multi\nline ""name""",',
    ].join('\r\n');
    const { visitor, starts } = collect([
      'User Principal Name',
      'Storage Used (Byte)',
      'Display Name',
      'Has Archive',
      'Item Count',
    ]);
    const result = await client.read({ report: 'getMailboxUsageDetail', period: 'D30' }, visitor);

    expect(fake.requests('/v1.0/')[0]?.path).toBe("/v1.0/reports/getMailboxUsageDetail(period='D30')");
    expect(starts).toHaveBeenCalledTimes(1);
    expect(result.header.columns).toEqual([
      'User Principal Name',
      'Storage Used (Byte)',
      'Report Refresh Date',
      'Future Column',
      'Display Name',
      'Has Archive',
    ]);
    expect(result.header.unknown).toEqual(['Future Column']);
    expect(result.header.missing).toEqual(
      REPORT_CATALOG.getMailboxUsageDetail.columns.filter(
        (column) => !result.header.columns.includes(column),
      ),
    );
    expect(result.header.missing).toContain('Deleted Item Quota (Byte)');
    expect(result.state.rows).toEqual([
      {
        'User Principal Name': 'a@contoso.com',
        'Storage Used (Byte)': '1024',
        'Display Name': 'Doe, Jane',
        'Has Archive': 'True',
        'Item Count': undefined,
      },
      {
        'User Principal Name': 'b@contoso.com',
        'Storage Used (Byte)': '2048',
        'Display Name': 'Multi\nline "name"',
        'Has Archive': undefined,
        'Item Count': undefined,
      },
    ]);
    expect(result.state.lines).toEqual([2, 3]);
  });

  it('asks for a single day with an unquoted date where the report allows it', async () => {
    const { client } = await setup();
    csv = `${REPORT_CATALOG.getEmailActivityUserDetail.columns.join(',')}\n`;
    const result = await client.read(
      { report: 'getEmailActivityUserDetail', date: '2024-05-01' },
      collect([]).visitor,
    );
    expect(result.rows).toBe(0);
    expect(fake.requests('/v1.0/')[0]?.path).toBe(
      '/v1.0/reports/getEmailActivityUserDetail(date=2024-05-01)',
    );
  });

  it('calls each function on its endpoint: Copilot asking for CSV, Forms on beta, activations without parentheses', async () => {
    const { client } = await setup();
    fake.route('/v1.0/copilot/reports/', redirect());
    fake.route('/beta/reports/', redirect());
    csv = 'Report Refresh Date\n';
    const { visitor } = collect([]);
    await client.read({ report: 'getMicrosoft365CopilotUserCountSummary', period: 'D30' }, visitor);
    await client.read({ report: 'getFormsUserActivityUserDetail', date: '2024-05-01' }, visitor);
    await client.read({ report: 'getOffice365ActivationCounts' }, visitor);
    expect(fake.requests('/v1.0/').map((seen) => seen.path)).toEqual([
      "/v1.0/copilot/reports/getMicrosoft365CopilotUserCountSummary(period='D30')?$format=text/csv",
      '/v1.0/reports/getOffice365ActivationCounts',
    ]);
    expect(fake.requests('/beta/')[0]?.path).toBe(
      '/beta/reports/getFormsUserActivityUserDetail(date=2024-05-01)',
    );
  });

  it('matches the catalog header normalised, so the service own double space is neither missing nor unknown', async () => {
    const { client } = await setup();
    const columns = REPORT_CATALOG.getTeamsDeviceUsageUserDetail.columns;
    csv = `${columns.join(',')}\n`;
    const twoSpaces = await client.read(
      { report: 'getTeamsDeviceUsageUserDetail', period: 'D7' },
      collect([]).visitor,
    );
    expect(twoSpaces.header.missing).toEqual([]);
    expect(twoSpaces.header.unknown).toEqual([]);
    expect(twoSpaces.header.columns).toContain('Used Chrome OS');
    csv = `${columns.join(',').replace('Used  Chrome OS', 'Used Chrome OS')}\n`;
    const oneSpace = await client.read(
      { report: 'getTeamsDeviceUsageUserDetail', period: 'D7' },
      collect([]).visitor,
    );
    expect(oneSpace.header.unknown).toEqual([]);
  });

  it('rejects invalid queries before any request', async () => {
    const { client } = await setup();
    const { visitor } = collect([]);
    expect(
      (await failure(client.read({ report: 'getMailboxUsageDetail', date: '2024-05-01' }, visitor))).message,
    ).toBe('getMailboxUsageDetail does not take a date, only a period (D7, D30, D90, D180)');
    expect(
      (await failure(client.read({ report: 'getEmailActivityUserDetail', date: '2024-02-30' }, visitor)))
        .message,
    ).toBe('getEmailActivityUserDetail: date must be a calendar date YYYY-MM-DD, got "2024-02-30"');
    const badPeriod = { report: 'getEmailActivityCounts', period: 'D8' } as unknown as ReportQuery;
    expect((await failure(client.read(badPeriod, visitor))).message).toBe(
      'getEmailActivityCounts: period must be one of D7, D30, D90, D180, got "D8"',
    );
    expect(
      (await failure(client.read({ report: 'getOffice365ActivationCounts', period: 'D7' }, visitor))).message,
    ).toBe('getOffice365ActivationCounts takes neither a period nor a date');
    expect((await failure(client.read({ report: 'getEmailActivityCounts' }, visitor))).message).toBe(
      'getEmailActivityCounts: set exactly one of period or date',
    );
    const unknown = { report: 'getNothing', period: 'D7' } as unknown as ReportQuery;
    await expect(client.read(unknown, visitor)).rejects.toThrow(
      'unknown report function "getNothing"; known: ',
    );
    expect(fake.seen).toHaveLength(0);
  });

  it('waits for Retry-After in seconds (decimals included) on 429, then succeeds', async () => {
    const { client, sleeps } = await setup();
    reports.queue.push(
      fake.graphError(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': '2.128' }),
    );
    csv = COUNTS_CSV;
    const result = await client.read(D7, collect([]).visitor);
    expect(result.rows).toBe(2);
    expect(sleeps).toEqual([2128]);
    expect(fake.requests('/v1.0/')).toHaveLength(2);
  });

  it('waits for Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    const { client, sleeps } = await setup({ now: () => now });
    reports.queue.push(
      fake.graphError(429, 'TooManyRequests', 'Please retry again later.', {
        'Retry-After': 'Wed, 01 May 2024 12:00:42 GMT',
      }),
    );
    csv = COUNTS_CSV;
    await client.read(D7, collect([]).visitor);
    expect(sleeps).toEqual([42_000]);
  });

  it('backs off with full jitter on 503 without Retry-After, then succeeds', async () => {
    const { client, sleeps } = await setup();
    reports.queue.push(
      fake.graphError(503, 'serviceNotAvailable', 'try later'),
      fake.graphError(503, 'serviceNotAvailable', 'x'),
    );
    csv = COUNTS_CSV;
    await client.read(D7, collect([]).visitor);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('retries the whole report with a fresh state after a reset mid-body', async () => {
    const { client } = await setup();
    const first = `${COUNTS.join(',')}\n2024-05-03,99,99,99,99,99,2024-05-03,7\n`;
    downloads.queue.push((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(first.length + 500) });
      res.write(first, () => setTimeout(() => res.socket?.destroy(), 20));
    });
    csv = COUNTS_CSV;
    const { visitor, starts } = collect(['Send']);
    const result = await client.read(D7, visitor);
    expect(starts).toHaveBeenCalledTimes(2);
    expect(result.state.rows).toEqual([{ Send: '10' }, { Send: undefined }]);
    expect(fake.requests('/v1.0/')).toHaveLength(2);
  });

  it('retries a stalled body (body timeout) and gives up with a transient ReportError when it keeps stalling', async () => {
    const { client } = await setup({ retry: { maxAttempts: 2 } }, { bodyTimeoutMs: 150 });
    const stall: Handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write(`${COUNTS.join(',')}\n`);
    };
    downloads.queue.push(stall, stall);
    const error = await failure(client.read(D7, collect([]).visitor));
    expect(error.transient).toBe(true);
    expect(error.message).toMatch(
      new RegExp(
        `^getEmailActivityCounts: download from https://localhost:${fake.port} broke off after 0 rows: .*\\(gave up after 2 attempts\\)$`,
      ),
    );
    expect(error.message).not.toContain('SECRET');
  });

  it('ends a download that trickles past its deadline, without reading the whole report again', async () => {
    const { client } = await setup({ downloadDeadlineMs: 300 });
    let timer: NodeJS.Timeout | undefined;
    downloads.queue.push((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.write(`${COUNTS.join(',')}\n`);
      // Far more often than the body timeout: only an overall deadline ends it.
      timer = setInterval(() => res.write('2024-05-03,1,2,3,4,5,2024-05-03,7\n'), 20);
      res.on('close', () => clearInterval(timer));
    });
    const { visitor } = collect([]);
    const error = await failure(client.read(D7, visitor));
    clearInterval(timer);
    expect(error.message).toBe(
      `getEmailActivityCounts: the download from https://localhost:${fake.port} did not finish within its deadline of 0.3 s`,
    );
    expect(error).toMatchObject({ transient: true, status: 200 });
    expect(fake.requests('/v1.0/')).toHaveLength(1);
  });

  it("keeps the caller's abort reason during a download", async () => {
    const { client } = await setup();
    const controller = new AbortController();
    downloads.queue.push((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.write(`${COUNTS.join(',')}\n`, () => controller.abort(new Error('shutting down')));
    });
    await expect(client.read(D7, collect([]).visitor, { signal: controller.signal })).rejects.toThrow(
      'shutting down',
    );
  });

  it('retries a truncated body (connection closed before Content-Length was reached), told to the observer', async () => {
    const warn = vi.fn();
    const observer = { attempted: vi.fn(), retrying: vi.fn() };
    const { client } = await setup({
      logger: { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() },
      observer,
    });
    downloads.queue.push((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(COUNTS_CSV.length + 10) });
      // A clean FIN (no reset) after part of the promised body: only the length check can tell.
      const secondRow = COUNTS_CSV.indexOf('\n', COUNTS_CSV.indexOf('\n') + 1) + 1;
      res.write(COUNTS_CSV.slice(0, secondRow + 5), () => res.socket?.end());
    });
    csv = COUNTS_CSV;
    const { visitor, starts } = collect([]);
    const result = await client.read(D7, visitor);
    expect(starts).toHaveBeenCalledTimes(2);
    expect(result.rows).toBe(2);
    expect(warn).toHaveBeenCalledWith(
      'report read failed, retrying the whole report',
      expect.objectContaining({ attempt: 1, error: expect.stringContaining('broke off after 1 rows') }),
    );
    expect(observer.attempted.mock.calls).toEqual([
      ['graph.reports', { status: 302 }],
      ['graph.report_download', { status: 200 }],
      ['graph.reports', { status: 302 }],
      ['graph.report_download', { status: 200 }],
    ]);
    expect(observer.retrying.mock.calls).toEqual([
      ['graph.report_download', { reason: 'network', delayMs: expect.any(Number) }],
    ]);
  });

  it("reads no further while the visitor's ready() wait is pending, and on once it settles", async () => {
    const { client } = await setup();
    const firstRow = COUNTS_CSV.indexOf('\n', COUNTS_CSV.indexOf('\n') + 1) + 1;
    let rest: (() => void) | undefined;
    downloads.queue.push((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.write(COUNTS_CSV.slice(0, firstRow));
      rest = () => res.end(COUNTS_CSV.slice(firstRow));
    });
    const { visitor } = collect(['Report Date']);
    let release: (() => void) | undefined;
    const firstWait = new Promise<AbortSignal>((resolveWait) => {
      visitor.ready = (_state, signal) => {
        if (release !== undefined) return undefined;
        resolveWait(signal);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      };
    });
    const states: Array<{ rows: unknown[] }> = [];
    const start = visitor.start;
    visitor.start = (header) => {
      const state = start(header);
      states.push(state);
      return state;
    };
    const reading = client.read(D7, visitor);
    expect(await firstWait).toBeInstanceOf(AbortSignal);
    rest?.();
    // The rest of the file has arrived at the socket; the client does not parse it while the visitor waits.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(states[0]?.rows).toHaveLength(1);
    release?.();
    const result = await reading;
    expect(result.rows).toBe(2);
    expect(states).toHaveLength(1);
  });

  it('fails on a row whose cell count differs from the header, naming the line, without retrying', async () => {
    const { client } = await setup();
    csv = `${COUNTS.join(',')}\n2024-05-03,1,2,3,4,5,2024-05-03,7\n2024-05-02,1,2,3,2024-05-02,7\n`;
    const error = await failure(client.read(D7, collect([]).visitor));
    expect(error.message).toBe(
      `getEmailActivityCounts: malformed CSV from https://localhost:${fake.port}: line 3 has 6 cells, expected 8 like the header`,
    );
    expect(error.transient).toBe(false);
    expect(fake.requests('/v1.0/')).toHaveLength(1);
  });

  it('fails without retrying when the download is an HTML page (a captive portal), by content-type or by content', async () => {
    const { client } = await setup();
    const portal = '<!DOCTYPE html><html><body>Sign in to the guest network</body></html>';
    downloads.queue.push((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(portal),
    );
    const typed = await failure(client.read(D7, collect([]).visitor));
    expect(typed.message).toBe(
      `getEmailActivityCounts: the download from https://localhost:${fake.port} is not CSV: content-type text/html; charset=utf-8 (a proxy or captive portal answering in Microsoft's place?)`,
    );
    expect(typed.transient).toBe(false);
    downloads.queue.push(fake.serve(portal));
    const sniffed = await failure(client.read(D7, collect([]).visitor));
    expect(sniffed.message).toBe(
      `getEmailActivityCounts: the download from https://localhost:${fake.port} is not CSV: it starts with "<!DOCTYPE html><html><body>Sign in to th…" (a proxy or captive portal answering in Microsoft's place?)`,
    );
    expect(fake.requests('/v1.0/')).toHaveLength(2);
  });

  it('fails without retrying when the header lacks a column the caller requires, naming it', async () => {
    const { client } = await setup();
    csv = 'Report Refresh Date,Sent,Receive,Report Date,Report Period\n2024-05-03,1,2,2024-05-03,7\n';
    const error = await failure(
      client.read(D7, collect([]).visitor, { requiredColumns: ['Report Date', 'Send', 'Read'] }),
    );
    expect(error.message).toBe(
      `getEmailActivityCounts: the CSV from https://localhost:${fake.port} lacks the required columns "Send", "Read" (its header: "Report Refresh Date", "Sent", "Receive", "Report Date", "Report Period")`,
    );
    expect(error.transient).toBe(false);
    expect(fake.requests('/v1.0/')).toHaveLength(1);
    csv = COUNTS_CSV;
    const result = await client.read(D7, collect([]).visitor, { requiredColumns: ['Report Date', 'Send'] });
    expect(result.rows).toBe(2);
  });

  it('fails without retrying on broken CSV quoting', async () => {
    const { client } = await setup();
    csv = `${COUNTS.join(',')}\n"2024-05-03"x,1,2,3,4,5,2024-05-03,7\n`;
    const error = await failure(client.read(D7, collect([]).visitor));
    expect(error.message).toContain('malformed CSV');
    expect(error.message).toContain('line 2: unexpected "x" after the closing quote of field 1');
    expect(fake.requests('/v1.0/')).toHaveLength(1);
  });

  it('turns a Graph 400 into a ReportError with code, message and request-id, without retrying', async () => {
    const { client } = await setup();
    reports.queue.push(
      fake.graphError(
        400,
        'InvalidArgument',
        'Invalid date value specified: 2020-06-03. Only support data for the past 28 days.',
      ),
    );
    const error = await failure(
      client.read({ report: 'getEmailActivityUserDetail', date: '2020-06-03' }, collect([]).visitor),
    );
    const clientRequestId = fake.requests('/v1.0/')[0]?.headers['client-request-id'];
    expect(error).toMatchObject({
      report: 'getEmailActivityUserDetail',
      status: 400,
      code: 'InvalidArgument',
      requestId: 'req-err',
      clientRequestId,
      transient: false,
    });
    expect(error.message).toBe(
      `getEmailActivityUserDetail: Graph answered 400 InvalidArgument: Invalid date value specified: 2020-06-03. Only support data for the past 28 days. (request-id req-err, client-request-id ${clientRequestId})`,
    );
    expect(fake.requests('/v1.0/')).toHaveLength(1);
  });

  it('explains a 403 with the permission the app needs', async () => {
    const { client } = await setup();
    reports.queue.push(fake.graphError(403, 'S2SUnauthorized', 'Invalid permission.'));
    const error = await failure(client.read(D7, collect([]).visitor));
    expect(error.code).toBe('S2SUnauthorized');
    expect(error.message).toMatch(/Reports\.Read\.All application permission with admin consent$/);
  });

  it('refreshes the token once on 401 and succeeds', async () => {
    const { client, getAccessToken } = await setup();
    reports.queue.push(fake.graphError(401, 'InvalidAuthenticationToken', 'Access token has expired.'));
    csv = COUNTS_CSV;
    const result = await client.read(D7, collect([]).visitor);
    expect(result.rows).toBe(2);
    expect(getAccessToken.mock.calls).toEqual([[undefined], [{ forceRefresh: true }]]);
    expect(fake.requests('/v1.0/').map((seen) => seen.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('gives up on a second 401 with the Graph error', async () => {
    const { client, getAccessToken } = await setup();
    const unauthorized = fake.graphError(
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure.',
    );
    reports.queue.push(unauthorized, unauthorized, unauthorized);
    const error = await failure(client.read(D7, collect([]).visitor));
    expect(error).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken', transient: false });
    expect(error.message).toContain('the access token was refused even after a refresh');
    expect(getAccessToken).toHaveBeenCalledTimes(2);
    expect(fake.requests('/v1.0/')).toHaveLength(2);
  });

  it('refuses a non-https download Location without contacting it or echoing its query', async () => {
    const { client } = await setup();
    reports.queue.push(fake.redirect(`http://localhost:${fake.port}/download/CREDENTIAL-IN-PATH?sig=SECRET`));
    const error = await failure(client.read(D7, collect([]).visitor));
    expect(error.message).toBe(
      `getEmailActivityCounts: refusing to download from http://localhost:${fake.port}: the pre-authenticated download URL in Graph's 302 Location must use https`,
    );
    expect(fake.requests('/download/')).toHaveLength(0);
  });

  it('fetches a fresh download URL when the previous one has expired', async () => {
    const { client } = await setup();
    downloads.queue.push((_req, res) => res.writeHead(410).end('expired'));
    csv = COUNTS_CSV;
    const result = await client.read(D7, collect([]).visitor);
    expect(result.rows).toBe(2);
    expect(fake.requests('/v1.0/')).toHaveLength(2);
  });

  it('insists on a 302 from Graph', async () => {
    const { client } = await setup();
    reports.queue.push(fake.serve('{"value":[]}'));
    const error = await failure(client.read(D7, collect([]).visitor));
    expect(error.message).toBe(
      'getEmailActivityCounts: expected Graph to answer 302 with the CSV download location, got 200 (content-type application/octet-stream)',
    );
  });

  it('keeps each report function within its rate limit, independently of the others', async () => {
    let now = 1_000_000;
    const sleeps: number[] = [];
    const { client } = await setup({
      rateLimit: { limit: 2, windowMs: 600_000 },
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    csv = COUNTS_CSV;
    const { visitor } = collect([]);
    await client.read(D7, visitor);
    now += 1000;
    await client.read(D7, visitor);
    await client.read({ report: 'getEmailActivityUserCounts', period: 'D7' }, visitor);
    expect(sleeps).toEqual([]);
    await client.read(D7, visitor);
    expect(sleeps).toEqual([599_000]);
    expect(fake.requests('/v1.0/')).toHaveLength(4);
  });

  it('carries the refresh date and the ETag of what it read', async () => {
    const { client } = await setup();
    reports.queue.push((_req, res) =>
      res.writeHead(302, { Location: `${fake.otherHostUrl}/download/x`, ETag: '"v1"' }).end(),
    );
    csv = COUNTS_CSV;
    const result = await client.read(D7, collect([]).visitor);
    expect(result).toMatchObject({ status: 'read', rows: 2, refreshDate: '2024-05-03', etag: '"v1"' });
    csv = `${COUNTS.join(',')}\n`;
    const empty = await client.read(D7, collect([]).visitor, { knownRefreshDate: '2024-05-03' });
    expect(empty).toMatchObject({ status: 'read', rows: 0, refreshDate: undefined, etag: undefined });
  });

  it('sends the ETag it knows as If-None-Match and reads nothing on 304', async () => {
    const { client } = await setup();
    reports.queue.push((_req, res) => res.writeHead(304, { ETag: '"v1"' }).end());
    const { visitor, starts } = collect([]);
    const result = await client.read(D7, visitor, { etag: '"v1"', knownRefreshDate: '2024-05-03' });
    expect(result).toEqual({ status: 'unchanged', refreshDate: '2024-05-03', etag: '"v1"' });
    expect(fake.requests('/v1.0/')[0]?.headers['if-none-match']).toBe('"v1"');
    expect(fake.requests('/download/')).toHaveLength(0);
    expect(starts).not.toHaveBeenCalled();
    csv = COUNTS_CSV;
    await client.read(D7, visitor);
    expect(fake.requests('/v1.0/')[1]?.headers['if-none-match']).toBeUndefined();
  });

  it('stops the download at the first row when its refresh date is the one already read', async () => {
    const { client } = await setup();
    let closed: Promise<unknown> = Promise.resolve();
    // The file never ends: only a client that stops reading after the first row can finish.
    downloads.queue.push((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.write(COUNTS_CSV);
      closed = new Promise((resolve) => res.on('close', resolve));
    });
    const { visitor, starts } = collect([]);
    const result = await client.read(D7, visitor, {
      knownRefreshDate: '2024-05-03',
      downloadDeadlineMs: 60_000,
    });
    expect(result).toEqual({ status: 'unchanged', refreshDate: '2024-05-03', etag: undefined });
    expect(starts).not.toHaveBeenCalled();
    await closed;

    csv = COUNTS_CSV;
    const newer = await client.read(D7, visitor, { knownRefreshDate: '2024-05-02' });
    expect(newer).toMatchObject({ status: 'read', rows: 2, refreshDate: '2024-05-03' });
    expect(starts).toHaveBeenCalledTimes(1);
  });

  it('waits for the budget instead of sending, and gives up the wait when the caller aborts', async () => {
    const waits: number[] = [];
    const { client } = await setup({
      rateLimit: { limit: 1, windowMs: 600_000 },
      now: () => 1_000_000,
      // Time stands still: a wait ends only by an abort.
      sleep: (ms, signal) => {
        waits.push(ms);
        return new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason)),
        );
      },
    });
    csv = COUNTS_CSV;
    await client.read(D7, collect([]).visitor);
    const stop = new AbortController();
    const waiting = client
      .read(D7, collect([]).visitor, { signal: stop.signal })
      .catch((error: unknown) => error);
    await vi.waitFor(() => expect(waits).toEqual([600_000]));
    stop.abort(new Error('shutting down'));
    expect(await waiting).toEqual(new Error('shutting down'));
    expect(fake.requests('/v1.0/')).toHaveLength(1);
  });

  it('reads the report settings in both shapes Graph answers', async () => {
    const { client } = await setup();
    const settings = fake.route('/v1.0/admin/reportSettings', fake.json('{}'));
    settings.queue.push(
      fake.json(
        '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#admin/reportSettings/$entity","displayConcealedNames":false}',
      ),
      fake.json(
        '{"value":{"@odata.type":"#microsoft.graph.adminReportSettings","displayConcealedNames":true}}',
      ),
    );
    expect(await client.reportSettings()).toEqual({ displayConcealedNames: false });
    expect(await client.reportSettings(new AbortController().signal)).toEqual({
      displayConcealedNames: true,
    });
    const [request] = fake.requests('/v1.0/admin/');
    expect(request?.path).toBe('/v1.0/admin/reportSettings');
    expect(request?.headers.authorization).toBe('Bearer token-1');
  });

  it('explains a 403 on the report settings with the permission it needs, and refuses an answer without the flag', async () => {
    const { client } = await setup();
    const settings = fake.route('/v1.0/admin/reportSettings', fake.json('{}'));
    settings.queue.push(
      fake.graphError(
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      ),
      fake.json('{"value":{"displayConcealedNames":"yes"}}', { 'request-id': 'req-bad' }),
      fake.json('<html>sign in</html>'),
    );
    const denied = await failure(client.reportSettings());
    expect(denied.status).toBe(403);
    expect(denied.report).toBeUndefined();
    expect(denied.message).toMatch(/ReportSettings\.Read\.All application permission with admin consent$/);
    const malformed = await failure(client.reportSettings());
    expect(malformed.message).toBe('reportSettings: expected displayConcealedNames true or false, got "yes"');
    expect(malformed.requestId).toBe('req-bad');
    expect((await failure(client.reportSettings())).message).toMatch(
      /^reportSettings: Graph's answer is not JSON: /,
    );
    expect(fake.requests('/v1.0/admin/')).toHaveLength(3);
  });

  it('validates its options', () => {
    const http = new HttpClient({ env: {} });
    onTestFinished(() => http.close());
    const base = { http, getAccessToken: async () => 't' };
    expect(() => new ReportsClient({ ...base, graphBaseUrl: 'http://graph.microsoft.com' })).toThrow(
      'graphBaseUrl must use https (the bearer token must not travel in clear text): http://graph.microsoft.com/',
    );
    expect(() => new ReportsClient({ ...base, graphBaseUrl: 'graph.microsoft.com' })).toThrow(
      'graphBaseUrl is not a valid URL: "graph.microsoft.com"',
    );
    expect(
      () =>
        new ReportsClient({
          ...base,
          graphBaseUrl: 'https://graph.microsoft.com',
          rateLimit: { limit: 0, windowMs: 1 },
        }),
    ).toThrow('rate limit must be an integer >= 1, got 0');
    expect(
      () =>
        new ReportsClient({
          ...base,
          graphBaseUrl: 'https://graph.microsoft.com',
          downloadDeadlineMs: 30 * 24 * 3_600_000,
        }),
    ).toThrow('downloadDeadlineMs must be an integer from 1 to 2147483647, got 2592000000');
  });
});
