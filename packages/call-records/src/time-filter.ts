import { isDateTimeOffset } from '@m365-otel/request-pipeline';

/**
 * `startDateTime ge <from> and startDateTime lt <to>`: OData writes a DateTimeOffset literal bare (no quotes), as
 * Microsoft's example does (`startDateTime ge 2023-09-25T09:25:00Z`); both ends in UTC, milliseconds only when set.
 */
export function startDateTimeFilter(window: { from: string | Date; to: string | Date }): string {
  const from = instant(window.from, 'from');
  const to = instant(window.to, 'to');
  if (from >= to) {
    throw new Error(`listCallRecords: from (${literal(from)}) must be before to (${literal(to)})`);
  }
  return `startDateTime ge ${literal(from)} and startDateTime lt ${literal(to)}`;
}

function instant(value: string | Date, name: string): number {
  const ms =
    typeof value === 'string' ? (isDateTimeOffset(value) ? Date.parse(value) : Number.NaN) : value.getTime();
  if (Number.isNaN(ms)) {
    throw new Error(
      `listCallRecords: ${name} must be a date-time with a zone, such as 2023-09-25T09:25:00Z, got ${JSON.stringify(String(value))}`,
    );
  }
  return ms;
}

function literal(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
