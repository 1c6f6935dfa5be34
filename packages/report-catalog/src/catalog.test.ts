import { describe, expect, it } from 'vitest';
import {
  isReportName,
  REPORT_CATALOG,
  REPORT_COLUMN_TYPES,
  REPORT_FAMILIES,
  REPORT_NAMES,
  type ReportName,
} from './generated/reports.js';

const header = (name: ReportName) => REPORT_CATALOG[name].columns.join(',');
const named = (predicate: (name: ReportName) => boolean) => REPORT_NAMES.filter(predicate);

describe('REPORT_CATALOG', () => {
  it('holds the 75 v1.0 functions, the 3 beta Forms reports and the 3 Copilot reports, keyed by their own name', () => {
    expect(Object.keys(REPORT_CATALOG)).toEqual([...REPORT_NAMES]);
    for (const name of REPORT_NAMES) expect(REPORT_CATALOG[name].name).toBe(name);
    const byEndpoint = (endpoint: string) => named((name) => REPORT_CATALOG[name].endpoint === endpoint);
    expect(byEndpoint('reports')).toHaveLength(75);
    expect(byEndpoint('beta-reports')).toEqual([
      'getFormsUserActivityUserDetail',
      'getFormsUserActivityCounts',
      'getFormsUserActivityUserCounts',
    ]);
    expect(byEndpoint('copilot-reports')).toEqual([
      'getMicrosoft365CopilotUsageUserDetail',
      'getMicrosoft365CopilotUserCountSummary',
      'getMicrosoft365CopilotUserCountTrend',
    ]);
  });

  it('marks exactly the 15 Skype for Business functions retired', () => {
    const retired = named((name) => REPORT_CATALOG[name].retired === true);
    expect(retired).toHaveLength(15);
    expect(retired.every((name) => name.startsWith('getSkypeForBusiness'))).toBe(true);
    expect(named((name) => REPORT_CATALOG[name].family === 'skype-for-business')).toEqual(retired);
  });

  it('keeps the headers the service sends, spacing and order included', () => {
    expect(REPORT_CATALOG.getTeamsDeviceUsageUserDetail.columns).toContain('Used  Chrome OS');
    expect(REPORT_CATALOG.getTeamsDeviceUsageUserDetail.documentedColumns).toContain('Used Chrome OS');
    expect(header('getEmailAppUsageVersionsUserCounts')).toBe(
      'Report Refresh Date,Outlook 2016,Outlook 2013,Outlook 2010,Outlook 2007,Undetermined,Report Period,Outlook M365,Outlook 2019',
    );
    expect(header('getEmailActivityCounts')).toBe(
      'Report Refresh Date,Send,Receive,Read,Meeting Created,Meeting Interacted,Report Date,Report Period',
    );
    expect(header('getTeamsUserActivityCounts').split(',')[1]).toBe('Report Date');
    expect(REPORT_CATALOG.getTeamsUserActivityUserDetail.columns).toHaveLength(33);
    expect(new Set(REPORT_CATALOG.getTeamsUserActivityUserDetail.documentedColumns)).toEqual(
      new Set(REPORT_CATALOG.getTeamsUserActivityUserDetail.columns),
    );
    expect(REPORT_CATALOG.getMailboxUsageDetail.columns).toHaveLength(17);
    expect(REPORT_CATALOG.getOffice365GroupsActivityDetail.columns).toContain('External Member Count');
    expect(REPORT_CATALOG.getOffice365ActiveUserDetail.columns).not.toContain('Report Period');
    expect(header('getSkypeForBusinessPeerToPeerActivityMinuteCounts')).toBe(
      'Report Refresh Date,Report Date,Report Period,Audio,Video',
    );
  });

  it('types every column with a known type, reading Yes/No flags as bool and version lists as versions', () => {
    for (const name of REPORT_NAMES) {
      const { columns, columnTypes } = REPORT_CATALOG[name];
      expect(Object.keys(columnTypes), name).toEqual([...columns]);
      for (const type of Object.values(columnTypes)) expect(REPORT_COLUMN_TYPES).toContain(type);
    }
    const types = (name: ReportName) => REPORT_CATALOG[name].columnTypes;
    expect(types('getTeamsDeviceUsageUserDetail')['Used  Chrome OS']).toBe('bool');
    expect(types('getEmailAppUsageUserDetail')['Outlook For Windows']).toBe('versions');
    expect(types('getEmailAppUsageUserCounts')['Outlook For Windows']).toBe('count');
    expect(types('getM365AppUserDetail').Teams).toBe('bool');
    expect(types('getM365AppUserCounts').Teams).toBe('count');
    expect(types('getMailboxUsageDetail')['Storage Used (Byte)']).toBe('bytes');
    expect(types('getTeamsUserActivityCounts')['Audio Duration']).toBe('duration');
    expect(types('getSharePointSiteUsageDetail')['Site URL']).toBe('url');
    expect(types('getOneDriveActivityUserDetail')['Assigned Products']).toBe('products');
    expect(types('getTeamsTeamActivityDetail')['Team Id']).toBe('id');
  });

  it('has a Report Date exactly in daily reports, an entity exactly in per-entity ones, a date only for those', () => {
    for (const name of REPORT_NAMES) {
      const report = REPORT_CATALOG[name];
      expect(report.columns.includes('Report Date'), name).toBe(report.shape === 'daily');
      expect(report.entity !== undefined, name).toBe(report.shape === 'per-entity');
      expect(report.acceptsDate, name).toBe(report.parameters === 'period-or-date');
      if (report.acceptsDate) expect(report.shape, name).toBe('per-entity');
      if (report.category !== undefined) expect(report.columns, name).toContain(report.category);
      expect(REPORT_FAMILIES).toContain(report.family);
    }
    expect(REPORT_CATALOG.getMailboxUsageDetail.acceptsDate).toBe(false);
    expect(named((name) => REPORT_CATALOG[name].parameters === 'none')).toEqual([
      'getOffice365ActivationsUserDetail',
      'getOffice365ActivationCounts',
      'getOffice365ActivationsUserCounts',
    ]);
    expect(REPORT_CATALOG.getEmailAppUsageVersionsUserCounts.shape).toBe('summary');
    expect(REPORT_CATALOG.getOneDriveUsageAccountDetail.entity).toBe('account');
    expect(REPORT_CATALOG.getSharePointSiteUsageStorage.category).toBe('Site Type');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(REPORT_CATALOG)).toBe(true);
    expect(Object.isFrozen(REPORT_CATALOG.getMailboxUsageDetail)).toBe(true);
    expect(Object.isFrozen(REPORT_CATALOG.getMailboxUsageDetail.columns)).toBe(true);
    expect(Object.isFrozen(REPORT_CATALOG.getMailboxUsageDetail.columnTypes)).toBe(true);
  });

  it('recognises report names', () => {
    expect(isReportName('getMailboxUsageStorage')).toBe(true);
    expect(isReportName('getMicrosoft365CopilotUserCountTrend')).toBe(true);
    expect(isReportName('toString')).toBe(false);
  });
});
