// The tenant model counts time in whole UTC days since 1970-01-01 ("epoch days"): report days are UTC calendar days,
// and integer days make per-day hashing and date arithmetic exact.

const DAY_MS = 86_400_000;

export function epochDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

// Detail rows format the same few thousand days millions of times: each is formatted once.
const formatted = new Map<number, string>();

export function formatDay(day: number): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    formatted.set(day, text);
  }
  return text;
}

/** Strict `YYYY-MM-DD` (a real calendar day) -> epoch day; anything else -> undefined. */
export function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms)) return undefined;
  const day = ms / DAY_MS;
  // Date.parse rolls 2024-02-30 over to March; a round trip exposes that.
  return formatDay(day) === text ? day : undefined;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
