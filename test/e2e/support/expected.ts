import type { RunningSimulator } from '@m365-otel/simulator';
import { expect } from 'vitest';
import type { MetricStore, RawSeries } from './promql.js';

type DailyReport = Parameters<RunningSimulator['truth']['dailyCounts']>[0];

/** How each metric series is read from a report, written from the metric docs (docs/metrics.md), not from code. */
interface SeriesSpec {
  metric: string;
  attributes: Record<string, string>;
  report: DailyReport;
  value: (cells: Record<string, number | null>) => number | null;
}

const column = (name: string) => (cells: Record<string, number | null>) => cells[name] ?? null;

const SERIES: SeriesSpec[] = [
  ...(['sent', 'received', 'read'] as const).flatMap((action, i) => {
    const csvColumn = ['Send', 'Receive', 'Read'][i] as string;
    return [
      {
        metric: 'm365.email.messages',
        attributes: { 'm365.email.action': action },
        report: 'getEmailActivityCounts' as const,
        value: column(csvColumn),
      },
      {
        metric: 'm365.email.active_users',
        attributes: { 'm365.email.action': action },
        report: 'getEmailActivityUserCounts' as const,
        value: column(csvColumn),
      },
    ];
  }),
  {
    metric: 'm365.email.meetings',
    attributes: { 'm365.email.meeting.action': 'created' },
    report: 'getEmailActivityCounts',
    value: column('Meeting Created'),
  },
  {
    metric: 'm365.email.meetings',
    attributes: { 'm365.email.meeting.action': 'interacted' },
    report: 'getEmailActivityCounts',
    value: column('Meeting Interacted'),
  },
  {
    metric: 'm365.mailbox.count',
    attributes: { 'm365.mailbox.state': 'active' },
    report: 'getMailboxUsageMailboxCounts',
    value: column('Active'),
  },
  {
    metric: 'm365.mailbox.count',
    attributes: { 'm365.mailbox.state': 'inactive' },
    report: 'getMailboxUsageMailboxCounts',
    value: (cells) => (cells.Total == null || cells.Active == null ? null : cells.Total - cells.Active),
  },
  ...(
    [
      ['under_limit', 'Under Limit'],
      ['warning_issued', 'Warning Issued'],
      ['send_prohibited', 'Send Prohibited'],
      ['send_receive_prohibited', 'Send/Receive Prohibited'],
      ['indeterminate', 'Indeterminate'],
    ] as const
  ).map(([status, csvColumn]) => ({
    metric: 'm365.mailbox.quota.mailboxes',
    attributes: { 'm365.mailbox.quota.status': status },
    report: 'getMailboxUsageQuotaStatusMailboxCounts' as const,
    value: column(csvColumn),
  })),
  {
    metric: 'm365.mailbox.storage.usage',
    attributes: {},
    report: 'getMailboxUsageStorage',
    value: column('Storage Used (Byte)'),
  },
];

export interface ExpectedPoint {
  metric: string;
  attributes: Record<string, string>;
  value: number;
}

export interface Expectation {
  points: ExpectedPoint[];
  /** Per report function, the report day the gauges must describe. */
  reportDays: Map<string, string>;
}

/**
 * The metric values the collector must export for the simulator's tenant in `latest` mode: per report, the newest
 * day on which every series of that report has a value (Microsoft leaves the newest day partly empty).
 */
export function expectedFromTruth(simulator: RunningSimulator): Expectation {
  const points: ExpectedPoint[] = [];
  const reportDays = new Map<string, string>();
  const reports = [...new Set(SERIES.map((series) => series.report))];
  for (const report of reports) {
    const series = SERIES.filter((s) => s.report === report);
    const days = simulator.truth.dailyCounts(report, 'D7');
    const complete = days.find((day) => series.every((s) => s.value(day.values) !== null));
    if (!complete) throw new Error(`the simulator has no complete day for ${report}`);
    reportDays.set(report, complete.reportDate);
    for (const s of series) {
      points.push({ metric: s.metric, attributes: s.attributes, value: s.value(complete.values) as number });
    }
  }
  const detail = simulator.truth.detailTotals('getMailboxUsageDetail', { period: 'D7' });
  reportDays.set('getMailboxUsageDetail', simulator.truth.reportRefreshDate);
  for (const [state, csvColumn] of [
    ['present', 'Item Count'],
    ['deleted', 'Deleted Item Count'],
  ] as const) {
    const value = detail.sums[csvColumn];
    if (value === undefined) throw new Error(`the simulator's truth has no sum of ${csvColumn}`);
    points.push({ metric: 'm365.mailbox.items', attributes: { 'm365.mailbox.item.state': state }, value });
  }
  return { points, reportDays };
}

export function seriesKey(metric: string, attributes: Record<string, string>): string {
  const sorted = Object.keys(attributes)
    .sort()
    .map((k) => `${k}=${attributes[k]}`);
  return `${metric}{${sorted.join(',')}}`;
}

/** Per series (seriesKey), the value of every report day that has one. */
export type DaySeries = Map<string, Map<string, number>>;

/** How many points (series and day) a DaySeries holds. */
export function countDays(series: DaySeries): number {
  return [...series.values()].reduce((sum, days) => sum + days.size, 0);
}

const DAY_MS = 86_400_000;

/** The UTC day (YYYY-MM-DD) `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The samples of one stored series per UTC day, `name` naming it in messages; a sample stamped other than at
 * 00:00 UTC, or a day's second sample, fails the test.
 */
export function samplesByDay(
  store: MetricStore,
  name: string,
  samples: RawSeries['samples'],
): Map<string, number> {
  const days = new Map<string, number>();
  for (const { timestampMs, value } of samples) {
    expect(timestampMs % DAY_MS, `${store.name}: ${name} sample at 00:00 UTC`).toBe(0);
    const day = new Date(timestampMs).toISOString().slice(0, 10);
    expect(days.has(day), `${store.name}: one sample of ${name} on ${day}`).toBe(false);
    days.set(day, value);
  }
  return days;
}

/**
 * The points the collector must hold in `report-date` mode for the simulator's tenant as it is now, from `fromDay`
 * on: every day of every daily report (read with D30) on which the series has a value, and the detail report's sums
 * on its refresh day (a per-entity report describes one day).
 */
export function expectedDaysFromTruth(simulator: RunningSimulator, fromDay: string): DaySeries {
  const expected: DaySeries = new Map();
  const add = (key: string, day: string, value: number) => {
    const days = expected.get(key) ?? new Map<string, number>();
    expected.set(key, days);
    days.set(day, value);
  };
  for (const s of SERIES) {
    for (const day of simulator.truth.dailyCounts(s.report, 'D30')) {
      const value = s.value(day.values);
      if (value !== null && day.reportDate >= fromDay)
        add(seriesKey(s.metric, s.attributes), day.reportDate, value);
    }
  }
  const detail = simulator.truth.detailTotals('getMailboxUsageDetail', { period: 'D7' });
  for (const [state, csvColumn] of [
    ['present', 'Item Count'],
    ['deleted', 'Deleted Item Count'],
  ] as const) {
    const value = detail.sums[csvColumn];
    if (value === undefined) throw new Error(`the simulator's truth has no sum of ${csvColumn}`);
    add(
      seriesKey('m365.mailbox.items', { 'm365.mailbox.item.state': state }),
      simulator.truth.reportRefreshDate,
      value,
    );
  }
  return expected;
}
