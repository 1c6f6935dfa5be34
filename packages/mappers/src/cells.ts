/**
 * Cell parsing shared by the report mappings. The per-entity reports run to a million rows, so the happy paths
 * allocate nothing: integers are accumulated digit by digit, and explanations are built only for bad cells.
 */

/** parseCount's answer for a cell that is not a plain non-negative integer (never a silent 0). */
export const NOT_A_COUNT = -1;

/** Up to 15 decimal digits always fit below Number.MAX_SAFE_INTEGER (9,007,199,254,740,991, 16 digits). */
const FAST_PATH_DIGITS = 15;

/** A non-negative decimal integer without sign, separators or exponent, or NOT_A_COUNT. */
export function parseCount(text: string): number {
  const length = text.length;
  if (length === 0) return NOT_A_COUNT;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NOT_A_COUNT;
    value = value * 10 + digit;
  }
  if (length <= FAST_PATH_DIGITS) return value;
  // Beyond 15 digits the digit-by-digit value may already be rounded: let the number parser decide exactly.
  const exact = Number(text);
  return exact <= Number.MAX_SAFE_INTEGER ? exact : NOT_A_COUNT;
}

/** Why parseCount refused the cell, for a RowProblem. Only called on the error path. */
export function describeBadCount(text: string): string {
  if (/^\d+$/.test(text)) return 'exceeds Number.MAX_SAFE_INTEGER';
  if (/^-\s*\d/.test(text)) return 'negative count';
  if (/^\d{1,3}([,\u00a0 ]\d{3})+$/.test(text)) return 'thousands separators are not accepted';
  if (/^\d*\.\d+$/.test(text)) return 'not an integer';
  return 'not a number';
}

const DASH = 45;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The decimal number of `length` digits at `start`, or -1 when one of them is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Milliseconds of 00:00 UTC of a YYYY-MM-DD calendar day, or undefined when the text is not such a day (2025-02-29
 * and 2026-11-31 included). Read digit by digit: a per-entity report has a date cell or more on each of its rows.
 */
export function utcDayStartMs(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day > monthDays ? undefined : Date.UTC(year, month - 1, day);
}

/** `True`/`False` in any letter case (Graph writes `False`), or undefined for anything else. */
export function parseTrueFalse(text: string): boolean | undefined {
  // The casings Graph actually writes are compared first, so the common case allocates no lower-case copy.
  if (text === 'False' || text === 'false') return false;
  if (text === 'True' || text === 'true') return true;
  const lower = text.toLowerCase();
  if (lower === 'false') return false;
  if (lower === 'true') return true;
  return undefined;
}

/** `Yes`/`No` or `True`/`False` in any letter case (Microsoft writes device and licence flags as Yes/No), or undefined. */
export function parseBoolean(text: string): boolean | undefined {
  const trueFalse = parseTrueFalse(text);
  if (trueFalse !== undefined) return trueFalse;
  if (text === 'Yes' || text === 'yes' || text.toLowerCase() === 'yes') return true;
  if (text === 'No' || text === 'no' || text.toLowerCase() === 'no') return false;
  return undefined;
}

const CLOCK_DURATION = /^(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)$/;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const DOT = 0x2e;
/** The units of an ISO 8601 duration after its T, in the order they must come, and their seconds. */
const TIME_UNITS = [
  ['H', 3_600],
  ['M', 60],
  ['S', 1],
] as const;

/**
 * Seconds of a duration as Microsoft writes it: ISO 8601 (`PT1H2M3S`, `P1DT2H`, `PT0S`) or `HH:MM:SS`, fractions
 * of a second kept; undefined for anything else (`P` or `PT` alone included).
 */
export function parseDurationSeconds(text: string): number | undefined {
  if (text.startsWith('P')) return parseIsoDuration(text);
  const clock = CLOCK_DURATION.exec(text);
  if (clock === null) return undefined;
  return Number(clock[1]) * 3_600 + Number(clock[2]) * 60 + Number(clock[3]);
}

/**
 * `P[nD][T[nH][nM][n[.n]S]]`, at least one number. Read character by character rather than by a regular expression:
 * a Teams user activity row has six durations, a million-row report six million.
 */
function parseIsoDuration(text: string): number | undefined {
  let at = 1;
  let seconds = 0;
  let numbers = 0;
  let end = digitsEnd(text, at);
  if (end > at) {
    if (text[end] !== 'D') return undefined;
    seconds += Number(text.slice(at, end)) * 86_400;
    numbers++;
    at = end + 1;
  }
  if (at < text.length) {
    if (text[at] !== 'T') return undefined;
    at++;
    let unit = 0;
    while (at < text.length) {
      end = digitsEnd(text, at);
      if (end === at) return undefined;
      if (text.charCodeAt(end) === DOT) {
        const fractionEnd = digitsEnd(text, end + 1);
        if (fractionEnd === end + 1 || text[fractionEnd] !== 'S') return undefined;
        end = fractionEnd;
      }
      while (unit < TIME_UNITS.length && TIME_UNITS[unit]?.[0] !== text[end]) unit++;
      const found = TIME_UNITS[unit];
      // A fraction was only read before an S, the last unit.
      if (found === undefined) return undefined;
      seconds += Number(text.slice(at, end)) * found[1];
      numbers++;
      unit++;
      at = end + 1;
    }
  }
  return numbers === 0 ? undefined : seconds;
}

/** Where the run of ASCII digits starting at `from` ends. */
function digitsEnd(text: string, from: number): number {
  let at = from;
  for (let code = text.charCodeAt(at); code >= DIGIT_0 && code <= DIGIT_9; code = text.charCodeAt(++at));
  return at;
}
