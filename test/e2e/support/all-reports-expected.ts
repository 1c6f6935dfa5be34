import { normalizeHeaderName, REPORT_CATALOG, type ReportPeriod } from '@m365-otel/graph-reports';
import { METRIC_CATALOG, type ReportMapping, type ReportSnapshot, reportsFor } from '@m365-otel/mappers';
import type { DetailRow, RunningSimulator } from '@m365-otel/simulator';
import { type DaySeries, seriesKey } from './expected.js';

/*
 * Expectations for a collector with every catalog metric on, computed by feeding the simulator's ground truth (the
 * typed rows each report file carries) through @m365-otel/mappers' public mapping. The mapping is thus not checked
 * by these expectations (all-reports.test.ts spot-checks it against sums of truth rows); what they check is
 * everything between the truth and the backend, for every report at once: the simulator writing each file (CSV
 * encoding, BOM, quoting, True/False vs Yes/No, ISO durations, the JSON-default Copilot and beta paths), the
 * collector's HTTP flow (token, 302 to the download host, conditional requests), graph-reports reading the header
 * and rows, the time modes' choice of days and high-water marks, the OTLP export, the OpenTelemetry Collector's
 * translation and the backends' decoding (names, labels, units, timestamps).
 */

/** Every metric of the catalog: what the config enables. */
export const ALL_METRICS: readonly string[] = METRIC_CATALOG.map((metric) => metric.name);

/** The metrics read from a report: the ones compared with the truth. */
export const REPORT_METRICS: ReadonlySet<string> = new Set(
  METRIC_CATALOG.filter((metric) => metric.source?.kind === 'report').map((metric) => metric.name),
);

/** The reports a collector with every metric on reads: every function of the catalog, as reportsFor says. */
export const ALL_REPORT_MAPPINGS: readonly ReportMapping[] = reportsFor(new Set(ALL_METRICS));

/** The data point attributes a metric's series carry, from the catalog. */
export function metricAttributes(metric: string): string[] {
  const definition = METRIC_CATALOG.find((candidate) => candidate.name === metric);
  if (definition === undefined) throw new Error(`${metric} is not in the catalog`);
  return definition.attributes.map((use) => use.attribute.name);
}

/**
 * A typed truth cell as the CSV text the mapping reads. Flags are written True/False whichever spelling the
 * simulator's file uses: both are what Microsoft sends, and the mapping reads both.
 */
function cellText(cell: DetailRow[string]): string | undefined {
  if (cell === null) return undefined;
  if (typeof cell === 'boolean') return cell ? 'True' : 'False';
  const text = String(cell).trim();
  return text === '' ? undefined : text;
}

/** What a report function is asked for: the parameterless ones (activations) with nothing. */
function queryOf(
  mapping: ReportMapping,
  period: ReportPeriod,
): { period: ReportPeriod } | Record<string, never> {
  return REPORT_CATALOG[mapping.report].parameters === 'none' ? {} : { period };
}

/** The report's truth mapped as the collector maps the downloaded file. */
export function truthSnapshot(
  simulator: RunningSimulator,
  mapping: ReportMapping,
  period: ReportPeriod,
): ReportSnapshot {
  const truth = simulator.truth.report(mapping.report, queryOf(mapping, period));
  const accumulator = mapping.createAccumulator({
    header: { columns: truth.columns.map(normalizeHeaderName) },
  });
  truth.rows.forEach((row, index) => {
    const cells = new Map(
      Object.entries(row).map(([column, cell]) => [normalizeHeaderName(column), cellText(cell)]),
    );
    // Line 1 is the header.
    accumulator.add({ line: index + 2, get: (column) => cells.get(column) });
  });
  return accumulator.finish();
}

export interface LatestExpectation {
  /** seriesKey -> value of every report metric's series. */
  series: Map<string, number>;
  /** Per report, the day its gauges describe (what m365.report.age is measured from). */
  reportDays: Map<string, string>;
}

/** `reports.time: latest`: each report's newest complete day (its refresh date for summary and per-entity ones). */
export function expectedLatest(simulator: RunningSimulator, period: ReportPeriod): LatestExpectation {
  const series = new Map<string, number>();
  const reportDays = new Map<string, string>();
  for (const mapping of ALL_REPORT_MAPPINGS) {
    const snapshot = acceptedSnapshot(simulator, mapping, period);
    if (snapshot.reportDate !== undefined) reportDays.set(mapping.report, snapshot.reportDate);
    for (const { metric, attributes, value } of snapshot.observations)
      series.set(seriesKey(metric, attributes), value);
  }
  return { series, reportDays };
}

/**
 * `reports.time: report-date` as the simulator stands now: every day from `fromDay` of every daily report (read
 * with D30, as the first run does), and the refresh day of the summary and per-entity reports (read with the
 * configured period).
 */
export function expectedReportDays(
  simulator: RunningSimulator,
  period: ReportPeriod,
  fromDay: string,
): DaySeries {
  const expected: DaySeries = new Map();
  for (const mapping of ALL_REPORT_MAPPINGS) {
    const daily = REPORT_CATALOG[mapping.report].shape === 'daily';
    const snapshot = acceptedSnapshot(simulator, mapping, daily ? 'D30' : period);
    for (const { date, observations } of snapshot.days) {
      if (date < fromDay) continue;
      for (const { metric, attributes, value } of observations) {
        const key = seriesKey(metric, attributes);
        const days = expected.get(key) ?? new Map<string, number>();
        expected.set(key, days.set(date, value));
      }
    }
  }
  return expected;
}

/** The truth of a report mapped, which must map without a rejected row: the truth is what Microsoft would send. */
function acceptedSnapshot(
  simulator: RunningSimulator,
  mapping: ReportMapping,
  period: ReportPeriod,
): ReportSnapshot {
  const snapshot = truthSnapshot(simulator, mapping, period);
  if (snapshot.rejectedRows > 0)
    throw new Error(
      `the truth of ${mapping.report} maps with ${snapshot.rejectedRows} rejected rows: ${JSON.stringify(snapshot.problems)}`,
    );
  return snapshot;
}
