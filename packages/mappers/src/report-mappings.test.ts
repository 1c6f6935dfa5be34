import { REPORT_CATALOG, type ReportDefinition } from '@m365-otel/report-catalog';
import { describe, expect, it } from 'vitest';
import { mapCsv } from './__fixtures__/csv.js';
import type { ReportSource } from './catalog-model.js';
import { MAX_REPORT_DAYS } from './counts-mapping.js';
import { METRIC_CATALOG } from './generated/catalog.js';
import { REPORT_MAPPINGS } from './mappings.js';
import type { MetricObservation, ReportMapping } from './types.js';

const REFRESH = '2026-11-20';
const DAYS = ['2026-11-20', '2026-11-19', '2026-11-18'];
const CATEGORY_TEXT: Record<string, string> = {
  'Site Type': 'All',
  'Product Type': 'MICROSOFT 365 APPS FOR ENTERPRISE',
};

const COUNTS_MAPPINGS = REPORT_MAPPINGS.filter(
  (mapping) => REPORT_CATALOG[mapping.report].shape !== 'per-entity',
);

function definitionOf(mapping: ReportMapping): ReportDefinition {
  return REPORT_CATALOG[mapping.report];
}

/**
 * A number cell distinct per column and day, larger for earlier columns: Microsoft's `Total` comes before
 * `Active`, so a `Total - Active` series stays positive.
 */
function numberOf(definition: ReportDefinition, column: string, dayIndex: number): number {
  return (definition.columns.length - definition.columns.indexOf(column)) * 1000 + dayIndex;
}

/** The cell Microsoft would write for a column on a day, in its format. */
function cell(definition: ReportDefinition, column: string, date: string, dayIndex: number): string {
  switch (definition.columnTypes[column]) {
    case 'date':
      return column === 'Report Date' ? date : REFRESH;
    case 'period':
      return '7';
    case 'duration': {
      const seconds = numberOf(definition, column, dayIndex);
      return `PT${Math.floor(seconds / 60)}M${seconds % 60}S`;
    }
    case 'count':
    case 'bytes':
      return String(numberOf(definition, column, dayIndex));
    default:
      return CATEGORY_TEXT[column] ?? 'text';
  }
}

/** A report in Microsoft's format: the catalog's header, one row per day (one for a summary report), newest first. */
function reportCsv(definition: ReportDefinition, columns: readonly string[] = definition.columns): string {
  const days = definition.shape === 'daily' ? DAYS : [REFRESH];
  const rows = days.map((date, dayIndex) =>
    columns.map((column) => cell(definition, column, date, dayIndex)).join(','),
  );
  return [columns.join(','), ...rows].join('\n');
}

/** What the catalog says the newest row gives: each series' columns added and subtracted, category included. */
function expectedObservations(mapping: ReportMapping, dayIndex: number): MetricObservation[] {
  const definition = definitionOf(mapping);
  return METRIC_CATALOG.filter((metric) => mapping.metrics.includes(metric.name as never)).flatMap(
    (metric) => {
      const source = metric.source as ReportSource;
      const category = source.category;
      const categoryAttributes =
        category === undefined
          ? {}
          : {
              [category.attribute]:
                category.values?.[CATEGORY_TEXT[category.column] ?? ''] ?? CATEGORY_TEXT[category.column],
            };
      return source.series.map((series) => {
        // reportCsv writes a duration as the same number of seconds, so every term reads as numberOf.
        const value = series.terms.reduce(
          (sum, term) => sum + term.sign * numberOf(definition, term.column, dayIndex),
          0,
        );
        return {
          metric: metric.name,
          attributes: { ...series.attributes, ...categoryAttributes },
          value,
        } as MetricObservation;
      });
    },
  );
}

const sorted = (observations: readonly MetricObservation[]) =>
  [...observations].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe.each(COUNTS_MAPPINGS.map((mapping) => ({ report: mapping.report, mapping })))(
  '$report',
  ({ mapping }) => {
    const definition = definitionOf(mapping);
    const valueColumns = mapping.columns.filter(
      (column) => !mapping.requiredColumns.includes(column) && definition.columnTypes[column] !== 'date',
    );

    it("maps Microsoft's CSV to the catalog's series, every day kept oldest first", () => {
      const snapshot = mapCsv(mapping, reportCsv(definition));
      expect(snapshot.problems).toEqual([]);
      expect(snapshot.reportDate).toBe(REFRESH);
      expect(snapshot.refreshDate).toBe(REFRESH);
      expect(sorted(snapshot.observations)).toEqual(sorted(expectedObservations(mapping, 0)));
      const days = definition.shape === 'daily' ? [...DAYS].reverse() : [REFRESH];
      expect(snapshot.days.map((day) => day.date)).toEqual(days);
      expect(sorted(snapshot.days[0]?.observations ?? [])).toEqual(
        sorted(expectedObservations(mapping, days.length - 1)),
      );
      expect(snapshot.concealedNames).toBeUndefined();
    });

    it('reads columns by name, whatever their order, and ignores a column it does not know', () => {
      const reordered = [...definition.columns].reverse();
      const csv = reportCsv(definition, reordered);
      expect(sorted(mapCsv(mapping, csv).observations)).toEqual(sorted(expectedObservations(mapping, 0)));
      const snapshot = mapCsv(mapping, reportCsv(definition, [...definition.columns, 'Some New Column']));
      expect(snapshot.problems).toEqual([]);
      expect(sorted(snapshot.observations)).toEqual(sorted(expectedObservations(mapping, 0)));
    });

    it('counts a missing column as a problem and gives the series that do not need it', () => {
      const [missing] = valueColumns;
      if (missing === undefined) throw new Error('no value column');
      const snapshot = mapCsv(
        mapping,
        reportCsv(
          definition,
          definition.columns.filter((column) => column !== missing),
        ),
      );
      expect(snapshot.problems).toContainEqual({
        line: 1,
        column: missing,
        value: '',
        reason: 'missing from the header',
      });
      expect(snapshot.rejectedRows).toBeGreaterThan(0);
      const needsMissing = (observation: MetricObservation) =>
        METRIC_CATALOG.some(
          (metric) =>
            metric.name === observation.metric &&
            (metric.source as ReportSource).series.some(
              (series) =>
                series.terms.some((term) => term.column === missing) &&
                Object.entries(series.attributes).every(
                  ([name, value]) => observation.attributes[name] === value,
                ),
            ),
        );
      const expected = expectedObservations(mapping, 0).filter((observation) => !needsMissing(observation));
      expect(sorted(snapshot.observations)).toEqual(sorted(expected));
    });

    it('gives no point for an empty cell and rejects a malformed one, keeping the rest of the row', () => {
      const [first, second] = valueColumns;
      if (first === undefined) throw new Error('no value column');
      const columns = definition.columns;
      const lines = reportCsv(definition).split('\n');
      const newest = (lines[1] ?? '').split(',');
      newest[columns.indexOf(first)] = '';
      if (second !== undefined) newest[columns.indexOf(second)] = '12x';
      lines[1] = newest.join(',');
      const snapshot = mapCsv(mapping, lines.join('\n'));
      if (second !== undefined)
        expect(snapshot.problems).toEqual([
          { line: 2, column: second, value: '12x', reason: 'not a number' },
        ]);
      const newestDay = snapshot.days.at(-1);
      expect(newestDay?.date).toBe(REFRESH);
      for (const observation of newestDay?.observations ?? []) expect(observation.value).not.toBe(0);
      expect(newestDay?.observations.length).toBeLessThan(expectedObservations(mapping, 0).length);
      // A daily report falls back to the newest complete day; a summary report has only the one day.
      if (definition.shape === 'daily') expect(snapshot.reportDate).toBe(DAYS[1]);
    });
  },
);

describe('counts reports, by example', () => {
  const mappingOf = (report: string) => {
    const mapping = REPORT_MAPPINGS.find((candidate) => candidate.report === report);
    if (mapping === undefined) throw new Error(`no mapping for ${report}`);
    return mapping;
  };

  it('splits SharePoint site counts by site type and refuses a second row for the same day and type', () => {
    const csv = `Report Refresh Date,Site Type,Total,Active,Report Date,Report Period
      2026-11-20,All,120,45,2026-11-20,7
      2026-11-20,Team Site,20,5,2026-11-20,7
      2026-11-20,All,119,40,2026-11-19,7
      2026-11-20,All,1,1,2026-11-19,7`;
    const snapshot = mapCsv(mappingOf('getSharePointSiteUsageSiteCounts'), csv);
    const sites = (type: string, state: string, value: number) => ({
      metric: 'm365.sharepoint.sites',
      attributes: { 'm365.site.type': type, 'm365.activity.state': state },
      value,
    });
    expect(snapshot.observations).toEqual([
      sites('all', 'active', 45),
      sites('all', 'inactive', 75),
      sites('Team Site', 'active', 5),
      sites('Team Site', 'inactive', 15),
    ]);
    expect(snapshot.days.map((day) => day.date)).toEqual(['2026-11-19', '2026-11-20']);
    expect(snapshot.problems).toEqual([
      {
        line: 5,
        column: 'Report Date',
        value: '2026-11-19',
        reason: 'second row for report day 2026-11-19 and Site Type All (the first is line 4)',
      },
    ]);
  });

  it('reads Teams durations in ISO 8601 and HH:MM:SS as seconds, and an empty duration as no point', () => {
    const definition = REPORT_CATALOG.getTeamsUserActivityCounts;
    const values: Record<string, string> = {
      'Report Refresh Date': '2026-11-20',
      'Report Date': '2026-11-20',
      'Audio Duration': 'PT1H2M3S',
      'Video Duration': '00:10:30',
      'Screen Share Duration': '',
      'Report Period': '7',
    };
    const row = definition.columns.map((column) => values[column] ?? '1').join(',');
    const snapshot = mapCsv(
      mappingOf('getTeamsUserActivityCounts'),
      `${definition.columns.join(',')}\n${row}`,
    );
    const durations = snapshot.observations.filter((point) => point.metric === 'm365.teams.media.duration');
    expect(durations).toEqual([
      { metric: 'm365.teams.media.duration', attributes: { 'm365.teams.media': 'audio' }, value: 3723 },
      { metric: 'm365.teams.media.duration', attributes: { 'm365.teams.media': 'video' }, value: 630 },
    ]);
  });

  it('reads a summary report as one day, its refresh date, with one series per category row', () => {
    const csv = `Report Refresh Date,Product Type,Assigned,Activated,Shared Computer Activation
      2026-11-20,MICROSOFT 365 APPS FOR ENTERPRISE,50,42,3
      2026-11-20,VISIO,5,,0`;
    const snapshot = mapCsv(mappingOf('getOffice365ActivationsUserCounts'), csv);
    const users = (product: string, state: string, value: number) => ({
      metric: 'm365.office.license.users',
      attributes: { 'm365.office.product': product, 'm365.office.license.state': state },
      value,
    });
    expect(snapshot.reportDate).toBe('2026-11-20');
    expect(snapshot.days).toEqual([{ date: '2026-11-20', observations: snapshot.observations }]);
    expect(snapshot.observations).toEqual([
      users('MICROSOFT 365 APPS FOR ENTERPRISE', 'assigned', 50),
      users('MICROSOFT 365 APPS FOR ENTERPRISE', 'activated', 42),
      users('MICROSOFT 365 APPS FOR ENTERPRISE', 'shared_computer_activation', 3),
      users('VISIO', 'assigned', 5),
      users('VISIO', 'shared_computer_activation', 0),
    ]);
  });

  it(`keeps at most ${MAX_REPORT_DAYS} days and counts the rows beyond`, () => {
    const header = 'Report Refresh Date,Storage Used (Byte),Report Date,Report Period';
    const start = Date.UTC(2026, 0, 1);
    const rows = Array.from({ length: MAX_REPORT_DAYS + 2 }, (_, day) => {
      const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      return `2026-11-20,${day},${date},180`;
    });
    const snapshot = mapCsv(mappingOf('getMailboxUsageStorage'), [header, ...rows].join('\n'));
    expect(snapshot.days).toHaveLength(MAX_REPORT_DAYS);
    expect(snapshot.rejectedRows).toBe(2);
  });
});
