import type { CollectorConfig } from './types.js';

/**
 * Sources that commit progress only after the backend acknowledged what they sent: they need the state directory
 * and its lock. The reports keep each report's refresh date, ETag and snapshot there (and in report-date mode each
 * series' high-water mark), so a restart neither downloads nor sends an unchanged report again.
 */
export function usesState(config: Pick<CollectorConfig, 'serviceHealth' | 'audit' | 'reports'>): boolean {
  return config.serviceHealth.enabled || config.audit.enabled || config.reports.enabled;
}

/** Sources that send log records: they need the log export. */
export function sendsLogRecords(
  config: Pick<CollectorConfig, 'serviceHealth' | 'audit' | 'reports'>,
): boolean {
  return (
    config.serviceHealth.enabled ||
    config.audit.enabled ||
    (config.reports.enabled && config.reports.details.size > 0)
  );
}
