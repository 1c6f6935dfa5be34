import type { AnyValue, SeverityNumber } from '@opentelemetry/api';
import { type InstrumentationScope, millisToHrTime } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { SCOPE } from '../version.js';
import type { LogRecordLimits } from './settings.js';

/** One record to export, as the pipelines describe it. */
export interface LogRecordFields {
  eventName: string;
  /** When it happened; undefined when Microsoft's time could not be read (the record then takes `observedMs`). */
  timestampMs: number | undefined;
  /** When the collector saw it. */
  observedMs: number;
  severityNumber: SeverityNumber;
  severityText: string;
  /** Structured; strings are cut to the value-length limit by `toAnyValue` beforehand. None for a record whose attributes say it all. */
  body?: AnyValue;
  /**
   * Flat, as the catalog declares every attribute; an undefined one is left out. The record keeps this very object
   * when nothing in it is to be cut or dropped: it must not change afterwards.
   */
  attributes: Readonly<Record<string, ScalarAttribute | undefined>>;
}

/** Scalars, and lists of strings (a per-entity record's product list, say). */
type ScalarAttribute = string | number | boolean | readonly string[];

/**
 * Makes a tenant's log records as the exporter reads them: what the SDK's Logger makes of an `emit` (the same
 * resource, scope, times and attribute limits; tests compare the bytes), without its context lookup, processors
 * and read-only wrapper, which a bridge that exports its records itself has no use for. That machinery was 9 % of
 * the audit log's CPU (ARCHITECTURE.md).
 */
export class LogRecordFactory {
  readonly #resource: Resource;
  readonly #scope: InstrumentationScope = { name: SCOPE.name, version: SCOPE.version };
  readonly #limits: LogRecordLimits;

  constructor(resource: Resource, limits: LogRecordLimits) {
    this.#resource = resource;
    this.#limits = limits;
  }

  record(fields: LogRecordFields): ReadableLogRecord {
    const { attributes, droppedAttributesCount } = limitAttributes(fields.attributes, this.#limits);
    return {
      hrTime: millisToHrTime(fields.timestampMs ?? fields.observedMs),
      hrTimeObserved: millisToHrTime(fields.observedMs),
      severityNumber: fields.severityNumber,
      severityText: fields.severityText,
      ...(fields.body !== undefined && { body: fields.body }),
      eventName: fields.eventName,
      resource: this.#resource,
      instrumentationScope: this.#scope,
      attributes,
      droppedAttributesCount,
    };
  }
}

/**
 * The SDK's attribute limits (its `maybeAddAttribute`, applied key by key by its log record) for flat values: an
 * undefined value or an empty key is left out, attributes past the count are dropped and counted, strings past the
 * value length are cut. The SDK's version checks each value's shape with a fresh WeakSet, a cost per attribute that
 * scalars do not need.
 */
function limitAttributes(
  input: LogRecordFields['attributes'],
  limits: LogRecordLimits,
): { attributes: LogRecordFields['attributes']; droppedAttributesCount: number } {
  if (withinLimits(input, limits)) return { attributes: input, droppedAttributesCount: 0 };
  const attributes: Record<string, ScalarAttribute> = {};
  const maxLength = limits.attributeValueLengthLimit;
  let count = 0;
  let droppedAttributesCount = 0;
  for (const key in input) {
    const value = input[key];
    if (value === undefined || key === '') continue;
    if (count >= limits.attributeCountLimit) {
      droppedAttributesCount++;
      continue;
    }
    attributes[key] =
      typeof value === 'string' && value.length > maxLength ? value.substring(0, maxLength) : value;
    count++;
  }
  return { attributes, droppedAttributesCount };
}

/** Nothing to leave out or cut: the pipelines' attributes are made for their record alone and can be used as they are. */
function withinLimits(input: LogRecordFields['attributes'], limits: LogRecordLimits): boolean {
  let count = 0;
  for (const key in input) {
    const value = input[key];
    if (value === undefined || key === '') return false;
    if (typeof value === 'string' && value.length > limits.attributeValueLengthLimit) return false;
    count++;
  }
  return count <= limits.attributeCountLimit;
}
