import type { MetricObservation, RowProblem } from './types.js';

export const MAX_PROBLEMS = 20;

/** Collects a report's row problems: every rejected row is counted, only the first MAX_PROBLEMS are kept. */
export class ProblemLog {
  readonly #problems: RowProblem[] = [];
  #rejectedRows = 0;
  // Rows arrive one at a time, so remembering the last rejected line is enough to count a row with several bad
  // cells once.
  #lastRejectedLine = -1;

  reject(line: number, column: string, value: string | undefined, reason: string): void {
    if (line !== this.#lastRejectedLine) {
      this.#rejectedRows++;
      this.#lastRejectedLine = line;
    }
    if (this.#problems.length < MAX_PROBLEMS)
      this.#problems.push({ line, column, value: value ?? '', reason });
  }

  /** The snapshot fields, as copies: a snapshot stays as it was if the accumulator is used further. */
  summary(): { rejectedRows: number; problems: RowProblem[] } {
    return { rejectedRows: this.#rejectedRows, problems: [...this.#problems] };
  }
}

/**
 * A field of one of Microsoft's items (a subscription, a credential, the organization) that a mapping could not
 * use: what the field feeds is left out for that item, the rest of the item and of the list is mapped. Every one is
 * kept: the items are in memory already, so their problems are bounded by them.
 */
export interface ItemProblem {
  /** The item's kind and id, for an administrator to find it, such as `subscription 860697e3-...`. */
  item: string;
  field: string;
  /** The field as sent. */
  value: string;
  reason: string;
}

/** What a governance mapping gives: the points, and the fields it had to leave out. */
export interface GovernanceMapping {
  observations: MetricObservation[];
  problems: ItemProblem[];
}

// ISO 8601 as Graph and Azure Resource Manager write it: seconds and their fraction optional, the zone too.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Milliseconds since the epoch of a date and time Microsoft sent (read as UTC without a zone, as Microsoft means it). */
export function graphTimeMs(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  const ms = match === null ? Number.NaN : Date.parse(match[1] === undefined ? `${text}Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** graphTimeMs, an unreadable time added to `problems`: it gives undefined, never a zero. */
export function readTime(
  text: string,
  where: { item: string; field: string },
  problems: ItemProblem[],
): number | undefined {
  const ms = graphTimeMs(text);
  if (ms === undefined) problems.push({ ...where, value: text, reason: 'not an ISO 8601 date and time' });
  return ms;
}
