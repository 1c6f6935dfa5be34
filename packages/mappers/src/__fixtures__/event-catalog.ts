import { expect } from 'vitest';
import type { EventRecord } from '../event-record.js';
import { EVENT_CATALOG } from '../generated/catalog.js';

const JS_TYPES = { string: 'string', bool: 'boolean', int: 'number' } as const;

/** The record uses only the catalog's attributes, with their types, every 'always' one present, and its body fields. */
export function expectMatchesCatalog(record: EventRecord): void {
  const definition = EVENT_CATALOG.find((event) => event.name === record.eventName);
  if (definition === undefined) throw new Error(`no event ${record.eventName} in the catalog`);
  const declared = new Map(definition.attributes.map((use) => [use.attribute.name, use.attribute]));
  for (const [name, value] of Object.entries(record.attributes)) {
    const attribute = declared.get(name);
    expect(attribute, name).toBeDefined();
    expect(typeof value, name).toBe(attribute === undefined ? undefined : JS_TYPES[attribute.type]);
  }
  for (const use of definition.attributes.filter((candidate) => candidate.presence === 'always')) {
    expect(Object.keys(record.attributes)).toContain(use.attribute.name);
  }
  expect(Object.keys(record.body)).toEqual(Object.keys(definition.body));
}
