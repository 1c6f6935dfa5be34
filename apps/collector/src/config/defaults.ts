import { REPORT_CATALOG, REPORT_NAMES } from '@m365-otel/graph-reports';

/** The defaults the schema fills in, also what the demo builds its config from. */
export const REPORT_DEFAULTS = {
  enabled: true,
  period: 'D7',
  interval: '6h',
  time: 'latest',
  refetchDays: 3,
} as const;
/**
 * reports.refetchDays: at least the newest day, at most one day less than the 28 days of daily data Microsoft keeps
 * (the oldest of them is only ever read by the first run's backfill).
 */
export const MIN_REFETCH_DAYS = 1;
export const MAX_REFETCH_DAYS = 27;
/** The reports whose rows describe one user, mailbox, site, group or team each: what `reports.details` accepts. */
export const PER_ENTITY_REPORTS = REPORT_NAMES.filter((name) => REPORT_CATALOG[name].shape === 'per-entity');
export const SERVICE_HEALTH_DEFAULTS = { enabled: true, interval: '5m', messages: false } as const;
export const AUDIT_DEFAULTS = {
  enabled: false,
  pollInterval: '3m',
  startFrom: '24h',
  overlap: '15m',
  dedupCacheSize: 100_000,
} as const;
/** state.directory when the file does not set one: beside the config file, so a restart finds it again. */
export const DEFAULT_STATE_DIRECTORY = 'state';
export const GOVERNANCE_DEFAULTS = {
  enabled: false,
  interval: '6h',
  licences: true,
  appCredentials: true,
  tenantSettings: true,
  directorySync: true,
  connectHealth: false,
  riskyUsers: false,
} as const;
export const CALL_QUALITY_DEFAULTS = { enabled: false, interval: '15m', records: false } as const;
/** Port 13134: an OpenTelemetry Collector sidecar's health_check extension takes 13133 in the same pod. */
export const HEALTH_DEFAULTS = { enabled: false, endpoint: '0.0.0.0:13134' } as const;
/** export.buffer: an hour-long outage of a few tenants' events and audit records fits in 256 MiB (docs/reliability.md). */
export const EXPORT_BUFFER_DEFAULTS = { enabled: true, maxSize: '256MiB', maxBackoff: '1m' } as const;
