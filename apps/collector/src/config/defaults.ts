/** The defaults the schema fills in, also what the demo builds its config from. */
export const REPORT_DEFAULTS = { enabled: true, period: 'D7', interval: '6h', time: 'latest' } as const;
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
