import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPORT_CATALOG, type ReportName } from '@m365-otel/graph-reports';
import { columnAttributeName } from '@m365-otel/mappers';
import type { ReceivedLogRecord } from '@m365-otel/otlp-sink';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollectorOnce } from './support/collector-cli.js';
import { simulatorTenantYaml, writeCollectorConfig } from './support/collector-config.js';
import { type OtelCollector, startCollector } from './support/otelcol.js';

// Per-entity log records end to end: the collector CLI reads the simulator's detail reports with details on and
// entity filters, exports the records through the real OpenTelemetry Collector, and what its file exporter wrote is
// compared with the simulator's ground truth, row for row, cell for cell.

/**
 * The reports with details on, one per kind of entity the filters know: the event each becomes, the identity
 * columns with their attributes (the event's, from metadata.yaml), the ones a filter matches, and the key of a row.
 */
const DETAILS = {
  getOffice365ActiveUserDetail: {
    event: 'm365.report.user',
    list: 'users',
    identity: { 'User Principal Name': 'user.name', 'Display Name': 'user.full_name' },
    names: ['User Principal Name', 'Display Name'],
    key: 'User Principal Name',
  },
  getMailboxUsageDetail: {
    event: 'm365.report.mailbox',
    list: 'mailboxes',
    identity: { 'User Principal Name': 'user.name', 'Display Name': 'user.full_name' },
    names: ['User Principal Name', 'Display Name'],
    key: 'User Principal Name',
  },
  getSharePointSiteUsageDetail: {
    event: 'm365.report.site',
    list: 'sites',
    identity: {
      'Site URL': 'url.full',
      'Site Id': 'm365.site.id',
      'Owner Principal Name': 'm365.site.owner.name',
      'Owner Display Name': 'm365.site.owner.full_name',
    },
    names: ['Site URL', 'Owner Principal Name', 'Owner Display Name'],
    key: 'Site Id',
  },
  getOffice365GroupsActivityDetail: {
    event: 'm365.report.group',
    list: 'groups',
    identity: { 'Group Display Name': 'm365.group.name', 'Group Id': 'm365.group.id' },
    names: ['Group Display Name'],
    key: 'Group Id',
  },
} as const satisfies Partial<
  Record<
    ReportName,
    {
      event: string;
      list: string;
      identity: Record<string, string>;
      names: readonly string[];
      key: string;
    }
  >
>;
type DetailReport = keyof typeof DETAILS;
const REPORTS = Object.keys(DETAILS) as DetailReport[];

/** One include and one exclude per list, written as the config writes them; applied below as the collector must. */
const INCLUDE = { users: /^[a-m]/i, groups: /^[a-k]/i } as const;
const EXCLUDE = { mailboxes: /^[a-f]/i, sites: /\/sites\/[a-h]/i } as const;

let simulator: RunningSimulator;
let otelcol: OtelCollector;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-records-'));
  [simulator, otelcol] = await Promise.all([
    startSimulator({ seed: 23, users: 120, dataDir: join(workDir, 'simulator') }),
    startCollector({}),
  ]);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), otelcol?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

function yamlRegex(pattern: RegExp): string {
  return JSON.stringify(`/${pattern.source}/${pattern.flags}`);
}

function writeConfig(name: string): Promise<string> {
  const list = (filters: Partial<Record<string, RegExp>>) =>
    `{ ${Object.entries(filters)
      .map(([kind, pattern]) => `${kind}: [${yamlRegex(pattern as RegExp)}]`)
      .join(', ')} }`;
  return writeCollectorConfig(join(workDir, `${name}.yaml`), [
    ...simulatorTenantYaml(simulator),
    'reports:',
    '  period: D7',
    `  details: { ${REPORTS.map((report) => `${report}: true`).join(', ')} }`,
    `  filters: { include: ${list(INCLUDE)}, exclude: ${list(EXCLUDE)} }`,
    'serviceHealth: { enabled: false }',
    `state: { directory: ${join(workDir, name, 'state')} }`,
    `export: { otlp: { endpoint: ${otelcol.otlpHttpUrl}, protocol: http/protobuf } }`,
  ]);
}

const run = (config: string): Promise<CliRun> => runCollectorOnce(config, simulator);

/** The truth's rows of a report the filters keep: include (when the list has one), then exclude, on any name. */
function keptRows(report: DetailReport): Array<Record<string, string | number | boolean | null>> {
  const detail = DETAILS[report];
  const matches = (pattern: RegExp | undefined, row: Record<string, unknown>) =>
    pattern !== undefined &&
    detail.names.some((column) => typeof row[column] === 'string' && pattern.test(row[column] as string));
  const include = (INCLUDE as Partial<Record<string, RegExp>>)[detail.list];
  const exclude = (EXCLUDE as Partial<Record<string, RegExp>>)[detail.list];
  return simulator.truth
    .report(report, { period: 'D7' })
    .rows.filter((row) => (include === undefined || matches(include, row)) && !matches(exclude, row));
}

function recordsOf(records: readonly ReceivedLogRecord[], report: DetailReport): ReceivedLogRecord[] {
  return records.filter((record) => record.attributes['m365.report.name'] === report);
}

/** What the record must carry for a truth cell: its attribute, OTLP type and value (undefined: left out). */
function expectedAttribute(
  report: DetailReport,
  column: string,
  cell: string | number | boolean | null,
): { attribute: string; type?: string; value?: unknown } {
  const identity = (DETAILS[report].identity as Record<string, string>)[column];
  if (identity !== undefined) return { attribute: identity, type: 'string', value: cell ?? undefined };
  const attribute = columnAttributeName(column);
  if (cell === null || cell === '') return { attribute };
  const type = REPORT_CATALOG[report].columnTypes[column] ?? 'text';
  switch (type) {
    case 'count':
    case 'bytes':
    case 'period':
      return { attribute, type: 'int', value: cell };
    case 'bool':
      return { attribute, type: 'bool', value: cell };
    case 'products':
    case 'versions':
      return { attribute, type: 'array' };
    case 'duration':
      return { attribute, type: 'int' };
    default:
      return { attribute, type: 'string', value: cell };
  }
}

function expectRecordsMatchTruth(records: readonly ReceivedLogRecord[]): void {
  const refreshDate = simulator.truth.report(REPORTS[0] as DetailReport, { period: 'D7' }).rows[0]?.[
    'Report Refresh Date'
  ];
  for (const report of REPORTS) {
    const detail = DETAILS[report];
    const kept = keptRows(report);
    const all = simulator.truth.report(report, { period: 'D7' }).rows;
    // Each filter keeps some and leaves some, or it would test nothing.
    expect(kept.length, report).toBeGreaterThan(0);
    expect(kept.length, report).toBeLessThan(all.length);
    const received = recordsOf(records, report);
    const keyAttribute = (detail.identity as Record<string, string>)[detail.key] as string;
    // The kept entities exactly, each once.
    expect(received.map((record) => record.attributes[keyAttribute]).sort(), report).toEqual(
      kept.map((row) => row[detail.key]).sort(),
    );
    const byKey = new Map(received.map((record) => [record.attributes[keyAttribute], record]));
    for (const row of kept) {
      const record = byKey.get(row[detail.key] as string) as ReceivedLogRecord;
      expect(record.eventName).toBe(detail.event);
      expect(record.attributes['m365.report.date']).toBe(refreshDate);
      expect(record.timeUnixNano).toBe(`${BigInt(Date.parse(`${refreshDate}T00:00:00Z`)) * 1_000_000n}`);
      expect(record.attributes['m365.report.names_concealed']).toBe(false);
      for (const [column, cell] of Object.entries(row)) {
        if (column === 'Report Refresh Date') continue;
        const expected = expectedAttribute(report, column, cell);
        const context = `${report} ${row[detail.key]} ${column}`;
        if (expected.type === undefined) {
          expect(record.attributes, context).not.toHaveProperty([expected.attribute]);
          continue;
        }
        expect(record.attributeTypes[expected.attribute], context).toBe(expected.type);
        if (expected.value !== undefined)
          expect(record.attributes[expected.attribute], context).toEqual(expected.value);
      }
    }
  }
}

const expectedCount = () => REPORTS.reduce((sum, report) => sum + keptRows(report).length, 0);

describe('per-entity log records through the OpenTelemetry Collector', () => {
  it('sends the kept entities of each detail report, typed, once; a second run sends nothing new', async () => {
    const config = await writeConfig('twice');
    const first = await run(config);
    expect(first.code, first.stderr).toBe(0);
    const starting = first.logs.find((line) => line.msg === 'starting');
    expect(starting).toMatchObject({ reportsTime: 'latest', reportsWithDetails: REPORTS });
    expect(starting?.reportsCount).toBe((starting?.reports as string[] | undefined)?.length);
    const records = await otelcol.waitForLogRecords(expectedCount());
    expect(records).toHaveLength(expectedCount());
    expectRecordsMatchTruth(records);

    const downloads = simulator.stats().downloads;
    const second = await run(config);
    expect(second.code, second.stderr).toBe(0);
    // A restart (a new process) knows the refresh dates and ETags: nothing downloaded, nothing sent again.
    expect(simulator.stats().downloads).toBe(downloads);
    const unchanged = second.logs
      .filter((line) => line.msg === 'report unchanged since the last read')
      .map((line) => line.report);
    expect(unchanged).toEqual(expect.arrayContaining(REPORTS));
    await sleep(1_500);
    expect(await otelcol.takeLogRecords()).toEqual([]);
  });

  it('sends each record once when a download breaks off and the report is read again', async () => {
    for (const report of REPORTS) simulator.faults.inject({ kind: 'truncated', target: 'download', report });
    const result = await run(await writeConfig('truncated'));
    expect(result.code, result.stderr).toBe(0);
    expect(simulator.faults.pending()).toEqual([]);
    const retried = result.logs.filter(
      (line) => line.msg === 'report read failed, retrying the whole report',
    );
    expect(retried.map((line) => line.report).sort()).toEqual([...REPORTS].sort());
    const records = await otelcol.waitForLogRecords(expectedCount());
    expect(records).toHaveLength(expectedCount());
    expectRecordsMatchTruth(records);
  });
});
