/** The closed sets of values the config accepts for its enum keys; the schema and the exporters both read them. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** reports.time: `latest` stamps each report's newest complete day at collection time, `report-date` each day at its own. */
export const REPORT_TIME_MODES = ['latest', 'report-date'] as const;
export type ReportTimeMode = (typeof REPORT_TIME_MODES)[number];
