import {
  ATTR_M365_SERVICE_ISSUE_CLASSIFICATION as CLASSIFICATION,
  EVENT_M365_SERVICE_ISSUE,
  type EventRecord,
  ATTR_M365_SERVICE_ISSUE_CHANGE as ISSUE_CHANGE,
  ATTR_M365_SERVICE_ISSUE_RESOLVED as RESOLVED,
} from '@m365-otel/mappers';
import { type AnyValue, type Logger as OtelLogger, SeverityNumber } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import type { Resource } from '@opentelemetry/resources';
import {
  LoggerProvider,
  type LogRecordExporter,
  type LogRecordProcessor,
  type ReadableLogRecord,
  type ReadWriteLogRecord,
} from '@opentelemetry/sdk-logs';
import { SCOPE } from '../version.js';
import type { ExportOutcome } from './exporter.js';
import type { LogExportSettings } from './settings.js';

/** Records per OTLP request, the batch processor's default: keeps one request well under backends' body limits. */
export const MAX_EVENTS_PER_EXPORT = 512;

export function createLogExporter(settings: LogExportSettings): LogRecordExporter {
  const options = { url: settings.url, headers: settings.headers, timeoutMillis: settings.timeoutMs };
  return settings.protocol === 'http/json' ? new JsonLogExporter(options) : new ProtobufLogExporter(options);
}

/**
 * Holds what the logger emitted until it is taken. The SDK's own processors export in the background and report
 * failures to nobody (and the simple one dropped records when fed quickly); collecting instead lets the caller
 * export the exact records itself and know whether the backend acknowledged them before committing any state.
 */
class CollectingProcessor implements LogRecordProcessor {
  #records: ReadableLogRecord[] = [];

  onEmit(record: ReadWriteLogRecord): void {
    this.#records.push(record);
  }

  take(): ReadableLogRecord[] {
    const records = this.#records;
    this.#records = [];
    return records;
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {
    this.#records = [];
  }
}

/**
 * WARN for an incident that is open and opened or changed: it is what someone on call must look at. An update to a
 * resolved incident (its post-incident review, say) is history, so it is INFO like advisories, resolutions and
 * messages.
 */
export function severityOf(record: EventRecord): { number: SeverityNumber; text: 'INFO' | 'WARN' } {
  const change = record.attributes[ISSUE_CHANGE];
  const warn =
    record.eventName === EVENT_M365_SERVICE_ISSUE &&
    record.attributes[CLASSIFICATION] === 'incident' &&
    record.attributes[RESOLVED] === false &&
    (change === 'opened' || change === 'updated');
  return warn ? { number: SeverityNumber.WARN, text: 'WARN' } : { number: SeverityNumber.INFO, text: 'INFO' };
}

/**
 * One tenant's events: a LoggerProvider on the tenant's Resource (the one its metrics carry), whose records are
 * collected and exported by `export`, which resolves only with the backend's answer.
 */
export class TenantEvents {
  readonly #provider: LoggerProvider;
  readonly #logger: OtelLogger;
  readonly #collected = new CollectingProcessor();

  constructor(resource: Resource) {
    this.#provider = new LoggerProvider({ resource, processors: [this.#collected] });
    this.#logger = this.#provider.getLogger(SCOPE.name, SCOPE.version);
  }

  /**
   * Emits the events (timestamp = when Microsoft last changed the item, observed = now) and exports them in
   * batches, awaiting each ExportResult. ok is true only when every batch was acknowledged; on false the caller
   * must not commit, so the same events go out again next time.
   */
  async export(
    events: readonly EventRecord[],
    exporter: LogRecordExporter,
    nowMs: number,
  ): Promise<ExportOutcome> {
    // Anything a previous, interrupted call left behind belongs to events that were not acknowledged: drop it.
    this.#collected.take();
    for (const event of events) {
      const severity = severityOf(event);
      const timestampMs = Date.parse(event.timestamp);
      this.#logger.emit({
        eventName: event.eventName,
        // An unreadable time from Microsoft must not become 1970: the SDK then stamps the record with now.
        ...(Number.isNaN(timestampMs) ? {} : { timestamp: timestampMs }),
        observedTimestamp: nowMs,
        severityNumber: severity.number,
        severityText: severity.text,
        body: toAnyValue(event.body),
        attributes: { ...event.attributes },
      });
    }
    const records = this.#collected.take();
    const errors: string[] = [];
    for (let start = 0; start < records.length && errors.length === 0; start += MAX_EVENTS_PER_EXPORT) {
      const batch = records.slice(start, start + MAX_EVENTS_PER_EXPORT);
      const result = await new Promise<ExportResult>((resolve) => exporter.export(batch, resolve));
      if (result.code !== ExportResultCode.SUCCESS) {
        errors.push(result.error?.message ?? 'the OTLP backend did not acknowledge the events');
      }
    }
    return { ok: errors.length === 0, errors };
  }

  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}

/** A structured body as an OTLP AnyValue (kvlist/array/scalars); undefined members are left out, as in JSON. */
export function toAnyValue(value: unknown): AnyValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toAnyValue);
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, member]) => member !== undefined);
    return Object.fromEntries(entries.map(([key, member]) => [key, toAnyValue(member)]));
  }
  return String(value);
}
