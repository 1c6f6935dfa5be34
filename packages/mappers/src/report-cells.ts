import type { ReportColumnType } from '@m365-otel/report-catalog';
import {
  describeBadCount,
  NOT_A_COUNT,
  parseBoolean,
  parseCount,
  parseDurationSeconds,
  utcDayStartMs,
} from './cells.js';
import type { EntityAttributeValue } from './types.js';

// The readers answer undefined for a cell they refuse and the reasons are worked out only then: a per-entity report
// has a million rows of some thirty cells, so the happy path allocates nothing it does not return.

/** The number in a count, bytes, period or duration cell (durations in seconds), or undefined. */
export function readNumber(type: ReportColumnType, text: string): number | undefined {
  if (type === 'duration') return parseDurationSeconds(text);
  const value = parseCount(text);
  return value === NOT_A_COUNT ? undefined : value;
}

/**
 * A cell as a log record attribute value: counts, bytes and periods as integers, durations as seconds, flags as
 * booleans, product lists as lists, days checked, the rest as sent; undefined when the cell is malformed.
 */
export function readAttributeValue(type: ReportColumnType, text: string): EntityAttributeValue | undefined {
  switch (type) {
    case 'count':
    case 'bytes':
    case 'period':
    case 'duration':
      return readNumber(type, text);
    case 'bool':
      return parseBoolean(text);
    case 'date':
      return utcDayStartMs(text) === undefined ? undefined : text;
    case 'products':
      return text.split('+').map((product) => product.trim());
    case 'text':
    case 'id':
    case 'url':
    case 'versions':
      return text;
  }
}

/** Why a reader refused a cell, for a RowProblem. */
export function describeBadCell(type: ReportColumnType, text: string): string {
  switch (type) {
    case 'duration':
      return 'not a duration (PT1H2M3S or HH:MM:SS)';
    case 'bool':
      return 'expected True, False, Yes or No';
    case 'date':
      return 'not a YYYY-MM-DD day';
    default:
      return describeBadCount(text);
  }
}
