/**
 * One audit record mapped for export, as `mapAuditRecord` of @m365-otel/mappers returns it (the shape the
 * cross-package contract fixes).
 */
export interface AuditEvent {
  eventName: string;
  /** CreationTime read as UTC; undefined when it could not be read (the SDK then stamps the export time). */
  timestampMs: number | undefined;
  severity: 'INFO' | 'WARN';
  attributes: Record<string, string | number | boolean>;
  /** The record itself. */
  body: Readonly<Record<string, unknown>>;
  /** The attributes of this record's m365.audit.records data point. */
  recordsMetric: Record<string, string | number | boolean>;
}
