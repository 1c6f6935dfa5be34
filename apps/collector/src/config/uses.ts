import type { CollectorConfig } from './types.js';

/**
 * Sources that send log records and commit progress only after the backend acknowledged them: they need the log
 * export, the state directory and its lock.
 */
export function usesState(config: Pick<CollectorConfig, 'serviceHealth' | 'audit'>): boolean {
  return config.serviceHealth.enabled || config.audit.enabled;
}
