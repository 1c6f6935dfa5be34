// OData's Edm.Duration (a day-time duration in ISO 8601's form): an optional sign, days, then hours, minutes and
// seconds after a `T`, only the seconds with a fraction. Years and months have no fixed length, so OData leaves them
// out and so does this parser.
const DURATION = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECONDS_PER = { day: 86_400, hour: 3_600, minute: 60 } as const;

/**
 * Seconds in a duration as Graph writes it (`PT0.015S` is 0.015, `PT1M2.5S` is 62.5, `P1DT2H` is 93600), or
 * undefined when the text is not one (`P`, `PT`, `P1DT`, `PT1.5M`, `1.2`, `P1Y`).
 */
export function parseDurationSeconds(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null || text.endsWith('P') || text.endsWith('T')) return undefined;
  const [, sign, days, hours, minutes, seconds] = match;
  const total =
    Number(days ?? 0) * SECONDS_PER.day +
    Number(hours ?? 0) * SECONDS_PER.hour +
    Number(minutes ?? 0) * SECONDS_PER.minute +
    Number(seconds ?? 0);
  return sign === undefined || total === 0 ? total : -total;
}
