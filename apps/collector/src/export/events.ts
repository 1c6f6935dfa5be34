import type { AuditEvent } from '@m365-otel/mappers';
import {
  ATTR_M365_SERVICE_ISSUE_CLASSIFICATION as CLASSIFICATION,
  EVENT_M365_SERVICE_ISSUE,
  type EventRecord,
  ATTR_M365_SERVICE_ISSUE_CHANGE as ISSUE_CHANGE,
  ATTR_M365_SERVICE_ISSUE_RESOLVED as RESOLVED,
} from '@m365-otel/mappers';
import { type AnyValue, type Logger as OtelLogger, SeverityNumber } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import {
  LoggerProvider,
  type LogRecordExporter,
  type LogRecordProcessor,
  type ReadableLogRecord,
  type ReadWriteLogRecord,
} from '@opentelemetry/sdk-logs';
import { SCOPE } from '../version.js';
import { type ExportOutcome, emptyOutcome, recordResult } from './exporter.js';
import { createOtlpLogExporter } from './otlp-exporter.js';
import { DEFAULT_LOG_RECORD_LIMITS, type LogExportSettings, type LogRecordLimits } from './settings.js';

/** Records per OTLP request, the batch processor's default: keeps one request well under backends' body limits. */
export const MAX_EVENTS_PER_EXPORT = 512;

export function createLogExporter(settings: LogExportSettings): LogRecordExporter {
  return createOtlpLogExporter(settings);
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
 * collected and exported by `export`, which resolves only with the backend's answer. The limits bound what
 * Microsoft's text can make of a record: the SDK cuts attribute values and drops attributes beyond the count, and
 * every string in the body is cut to the same value length (the SDK leaves bodies alone).
 */
export class TenantEvents {
  readonly #provider: LoggerProvider;
  readonly #logger: OtelLogger;
  readonly #collected = new CollectingProcessor();
  readonly #limits: LogRecordLimits;

  constructor(resource: Resource, limits: LogRecordLimits = DEFAULT_LOG_RECORD_LIMITS) {
    this.#limits = limits;
    this.#provider = new LoggerProvider({ resource, processors: [this.#collected], logRecordLimits: limits });
    this.#logger = this.#provider.getLogger(SCOPE.name, SCOPE.version);
  }

  /**
   * Emits the events (timestamp = when Microsoft last changed the item, observed = now) and exports them in
   * batches, awaiting each ExportResult. ok is true only when every batch was acknowledged in full. When the only
   * failures are partial successes (`delivered`), the caller commits, so neither the accepted nor the rejected
   * events are sent again; otherwise it must not commit, so the same events go out again next time.
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
        body: toAnyValue(event.body, this.#limits.attributeValueLengthLimit),
        attributes: { ...event.attributes },
      });
    }
    return this.#exportCollected(exporter);
  }

  /**
   * Emits audit records (timestamp = CreationTime, observed = `observedMs`, one per event: when its blob was
   * fetched; the body being the record) and exports them like `export`, with the same outcome.
   */
  exportAudit(
    events: readonly AuditEvent[],
    exporter: LogRecordExporter,
    observedMs: readonly number[],
  ): Promise<ExportOutcome> {
    if (observedMs.length !== events.length)
      throw new RangeError(`exportAudit: ${events.length} events but ${observedMs.length} observed times`);
    this.#collected.take();
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as AuditEvent;
      const severity = event.severity === 'WARN' ? SeverityNumber.WARN : SeverityNumber.INFO;
      this.#logger.emit({
        eventName: event.eventName,
        ...(event.timestampMs === undefined ? {} : { timestamp: event.timestampMs }),
        observedTimestamp: observedMs[index] as number,
        severityNumber: severity,
        severityText: event.severity,
        body: toAnyValue(event.body, this.#limits.attributeValueLengthLimit),
        // The mapping made this object for this record alone: no copy needed.
        attributes: event.attributes,
      });
    }
    return this.#exportCollected(exporter);
  }

  /**
   * Exports what the logger collected in batches, awaiting each ExportResult. A refused batch stops the export (the
   * caller sends it all again); a partial success does not, since what the backend rejected must not be sent again
   * and the rest was delivered.
   */
  async #exportCollected(exporter: LogRecordExporter): Promise<ExportOutcome> {
    const records = this.#collected.take();
    const outcome = emptyOutcome();
    for (let start = 0; start < records.length; start += MAX_EVENTS_PER_EXPORT) {
      const batch = records.slice(start, start + MAX_EVENTS_PER_EXPORT);
      const result = await new Promise<ExportResult>((resolve) => exporter.export(batch, resolve));
      recordResult(outcome, result, 'the OTLP backend did not acknowledge the events');
      if (!outcome.delivered) break;
    }
    return outcome;
  }

  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}

/**
 * A structured body as an OTLP AnyValue (kvlist/array/scalars); undefined members are left out, as in JSON, and
 * strings are cut to `valueLengthLimit` characters. What needs no change is shared, not copied: an audit record
 * (parsed JSON, rarely a string over the limit) goes out as it is, which keeps the audit log's throughput up.
 */
export function toAnyValue(value: unknown, valueLengthLimit = Number.POSITIVE_INFINITY): AnyValue {
  const convert = (member: unknown): AnyValue => {
    if (typeof member === 'string')
      return member.length > valueLengthLimit ? member.slice(0, valueLengthLimit) : member;
    if (member === null || typeof member === 'number' || typeof member === 'boolean') return member;
    if (member === undefined) return null;
    if (member instanceof Uint8Array) return member;
    if (Array.isArray(member)) {
      let copy: AnyValue[] | undefined;
      for (let index = 0; index < member.length; index++) {
        const inner: unknown = member[index];
        const converted = convert(inner);
        if (copy === undefined && converted !== inner) copy = member.slice(0, index) as AnyValue[];
        copy?.push(converted);
      }
      return copy ?? (member as AnyValue[]);
    }
    if (typeof member === 'object') {
      const prototype = Object.getPrototypeOf(member);
      // Anything but a plain object (a Date, a Map) is rebuilt from its own fields, as JSON would.
      const plain = prototype === Object.prototype || prototype === null;
      const record = member as Record<string, unknown>;
      const keys = Object.keys(record);
      let copy: Record<string, AnyValue> | undefined = plain ? undefined : {};
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index] as string;
        const inner = record[key];
        const converted = inner === undefined ? undefined : convert(inner);
        if (copy === undefined && (inner === undefined || converted !== inner)) {
          copy = {};
          for (const earlier of keys.slice(0, index)) copy[earlier] = record[earlier] as AnyValue;
        }
        if (copy !== undefined && converted !== undefined) copy[key] = converted;
      }
      return copy ?? (record as AnyValue);
    }
    return convert(String(member));
  };
  return convert(value);
}
