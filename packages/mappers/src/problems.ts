import type { RowProblem } from './types.js';

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
