import { type Logger, NOOP_LOGGER } from '@m365-otel/http';

/** An item of a list left out because it lacks a required field or has one of the wrong type; the rest is kept. */
export interface SkippedItem {
  /** e.g. `issues page 2, value[3]`. */
  where: string;
  /** The item's id when it has a usable one. */
  id: string | undefined;
  /** Each problem with its field, e.g. `id: expected a string, got nothing (the field is absent)`. */
  problems: string[];
}

/** An enum's name as Microsoft's metadata spells it, and its members by their lower-case spelling. */
export interface EnumDefinition {
  readonly name: string;
  readonly byLowerCase: ReadonlyMap<string, string>;
}

/**
 * A value of an evolvable enum. Microsoft's documentation and its live answers do not always agree on the case
 * (`ServiceOperational`, `serviceOperational`), so a known value is matched without regard to case; one this client
 * does not know is kept exactly as sent, never folded into another, so a member added later stays visible.
 */
export interface EnumValue {
  /** A known value in its documented spelling, or the value as sent. */
  value: string;
  known: boolean;
}

export function defineEnum(name: string, values: readonly string[]): EnumDefinition {
  return { name, byLowerCase: new Map(values.map((value) => [value.toLowerCase(), value])) };
}

export function enumValueOf(definition: EnumDefinition, sent: string): EnumValue {
  const canonical = definition.byLowerCase.get(sent.toLowerCase());
  return canonical === undefined ? { value: sent, known: false } : { value: canonical, known: true };
}

export interface DriftReporterOptions<T extends SkippedItem> {
  /** Who sent the answers, in the warnings: `Graph`, `Azure Resource Manager`. */
  answeredBy: string;
  logger?: Logger;
  /** The client's listener: every skipped item, on every call that meets it (e.g. to count it in a self-metric). */
  onSkippedItem?: (item: T) => void;
}

/**
 * Where a client tells of Microsoft's drift: an enum value it does not know (kept as sent) and an item it leaves out.
 * Each skipped item goes to the call's and the client's listeners every time; the log warns once per enum value, and
 * once per kind of item and its problems (what is wrong, not where: the same drift in every item of a list is one
 * warning, and what is remembered stays small). A client keeps one for its life, so a poll does not repeat a warning.
 */
export class DriftReporter<T extends SkippedItem> {
  readonly #answeredBy: string;
  readonly #logger: Logger;
  readonly #onSkippedItem: ((item: T) => void) | undefined;
  readonly #warned = new Set<string>();

  constructor(options: DriftReporterOptions<T>) {
    this.#answeredBy = options.answeredBy;
    this.#logger = options.logger ?? NOOP_LOGGER;
    this.#onSkippedItem = options.onSkippedItem;
  }

  unknownEnum(definition: EnumDefinition, value: string, where: string): void {
    if (!this.#firstTime(['enum', definition.name, value])) return;
    this.#logger.warn(`${this.#answeredBy} sent a value this client does not know; it is kept as sent`, {
      enum: definition.name,
      value,
      where,
    });
  }

  /**
   * `item`'s fields besides `where`, `id` and `problems` (e.g. `resource`) say which list or part it was; they are
   * logged with it and tell one kind of item from another.
   */
  skippedItem(item: T, thisCall?: (item: T) => void): void {
    thisCall?.(item);
    this.#onSkippedItem?.(item);
    const { where, id, problems, ...kind } = item;
    if (!this.#firstTime(['skipped', ...Object.entries(kind).flat().map(String), ...problems])) return;
    this.#logger.warn(
      `${this.#answeredBy} sent an item without a field this client needs; the item is left out`,
      { ...kind, where, ...(id !== undefined && { id }), problems },
    );
  }

  #firstTime(parts: readonly string[]): boolean {
    const key = parts.join('\u0000');
    if (this.#warned.has(key)) return false;
    this.#warned.add(key);
    return true;
  }
}
