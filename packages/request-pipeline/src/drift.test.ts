import { describe, expect, it, vi } from 'vitest';
import { DriftReporter, defineEnum, enumValueOf, type SkippedItem } from './drift.js';

const STATUS = defineEnum('serviceHealthStatus', ['serviceOperational', 'investigating']);

function spyLogger() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

describe('enumValueOf', () => {
  it('matches a documented value in any case and keeps an unknown one as sent', () => {
    expect(enumValueOf(STATUS, 'ServiceOperational')).toEqual({ value: 'serviceOperational', known: true });
    expect(enumValueOf(STATUS, 'PartialOutage')).toEqual({ value: 'PartialOutage', known: false });
  });
});

describe('DriftReporter', () => {
  it('warns once per enum and value', () => {
    const logger = spyLogger();
    const drift = new DriftReporter({ answeredBy: 'Graph', logger });
    drift.unknownEnum(STATUS, 'PartialOutage', 'healthOverviews page 1, value[0].status');
    drift.unknownEnum(STATUS, 'PartialOutage', 'healthOverviews page 1, value[3].status');
    drift.unknownEnum(STATUS, 'NewThing', 'healthOverviews page 1, value[4].status');
    expect(logger.warn.mock.calls).toEqual([
      [
        'Graph sent a value this client does not know; it is kept as sent',
        {
          enum: 'serviceHealthStatus',
          value: 'PartialOutage',
          where: 'healthOverviews page 1, value[0].status',
        },
      ],
      [
        'Graph sent a value this client does not know; it is kept as sent',
        { enum: 'serviceHealthStatus', value: 'NewThing', where: 'healthOverviews page 1, value[4].status' },
      ],
    ]);
  });

  it('hands every skipped item to both listeners and warns once per kind of item and problems', () => {
    const logger = spyLogger();
    const client = vi.fn();
    const thisCall = vi.fn();
    const drift = new DriftReporter<SkippedItem & { resource: string }>({
      answeredBy: 'Azure Resource Manager',
      logger,
      onSkippedItem: client,
    });
    const problems = ['serviceName: expected a string, got nothing (the field is absent)'];
    const first = { resource: 'services', where: 'services page 1, value[0]', id: 's1', problems };
    drift.skippedItem(first, thisCall);
    drift.skippedItem({ ...first, where: 'services page 1, value[1]', id: 's2' }, thisCall);
    drift.skippedItem({ ...first, resource: 'alerts', id: undefined });
    expect(thisCall).toHaveBeenCalledTimes(2);
    expect(client).toHaveBeenCalledTimes(3);
    expect(logger.warn.mock.calls).toEqual([
      [
        'Azure Resource Manager sent an item without a field this client needs; the item is left out',
        { resource: 'services', where: 'services page 1, value[0]', id: 's1', problems },
      ],
      [
        'Azure Resource Manager sent an item without a field this client needs; the item is left out',
        { resource: 'alerts', where: 'services page 1, value[0]', problems },
      ],
    ]);
  });
});
