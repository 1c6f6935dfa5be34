import { describe, expect, it } from 'vitest';
import { isReportName, REPORT_CATALOG, REPORT_NAMES } from './catalog.js';

describe('REPORT_CATALOG', () => {
  it('defines exactly the seven report functions, keyed by their own name', () => {
    expect(Object.keys(REPORT_CATALOG).sort()).toEqual([...REPORT_NAMES].sort());
    for (const name of REPORT_NAMES) expect(REPORT_CATALOG[name].name).toBe(name);
  });

  it('carries the documented CSV headers exactly', () => {
    const header = (name: keyof typeof REPORT_CATALOG) => REPORT_CATALOG[name].columns.join(',');
    const emailCounts =
      'Report Refresh Date,Send,Receive,Read,Meeting Created,Meeting Interacted,Report Date,Report Period';
    expect(header('getEmailActivityCounts')).toBe(emailCounts);
    expect(header('getEmailActivityUserCounts')).toBe(emailCounts);
    expect(header('getEmailActivityUserDetail')).toBe(
      'Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period',
    );
    expect(header('getMailboxUsageDetail')).toBe(
      'Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Created Date,Last Activity Date,Item Count,Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Deleted Item Count,Deleted Item Size (Byte),Deleted Item Quota (Byte),Has Archive,Report Period',
    );
    expect(REPORT_CATALOG.getMailboxUsageDetail.columns).toHaveLength(17);
    expect(header('getMailboxUsageMailboxCounts')).toBe(
      'Report Refresh Date,Total,Active,Report Date,Report Period',
    );
    expect(header('getMailboxUsageQuotaStatusMailboxCounts')).toBe(
      'Report Refresh Date,Under Limit,Warning Issued,Send Prohibited,Send/Receive Prohibited,Indeterminate,Report Date,Report Period',
    );
    expect(header('getMailboxUsageStorage')).toBe(
      'Report Refresh Date,Storage Used (Byte),Report Date,Report Period',
    );
  });

  it('accepts a date only for the email activity user detail; daily-counts reports have a Report Date', () => {
    expect(REPORT_NAMES.filter((name) => REPORT_CATALOG[name].acceptsDate)).toEqual([
      'getEmailActivityUserDetail',
    ]);
    for (const name of REPORT_NAMES) {
      const { shape, columns } = REPORT_CATALOG[name];
      expect(columns.includes('Report Date')).toBe(shape === 'daily-counts');
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(REPORT_CATALOG)).toBe(true);
    expect(Object.isFrozen(REPORT_CATALOG.getMailboxUsageDetail.columns)).toBe(true);
  });

  it('recognises report names', () => {
    expect(isReportName('getMailboxUsageStorage')).toBe(true);
    expect(isReportName('toString')).toBe(false);
  });
});
