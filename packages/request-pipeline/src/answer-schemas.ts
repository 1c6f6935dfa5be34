import { z } from 'zod';
import { DATE_TIME_EXAMPLE, isDateTimeOffset } from './date-time.js';
import type { SkippedItem } from './drift.js';
import { MicrosoftApiError, type MicrosoftApiErrorDetails } from './errors.js';
import type { ApiErrorFactory } from './json-pages.js';
import { expectedValue, formatFieldPath } from './received-value.js';

// The zod pieces every JSON client validates Microsoft's answers with: strict about types, each error saying what
// was expected and what came instead; unknown fields are ignored.

export const jsonObject = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.object(shape, expectedValue('a JSON object'));
export const jsonArray = <T extends z.ZodType>(item: T) => z.array(item, expectedValue('an array'));
export const nonEmptyString = z
  .string(expectedValue('a string'))
  .refine((value) => value.trim() !== '', expectedValue('a non-empty string'));
/** A DateTimeOffset (`isDateTimeOffset`), kept as the string Microsoft sent. */
export const dateTimeOffset = z
  .string(expectedValue(DATE_TIME_EXAMPLE))
  .refine(isDateTimeOffset, expectedValue(DATE_TIME_EXAMPLE));

/** A field Microsoft may leave out or send as null (OData omits nulls on request): both become absent. */
export function optionalField<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => (value ?? undefined) as z.output<T> | undefined);
}

/** Where an answer came from: it names the answer in errors and in the `where` of what is left out of it. */
export interface AnswerSource {
  /** e.g. `applications page 2`, `call record 3cf3…`. */
  label: string;
  /** The answer's request ids, carried into an error about it. */
  details: MicrosoftApiErrorDetails;
  /** The client's error type for a malformed answer; MicrosoftApiError when absent. */
  error?: ApiErrorFactory;
}

/** `applications page 2, value[3].keyCredentials[0]` from the label and a place in the answer. */
export function placeIn(source: Pick<AnswerSource, 'label'>, at: string): string {
  return at === '' ? source.label : `${source.label}, ${at}`;
}

/** The problems of an item that did not validate, each with its field: `prepaidUnits.enabled: expected a number, got …`. */
export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = formatFieldPath(issue.path);
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
}

/** An answer that is wrong as a whole (nothing to skip to): the client's error naming the first bad field. */
export function invalidAnswer(source: AnswerSource, error: z.ZodError): MicrosoftApiError {
  const [first] = error.issues;
  const message = `${placeIn(source, formatFieldPath(first?.path ?? []))}: ${first?.message ?? 'invalid'}`;
  return (
    source.error?.(message, { ...source.details }) ?? new MicrosoftApiError(message, { ...source.details })
  );
}

const PAGE = jsonObject({ value: jsonArray(z.unknown()) });

/** The items of one page of a collection: an envelope that is not an object with a `value` array fails the page. */
export function pageItems(source: AnswerSource, body: unknown): unknown[] {
  const page = PAGE.safeParse(body);
  if (!page.success) throw invalidAnswer(source, page.error);
  return page.data.value;
}

/** An item that validated, with its place in the answer (`value[3]`) and that place named (`users page 2, value[3]`). */
export interface ParsedItem<T> {
  item: T;
  at: string;
  where: string;
  /** The item as sent, e.g. for the enum values the schema has already normalised. */
  raw: unknown;
}

export interface ParseItemsOptions<T> {
  /** Where the array sits in the answer, e.g. `value` or `value[0].sessions`. */
  at: string;
  schema: z.ZodType<T>;
  /** Called for each item that does not validate. */
  onSkipped: (item: SkippedItem) => void;
  /** The field that identifies an item in the report of a skipped one; default `id`. */
  idField?: string;
}

/**
 * Each item that validates, in order, as the caller asks for it; each that does not is left out and reported (with
 * its id when it has a usable one and every problem) when the iteration reaches it, so one malformed item never costs
 * the list and what the caller reports while building an item stays in the order of the answer.
 */
export function* parseItems<T>(
  source: AnswerSource,
  items: readonly unknown[],
  options: ParseItemsOptions<T>,
): Generator<ParsedItem<T>> {
  for (const [index, raw] of items.entries()) {
    const at = `${options.at}[${index}]`;
    const where = placeIn(source, at);
    const result = options.schema.safeParse(raw);
    if (result.success) yield { item: result.data, at, where, raw };
    else
      options.onSkipped({
        where,
        id: idOf(raw, options.idField ?? 'id'),
        problems: problemsOf(result.error),
      });
  }
}

function idOf(raw: unknown, field: string): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[field] : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}
