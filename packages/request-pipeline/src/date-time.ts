// DateTimeOffset as Microsoft's APIs write it: always a zone (`Z` or an offset), fractional seconds of any length.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** How a date-time is described in a message about one that is not. */
export const DATE_TIME_EXAMPLE = 'an ISO 8601 date-time such as 2020-11-13T21:00:00Z';

/** True for a date-time with a zone on a real calendar day (2021-02-31 is not one, though Date.parse rolls it over). */
export function isDateTimeOffset(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  const calendar = new Date(Date.UTC(Number(match[1]), month - 1, day));
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
}
