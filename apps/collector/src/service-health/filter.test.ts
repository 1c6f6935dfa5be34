import { type MetricObservation, mapServiceHealth } from '@m365-otel/mappers';
import { ISSUES, issue, message, OVERVIEWS } from '@m365-otel/service-health-samples';
import { describe, expect, it } from 'vitest';
import {
  applyServiceHealthFilter,
  filterMessages,
  parseNameMatcher,
  parseServiceHealthFilter,
} from './filter.js';

describe('parseNameMatcher', () => {
  it('takes a plain entry as an exact name', () => {
    expect(parseNameMatcher('Exchange Online')).toBe('Exchange Online');
    expect(parseNameMatcher('Send/Receive')).toBe('Send/Receive');
  });

  it('reads /pattern/flags as a regular expression', () => {
    expect(parseNameMatcher('/^exchange/i')).toEqual(/^exchange/i);
    expect(parseNameMatcher('/a/b/')).toEqual(/a\/b/);
    expect(parseNameMatcher('//')).toEqual(/(?:)/);
  });

  it('names the entry and the reason when the expression is broken', () => {
    expect(() => parseNameMatcher('/ab(/')).toThrow(
      /^"\/ab\(\/" is not a valid regular expression: Invalid regular expression: \/ab\(\/: Unterminated group$/,
    );
    expect(() => parseNameMatcher('/ab/q')).toThrow(
      /^"\/ab\/q" is not a valid regular expression: Invalid flags supplied to RegExp constructor 'q'$/,
    );
    expect(() => parseNameMatcher('/exchange')).toThrow(
      '"/exchange" starts with / but has no closing /: write a regular expression as /pattern/flags',
    );
  });

  it('refuses the flags that make matching stateful', () => {
    expect(() => parseNameMatcher('/exchange/gi')).toThrow(
      '"/exchange/gi": flag g is not allowed (it makes matching depend on earlier matches)',
    );
    expect(() => parseNameMatcher('/exchange/y')).toThrow('flag y is not allowed');
  });
});

describe('parseServiceHealthFilter', () => {
  it('parses every list and leaves out the absent ones', () => {
    expect(
      parseServiceHealthFilter({
        include: { services: ['Exchange Online', '/teams/i'] },
        exclude: { features: ['/calendar/'] },
      }),
    ).toEqual({ includeServices: ['Exchange Online', /teams/i], excludeFeatures: [/calendar/] });
    expect(parseServiceHealthFilter({})).toEqual({});
  });

  it('prefixes an error with the path of the entry', () => {
    expect(() =>
      parseServiceHealthFilter({ exclude: { services: ['Power BI'], features: ['Sites', '/[/'] } }),
    ).toThrow(/^exclude\.features\[1\]: "\/\[\/" is not a valid regular expression: /);
  });
});

describe('applyServiceHealthFilter', () => {
  it('returns the kept objects themselves, in order', () => {
    const kept = applyServiceHealthFilter(
      { overviews: OVERVIEWS, issues: ISSUES },
      { includeServices: [/exchange/i] },
    );
    expect(kept.overviews).toEqual([OVERVIEWS[0]]);
    expect(kept.issues.map((issue) => issue.id)).toEqual(['EX100001', 'EX200001', 'EX200003']);
    expect(kept.issues[0]).toBe(ISSUES[0]);
  });

  it('keeps everything without a filter', () => {
    expect(applyServiceHealthFilter({ overviews: OVERVIEWS, issues: ISSUES })).toEqual({
      overviews: OVERVIEWS,
      issues: ISSUES,
    });
  });
});

describe('filterMessages', () => {
  const messages = [
    message({ id: 'MC1', services: ['Exchange Online', 'Microsoft Teams'] }),
    message({ id: 'MC2', services: ['SharePoint Online'] }),
    message({ id: 'MC3', services: [] }),
  ];
  const ids = (filter: Parameters<typeof filterMessages>[2]) =>
    filterMessages(messages, OVERVIEWS, filter).map((kept) => kept.id);

  it('keeps a message when one of its services passes, or when it names none', () => {
    expect(ids({})).toEqual(['MC1', 'MC2', 'MC3']);
    expect(ids({ includeServices: ['microsoftteams'] })).toEqual(['MC1', 'MC3']);
    expect(ids({ excludeServices: ['Exchange'] })).toEqual(['MC1', 'MC2', 'MC3']);
    expect(ids({ excludeServices: ['Exchange', /teams/i] })).toEqual(['MC2', 'MC3']);
  });

  it('ignores feature filters', () => {
    expect(ids({ includeFeatures: ['Sites'], excludeFeatures: [/./] })).toEqual(['MC1', 'MC2', 'MC3']);
  });
});

describe('the service-health gauges after the filters', () => {
  const mapped = (config: Parameters<typeof parseServiceHealthFilter>[0]) =>
    mapServiceHealth(
      applyServiceHealthFilter({ overviews: OVERVIEWS, issues: ISSUES }, parseServiceHealthFilter(config)),
    );
  const services = (observations: readonly MetricObservation[]) => [
    ...new Set(observations.map((point) => point.attributes['m365.service.name'])),
  ];
  const openCounts = (observations: readonly MetricObservation[]) =>
    observations
      .filter((point) => point.metric === 'm365.service.issues' && point.value > 0)
      .map(
        (point) =>
          `${point.attributes['m365.service.name']}/${point.attributes['m365.service.issue.classification']}=${point.value}`,
      );
  const features = (observations: readonly MetricObservation[]) =>
    observations
      .filter((point) => point.metric === 'm365.service.feature.status' && point.value === 1)
      .map((point) => point.attributes['m365.service.feature.name']);

  it('keeps only the included services, by display name case-insensitively or by id', () => {
    expect(services(mapped({ include: { services: ['exchange online'] } }))).toEqual(['Exchange Online']);
    expect(services(mapped({ include: { services: ['SHAREPOINT', 'microsoftteams'] } }))).toEqual([
      'Microsoft Teams',
      'SharePoint Online',
    ]);
  });

  it('drops the issues of a service excluded by its id, not only its overview', () => {
    const observations = mapped({ exclude: { services: ['Exchange'] } });
    expect(services(observations)).toEqual(['Microsoft Teams', 'SharePoint Online']);
    expect(openCounts(observations)).toEqual(['SharePoint Online/advisory=1']);
  });

  it('matches regular expressions anywhere in the name, then applies the exclude list', () => {
    expect(services(mapped({ include: { services: ['/online/i'] } }))).toEqual([
      'Exchange Online',
      'SharePoint Online',
    ]);
    expect(services(mapped({ include: { services: ['/online/'] } }))).toEqual([]);
    expect(
      services(mapped({ include: { services: ['/online$/i'] }, exclude: { services: ['/^share/i'] } })),
    ).toEqual(['Exchange Online']);
  });

  it('treats an empty include list as no restriction', () => {
    expect(mapped({ include: { services: [], features: [] } })).toEqual(mapped({}));
  });

  it('drops the issues of an excluded feature from the counts and the feature statuses', () => {
    const observations = mapped({ exclude: { features: ['/^mailflow/i'] } });
    expect(openCounts(observations)).toEqual(['Exchange Online/incident=1', 'SharePoint Online/advisory=1']);
    expect(features(observations)).toEqual(['Sites', 'E-Mail and calendar access']);
    expect(services(observations)).toEqual(['Exchange Online', 'Microsoft Teams', 'SharePoint Online']);
  });

  it('matches features by feature group too, and drops featureless issues when features are included', () => {
    const featureless = issue({ id: 'EX9', feature: null, featureGroup: null });
    const observations = mapServiceHealth(
      applyServiceHealthFilter(
        { overviews: OVERVIEWS, issues: [...ISSUES, featureless] },
        parseServiceHealthFilter({
          include: { features: ['sharepoint features', 'Mailflow - delayed delivery from Internet'] },
        }),
      ),
    );
    expect(openCounts(observations)).toEqual(['Exchange Online/incident=1', 'SharePoint Online/advisory=1']);
    expect(features(observations)).toEqual(['Mailflow - delayed delivery from Internet', 'Sites']);
  });
});
