import { describe, expect, it } from 'vitest';
import { ISSUES, message, OVERVIEWS } from './__fixtures__/service-health.js';
import {
  applyServiceHealthFilter,
  filterMessages,
  parseNameMatcher,
  parseServiceHealthFilter,
} from './service-filter.js';

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
