import type { CollectorConfig } from './types.js';

type SourceSections = Pick<
  CollectorConfig,
  'serviceHealth' | 'audit' | 'reports' | 'governance' | 'callQuality'
>;

/**
 * Sources that commit progress only after the backend acknowledged what they sent: they need the state directory
 * and its lock. The reports keep each report's refresh date, ETag and snapshot there (and in report-date mode each
 * series' high-water mark), so a restart neither downloads nor sends an unchanged report again. Risky users keep the
 * risk-detection cursor, call quality the call-record cursor.
 */
export function usesState(config: SourceSections): boolean {
  return (
    config.serviceHealth.enabled ||
    config.audit.enabled ||
    config.reports.enabled ||
    (config.governance.enabled && config.governance.riskyUsers) ||
    config.callQuality.enabled
  );
}

/** Sources that send log records: they need the log export. */
export function sendsLogRecords(config: SourceSections): boolean {
  const { governance, callQuality } = config;
  return (
    config.serviceHealth.enabled ||
    config.audit.enabled ||
    (config.reports.enabled && config.reports.details.size > 0) ||
    // A record per app credential and per new risk detection; per call record only on request.
    (governance.enabled && (governance.appCredentials || governance.riskyUsers)) ||
    (callQuality.enabled && callQuality.records)
  );
}
