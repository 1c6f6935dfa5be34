import type { AuditEvent, EntityRecord } from '@m365-otel/mappers';
import {
  ATTR_M365_SERVICE_ISSUE_CLASSIFICATION as CLASSIFICATION,
  EVENT_M365_SERVICE_ISSUE,
  type EventRecord,
  ATTR_M365_SERVICE_ISSUE_CHANGE as ISSUE_CHANGE,
  ATTR_M365_SERVICE_ISSUE_RESOLVED as RESOLVED,
} from '@m365-otel/mappers';
import { type AnyValue, SeverityNumber } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { type ExportOutcome, emptyOutcome, recordResult } from './exporter.js';
import { LogRecordFactory } from './log-records.js';
import { createOtlpLogExporter } from './otlp-exporter.js';
import { currentResource, type ResourceHolder } from './resource.js';
import { DEFAULT_LOG_RECORD_LIMITS, type LogExportSettings, type LogRecordLimits } from './settings.js';

/** Records per OTLP request, the batch processor's default: keeps one request well under backends' body limits. */
export const MAX_EVENTS_PER_EXPORT = 512;

export function createLogExporter(settings: LogExportSettings): LogRecordExporter {
  return createOtlpLogExporter(settings);
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
 * One tenant's events: log records on the tenant's Resource (the one its metrics carry; with a holder, the Resource
 * current when the records are made), exported by `export` and `exportAudit`, which resolve only with the backend's
 * answer. The limits bound what Microsoft's text can make of a record: attribute values are cut and attributes
 * beyond the count dropped as the SDK does, and every string in the body is cut to the same value length (the SDK
 * leaves bodies alone).
 */
export class TenantEvents {
  readonly #resource: Resource | ResourceHolder;
  #factory: LogRecordFactory;
  #factoryResource: Resource;
  readonly #limits: LogRecordLimits;

  constructor(resource: Resource | ResourceHolder, limits: LogRecordLimits = DEFAULT_LOG_RECORD_LIMITS) {
    this.#resource = resource;
    this.#limits = limits;
    this.#factoryResource = currentResource(resource);
    this.#factory = new LogRecordFactory(this.#factoryResource, limits);
  }

  /** The factory for the current Resource; one per Resource, so the records of a batch share it (OTLP groups by it). */
  get #records(): LogRecordFactory {
    const resource = currentResource(this.#resource);
    if (resource !== this.#factoryResource) {
      this.#factoryResource = resource;
      this.#factory = new LogRecordFactory(resource, this.#limits);
    }
    return this.#factory;
  }

  /**
   * Exports the events (timestamp = when Microsoft last changed the item, observed = now) in batches, awaiting each
   * ExportResult. ok is true only when every batch was acknowledged in full. When the only failures are partial
   * successes (`delivered`), the caller commits, so neither the accepted nor the rejected events are sent again;
   * otherwise it must not commit, so the same events go out again next time.
   */
  export(events: readonly EventRecord[], exporter: LogRecordExporter, nowMs: number): Promise<ExportOutcome> {
    const records = events.map((event) => {
      const severity = severityOf(event);
      const timestampMs = Date.parse(event.timestamp);
      return this.#records.record({
        eventName: event.eventName,
        // An unreadable time from Microsoft must not become 1970: the record is stamped when it was observed.
        timestampMs: Number.isNaN(timestampMs) ? undefined : timestampMs,
        observedMs: nowMs,
        severityNumber: severity.number,
        severityText: severity.text,
        body: toAnyValue(event.body, this.#limits.attributeValueLengthLimit),
        attributes: event.attributes,
      });
    });
    return exportInBatches(records, exporter);
  }

  /**
   * Exports per-entity report records (timestamp = the report day they describe, observed = `nowMs`, INFO, the row
   * in the attributes) like `export`, with the same outcome.
   */
  exportEntityRecords(
    records: readonly EntityRecord[],
    exporter: LogRecordExporter,
    nowMs: number,
  ): Promise<ExportOutcome> {
    return exportInBatches(
      records.map((record) =>
        this.#records.record({
          eventName: record.eventName,
          timestampMs: record.timestampMs,
          observedMs: nowMs,
          severityNumber: SeverityNumber.INFO,
          severityText: 'INFO',
          attributes: record.attributes,
        }),
      ),
      exporter,
    );
  }

  /**
   * Exports audit records (timestamp = CreationTime, observed = `observedMs`, one per event: when its blob was
   * fetched; the body being the record) like `export`, with the same outcome.
   */
  exportAudit(
    events: readonly AuditEvent[],
    exporter: LogRecordExporter,
    observedMs: readonly number[],
  ): Promise<ExportOutcome> {
    if (observedMs.length !== events.length)
      throw new RangeError(`exportAudit: ${events.length} events but ${observedMs.length} observed times`);
    const records = new Array<ReadableLogRecord>(events.length);
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as AuditEvent;
      records[index] = this.#records.record({
        eventName: event.eventName,
        timestampMs: event.timestampMs,
        observedMs: observedMs[index] as number,
        severityNumber: event.severity === 'WARN' ? SeverityNumber.WARN : SeverityNumber.INFO,
        severityText: event.severity,
        body: toAnyValue(event.body, this.#limits.attributeValueLengthLimit),
        attributes: event.attributes,
      });
    }
    return exportInBatches(records, exporter);
  }
}

/**
 * Batches of a per-entity report's records exported and not yet acknowledged, at most: beyond them the download
 * waits (EntityRecordStream.ready), so a backend slower than Microsoft's download holds a bounded number of records
 * in memory (this many batches, the one filling and the rows of one downloaded chunk) instead of the whole report.
 */
export const MAX_ENTITY_BATCHES_IN_FLIGHT = 4;

/**
 * A per-entity report's records as they stream out of the mapping: exported in batches of MAX_EVENTS_PER_EXPORT,
 * one batch at a time behind the download, and `finish` resolves with the outcome of them all. After a batch the
 * backend did not take, the rest is not sent (the report fails, and is read and sent again next time).
 *
 * The reports client reads a file again whole when its transfer breaks off; each read of the file takes a sink from
 * `attempt()`, which passes over the records earlier reads of the same report day already forwarded: the same file
 * yields the same rows in the same order, so the backend gets each record once. A file of another day (Microsoft
 * refreshed the report between the reads) is forwarded whole.
 */
export class EntityRecordStream {
  readonly #events: TenantEvents;
  readonly #exporter: LogRecordExporter;
  readonly #nowMs: number;
  #buffer: EntityRecord[] = [];
  #sending: Promise<void> = Promise.resolve();
  readonly #outcome = emptyOutcome();
  #records = 0;
  /** Records forwarded per report day (their timestamp), for the next attempt to pass over. */
  readonly #forwarded = new Map<number, number>();
  #inFlight = 0;
  readonly #waiting = new Set<() => void>();

  constructor(events: TenantEvents, exporter: LogRecordExporter, nowMs: number) {
    this.#events = events;
    this.#exporter = exporter;
    this.#nowMs = nowMs;
  }

  /** The sink of one read of the report's file. */
  attempt(): (record: EntityRecord) => void {
    if (this.#forwarded.size === 0) return (record) => this.#push(record);
    const before = new Map(this.#forwarded);
    const seen = new Map<number, number>();
    return (record) => {
      const already = before.get(record.timestampMs);
      if (already !== undefined) {
        const count = (seen.get(record.timestampMs) ?? 0) + 1;
        seen.set(record.timestampMs, count);
        if (count <= already) return;
      }
      this.#push(record);
    };
  }

  /**
   * undefined while fewer than MAX_ENTITY_BATCHES_IN_FLIGHT batches await the backend; otherwise a promise that
   * resolves when one is acknowledged (or refused), and rejects with the signal's reason when it aborts first.
   */
  ready(signal: AbortSignal): Promise<void> | undefined {
    if (this.#inFlight < MAX_ENTITY_BATCHES_IN_FLIGHT) return undefined;
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        this.#waiting.delete(wake);
        reject(signal.reason);
      };
      const wake = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.add(wake);
    });
  }

  /** Sends what is left and resolves with the outcome of every batch, and how many records there were. */
  async finish(): Promise<ExportOutcome & { records: number }> {
    this.#send();
    await this.#sending;
    return { ...this.#outcome, records: this.#records };
  }

  #push(record: EntityRecord): void {
    this.#buffer.push(record);
    this.#records++;
    this.#forwarded.set(record.timestampMs, (this.#forwarded.get(record.timestampMs) ?? 0) + 1);
    if (this.#buffer.length >= MAX_EVENTS_PER_EXPORT) this.#send();
  }

  #send(): void {
    if (this.#buffer.length === 0) return;
    const batch = this.#buffer;
    this.#buffer = [];
    this.#inFlight++;
    this.#sending = this.#sending.then(async () => {
      try {
        if (!this.#outcome.delivered) return;
        const outcome = await this.#events.exportEntityRecords(batch, this.#exporter, this.#nowMs);
        this.#outcome.ok &&= outcome.ok;
        this.#outcome.delivered &&= outcome.delivered;
        this.#outcome.errors.push(...outcome.errors);
        this.#outcome.rejected += outcome.rejected;
      } finally {
        this.#inFlight--;
        for (const wake of this.#waiting) wake();
        this.#waiting.clear();
      }
    });
  }
}

/**
 * Exports records in batches, awaiting each ExportResult. A refused batch stops the export (the caller sends it all
 * again); a partial success does not, since what the backend rejected must not be sent again and the rest was
 * delivered.
 */
async function exportInBatches(
  records: readonly ReadableLogRecord[],
  exporter: LogRecordExporter,
): Promise<ExportOutcome> {
  const outcome = emptyOutcome();
  for (let start = 0; start < records.length; start += MAX_EVENTS_PER_EXPORT) {
    const batch = records.slice(start, start + MAX_EVENTS_PER_EXPORT);
    const result = await new Promise<ExportResult>((resolve) => exporter.export(batch, resolve));
    recordResult(outcome, result, 'the OTLP backend did not acknowledge the events');
    if (!outcome.delivered) break;
  }
  return outcome;
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
