import { REPORT_CATALOG, type ReportColumnType, type ReportDefinition } from '@m365-otel/report-catalog';
import { describe, expect, it } from 'vitest';
import { mapCsv } from './__fixtures__/csv.js';
import { columnAttributeName } from './entity-columns.js';
import { EVENT_CATALOG } from './generated/catalog.js';
import { REPORT_MAPPINGS } from './mappings.js';
import type { EntityIdentity, EntityRecord, ReportMapping } from './types.js';

const REFRESH = '2026-11-20';
const CONCEALED = '77E5979DD60BA6EAA53E814DBEEEFA5F';
const ENTITY_MAPPINGS = REPORT_MAPPINGS.filter(
  (mapping) => REPORT_CATALOG[mapping.report].shape === 'per-entity',
);

function mappingOf(report: string): ReportMapping {
  const mapping = REPORT_MAPPINGS.find((candidate) => candidate.report === report);
  if (mapping === undefined) throw new Error(`no mapping for ${report}`);
  return mapping;
}

const SAMPLE: Record<ReportColumnType, string> = {
  date: '2026-11-18',
  count: '5',
  bytes: '1024',
  duration: 'PT1M30S',
  bool: 'False',
  text: 'text',
  id: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
  url: 'https://contoso.sharepoint.com/sites/finance',
  products: 'MICROSOFT 365 E5+MICROSOFT POWER AUTOMATE FREE',
  versions: 'ProPlus',
  period: '7',
};

/** A row in Microsoft's format; `name` goes into the name columns the event filters by. */
function entityRow(definition: ReportDefinition, name: string): string {
  const names = EVENT_CATALOG.find((event) => event.entity?.kind === definition.entity)?.entity?.names ?? [];
  return definition.columns
    .map((column) => {
      if (column === 'Report Refresh Date') return REFRESH;
      if (names.includes(column)) return name;
      return SAMPLE[definition.columnTypes[column] ?? 'text'];
    })
    .join(',');
}

function collect(
  mapping: ReportMapping,
  csv: string,
  keep: (identity: EntityIdentity) => boolean = () => true,
) {
  const records: EntityRecord[] = [];
  const snapshot = mapCsv(mapping, csv, {
    entities: { filter: keep, onRecord: (record) => records.push(record) },
  });
  return { records, snapshot };
}

describe.each(ENTITY_MAPPINGS.map((mapping) => ({ report: mapping.report, mapping })))(
  '$report',
  ({ mapping }) => {
    const definition = REPORT_CATALOG[mapping.report];
    const csv = [
      definition.columns.join(','),
      entityRow(definition, 'ada@contoso.com'),
      entityRow(definition, 'bob@contoso.com'),
    ].join('\n');

    it('hands over each row as a record of its entity event, columns named by the rule and typed by the catalog', () => {
      const { records, snapshot } = collect(mapping, csv);
      expect(snapshot.problems).toEqual([]);
      expect(records).toHaveLength(2);
      const event = EVENT_CATALOG.find((candidate) => candidate.name === mapping.eventName);
      const identity = event?.entity?.identity ?? {};
      const [record] = records;
      expect(record?.eventName).toBe(mapping.eventName);
      expect(record?.timestampMs).toBe(Date.UTC(2026, 10, 20));
      expect(record?.attributes['m365.report.name']).toBe(mapping.report);
      expect(record?.attributes['m365.report.date']).toBe(REFRESH);
      expect(record?.attributes['m365.report.names_concealed']).toBe(false);
      for (const column of definition.columns) {
        if (column === 'Report Refresh Date') continue;
        const attribute = identity[column] ?? columnAttributeName(column);
        const type = definition.columnTypes[column];
        const value = record?.attributes[attribute];
        if (
          identity[column] !== undefined ||
          type === 'text' ||
          type === 'url' ||
          type === 'id' ||
          type === 'versions'
        )
          expect(typeof value, column).toBe('string');
        else if (type === 'count' || type === 'bytes' || type === 'period' || type === 'duration')
          expect(typeof value, column).toBe('number');
        else if (type === 'bool') expect(value, column).toBe(false);
        else if (type === 'products')
          expect(value, column).toEqual(['MICROSOFT 365 E5', 'MICROSOFT POWER AUTOMATE FREE']);
        else expect(value, column).toBe(SAMPLE.date);
      }
      expect(snapshot.concealedNames).toBe(false);
      expect(snapshot.days).toEqual([{ date: REFRESH, observations: snapshot.observations }]);
    });

    it('leaves a row the filter drops out of both the records and the metrics', () => {
      const all = collect(mapping, csv).snapshot.observations;
      const { records, snapshot } = collect(
        mapping,
        csv,
        (identity) => !identity.names.includes('bob@contoso.com'),
      );
      expect(records).toHaveLength(1);
      expect(snapshot.observations.map((point) => point.value)).toEqual(
        all.map((point) => (point.value === 0 ? 0 : point.value / 2)),
      );
    });

    it('tells concealed names, and counts a missing column and a malformed cell without failing', () => {
      const concealed = [definition.columns.join(','), entityRow(definition, CONCEALED)].join('\n');
      const { records, snapshot } = collect(mapping, concealed);
      expect(snapshot.concealedNames).toBe(true);
      expect(records[0]?.attributes['m365.report.names_concealed']).toBe(true);

      const countColumn = definition.columns.find((column) => definition.columnTypes[column] === 'count');
      const dropped = definition.columns.at(-1) ?? '';
      const columns = definition.columns.filter((column) => column !== dropped);
      const row = entityRow(definition, 'ada@contoso.com').split(',').slice(0, -1);
      if (countColumn !== undefined && countColumn !== dropped) row[columns.indexOf(countColumn)] = 'many';
      const drifted = collect(
        mapping,
        [[...columns, 'Brand New'].join(','), [...row, 'x'].join(',')].join('\n'),
      );
      expect(drifted.records).toHaveLength(1);
      expect(drifted.records[0]?.attributes['m365.report.brand_new']).toBe('x');
      if (countColumn !== undefined && countColumn !== dropped) {
        expect(drifted.snapshot.problems).toContainEqual({
          line: 2,
          column: countColumn,
          value: 'many',
          reason: 'not a number',
        });
        expect(drifted.records[0]?.attributes[columnAttributeName(countColumn)]).toBeUndefined();
      }
    });
  },
);

describe('per-entity aggregates, by example', () => {
  it('sums OneDrive storage by activity within the report period, deleted accounts left out', () => {
    const csv = `Report Refresh Date,Site URL,Owner Display Name,Is Deleted,Last Activity Date,File Count,Active File Count,Storage Used (Byte),Storage Allocated (Byte),Owner Principal Name,Report Period
      2026-11-20,https://contoso-my.sharepoint.com/personal/ada,Ada,False,2026-11-14,10,2,1000,5000,ada@contoso.com,7
      2026-11-20,https://contoso-my.sharepoint.com/personal/bob,Bob,False,2026-11-13,10,0,200,5000,bob@contoso.com,7
      2026-11-20,https://contoso-my.sharepoint.com/personal/cy,Cy,False,,1,0,30,5000,cy@contoso.com,7
      2026-11-20,https://contoso-my.sharepoint.com/personal/dee,Dee,True,2026-11-20,1,0,4000,5000,dee@contoso.com,7`;
    const snapshot = mapCsv(mappingOf('getOneDriveUsageAccountDetail'), csv);
    expect(snapshot.observations).toEqual([
      {
        metric: 'm365.onedrive.detail.storage.usage',
        attributes: { 'm365.activity.state': 'active' },
        value: 1000,
      },
      {
        metric: 'm365.onedrive.detail.storage.usage',
        attributes: { 'm365.activity.state': 'inactive' },
        value: 230,
      },
    ]);
  });

  it('counts rows per state, 0 included, and keeps nothing per row while records stream', () => {
    const mapping = mappingOf('getTeamsTeamActivityDetail');
    const definition = REPORT_CATALOG.getTeamsTeamActivityDetail;
    const accumulator = mapping.createAccumulator({
      entities: { filter: () => true, onRecord: (record) => seen.push(record.attributes['m365.team.name']) },
    });
    const seen: unknown[] = [];
    const values = (name: string): Record<string, string> => ({
      'Report Refresh Date': REFRESH,
      'Team Name': name,
      'Last Activity Date': '2026-11-19',
      'Report Period': '7',
    });
    accumulator.add({ line: 2, get: (column) => values('Marketing')[column] });
    // The record is out as soon as the row is read, before the report ends.
    expect(seen).toEqual(['Marketing']);
    accumulator.add({ line: 3, get: (column) => values('Sales')[column] });
    expect(definition.columns).toContain('Team Name');
    expect(accumulator.finish().observations).toEqual([
      { metric: 'm365.teams.team.detail.teams', attributes: { 'm365.activity.state': 'active' }, value: 2 },
      { metric: 'm365.teams.team.detail.teams', attributes: { 'm365.activity.state': 'inactive' }, value: 0 },
    ]);
  });

  it('gives no records without entities, and reports its refresh date as the report day', () => {
    const csv = `Report Refresh Date,User Principal Name,Display Name,Product Type,Last Activated Date,Windows,Mac,Windows 10 Mobile,iOS,Android,Activated On Shared Computer
      2026-11-20,ada@contoso.com,Ada,MICROSOFT 365 APPS FOR ENTERPRISE,2026-10-01,1,0,0,1,0,False
      2026-11-20,ada@contoso.com,Ada,VISIO,2026-10-01,1,0,0,0,0,False
      2026-11-20,bob@contoso.com,Bob,MICROSOFT 365 APPS FOR ENTERPRISE,2026-10-02,1,1,0,0,0,True`;
    const snapshot = mapCsv(mappingOf('getOffice365ActivationsUserDetail'), csv);
    const users = (product: string, value: number) => ({
      metric: 'm365.office.activation.detail.users',
      attributes: { 'm365.office.product': product },
      value,
    });
    expect(snapshot.reportDate).toBe(REFRESH);
    expect(snapshot.refreshDate).toBe(REFRESH);
    expect(snapshot.observations).toEqual([users('MICROSOFT 365 APPS FOR ENTERPRISE', 2), users('VISIO', 1)]);
  });
});
