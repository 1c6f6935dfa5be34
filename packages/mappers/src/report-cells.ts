import type { ReportColumnType } from '@m365-otel/graph-reports';
import {
  describeBadCount,
  NOT_A_COUNT,
  parseBoolean,
  parseCount,
  parseDurationSeconds,
  utcDayStartMs,
} from './cells.js';
import type { EntityAttributeValue } from './types.js';

/** A cell read by its column type, or why it cannot be. */
export type CellReading<V> = { ok: true; value: V } | { ok: false; reason: string };

const DURATION_REASON = 'not a duration (PT1H2M3S or HH:MM:SS)';

/** The number in a count, bytes or duration cell (durations in seconds). */
export function readNumber(type: ReportColumnType, text: string): CellReading<number> {
  if (type === 'duration') {
    const seconds = parseDurationSeconds(text);
    return seconds === undefined ? { ok: false, reason: DURATION_REASON } : { ok: true, value: seconds };
  }
  const value = parseCount(text);
  return value === NOT_A_COUNT ? { ok: false, reason: describeBadCount(text) } : { ok: true, value };
}

/**
 * A cell as a log record attribute value: counts, bytes and periods as integers, durations as seconds, flags as
 * booleans, product lists as lists, days checked, the rest as sent.
 */
export function readAttributeValue(type: ReportColumnType, text: string): CellReading<EntityAttributeValue> {
  switch (type) {
    case 'count':
    case 'bytes':
    case 'period':
    case 'duration':
      return readNumber(type, text);
    case 'bool': {
      const value = parseBoolean(text);
      return value === undefined
        ? { ok: false, reason: 'expected True, False, Yes or No' }
        : { ok: true, value };
    }
    case 'date':
      return utcDayStartMs(text) === undefined
        ? { ok: false, reason: 'not a YYYY-MM-DD day' }
        : { ok: true, value: text };
    case 'products':
      return { ok: true, value: text.split('+').map((product) => product.trim()) };
    case 'text':
    case 'id':
    case 'url':
    case 'versions':
      return { ok: true, value: text };
  }
}
