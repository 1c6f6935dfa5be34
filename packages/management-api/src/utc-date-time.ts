const DASH = 0x2d;
const COLON = 0x3a;
const PLUS = 0x2b;
const DOT = 0x2e;
const T = 0x54;
const SPACE = 0x20;
const Z = 0x5a;
const ZERO = 0x30;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by count digits of text from start, or -1 when one of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Milliseconds since the epoch of one of the API's timestamps, NaN when it is not one. The API writes them in UTC,
 * often without a zone (a record's CreationTime: `2015-06-29T20:03:19`), with or without seconds, fractional
 * seconds (to 100 ns), a `Z` or an offset: a time without a zone is read as UTC, never as local time. Read digit by
 * digit: Date.parse and a regular expression cost several times more, and the collector reads tens of thousands of
 * records a second.
 */
export function parseUtcDateTime(text: string): number {
  const separator = text.charCodeAt(10);
  if (
    text.length < 16 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (separator !== T && separator !== SPACE) ||
    text.charCodeAt(13) !== COLON
  )
    return Number.NaN;
  const withSeconds = text.charCodeAt(16) === COLON;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = withSeconds ? digitsAt(text, 17, 2) : 0;
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return Number.NaN;
  let index = withSeconds ? 19 : 16;
  let milliseconds = 0;
  if (withSeconds && text.charCodeAt(index) === DOT) {
    const start = ++index;
    let scale = 100;
    for (; index < text.length; index++) {
      const digit = text.charCodeAt(index) - ZERO;
      if (!(digit >= 0 && digit <= 9)) break;
      milliseconds += digit * scale;
      scale = scale > 1 ? scale / 10 : 0;
    }
    if (index === start) return Number.NaN;
  }
  let offsetMinutes = 0;
  if (index < text.length) {
    const zone = text.charCodeAt(index);
    if (zone === Z) {
      if (index + 1 !== text.length) return Number.NaN;
    } else if (
      (zone === PLUS || zone === DASH) &&
      index + 6 === text.length &&
      text.charCodeAt(index + 3) === COLON
    ) {
      const hours = digitsAt(text, index + 1, 2);
      const minutes = digitsAt(text, index + 4, 2);
      if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
      offsetMinutes = (zone === PLUS ? 1 : -1) * (hours * 60 + minutes);
    } else return Number.NaN;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offsetMinutes * 60_000;
}
