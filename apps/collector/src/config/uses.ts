import type { CollectorConfig } from './types.js';

/**
 * Sources that commit progress only after the backend acknowledged what they sent: they need the state directory
 * and its lock. Report-date mode keeps each series' high-water mark there.
 */
export function usesState(config: Pick<CollectorConfig, 'serviceHealth' | 'audit' | 'reports'>): boolean {
  return config.serviceHealth.enabled || config.audit.enabled || reportDateMode(config);
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

export function reportDateMode(config: Pick<CollectorConfig, 'reports'>): boolean {
  return config.reports.enabled && config.reports.time === 'report-date';
}
