import type { EventAttributes, EventBody, EventName } from './generated/catalog.js';

/** A log record with an event name, before the collector stamps severity and observed time on it. */
export interface EventRecord {
  eventName: EventName;
  /** ISO 8601: the time the catalog gives the event (as Microsoft sent it, or the poll's). */
  timestamp: string;
  attributes: Record<string, string | boolean | number>;
  body: Record<string, unknown>;
}

/**
 * An event's record, its attribute set and body fields checked against the catalog at compile time. Attributes
 * without a value are left out, as the catalog's `when set` promises.
 */
export function eventRecord<E extends EventName>(
  eventName: E,
  timestamp: string,
  attributes: EventAttributes[E],
  body: EventBody[E],
): EventRecord {
  const set = Object.entries(attributes).filter(([, value]) => value !== undefined);
  return { eventName, timestamp, attributes: Object.fromEntries(set), body: { ...body } };
}
