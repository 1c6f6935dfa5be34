import {
  type AnswerSource,
  DATE_TIME_EXAMPLE,
  dateTimeOffset,
  type EnumDefinition,
  type EnumValue,
  enumValueOf,
  expectedValue,
  invalidAnswer,
  isDateTimeOffset,
  jsonArray,
  jsonObject,
  nonEmptyString,
  pageItems,
  parseItems,
  placeIn,
  type SkippedItem,
} from '@m365-otel/request-pipeline';
import { z } from 'zod';
import { ENUMS } from './enums.js';
import { serviceHealthError } from './errors.js';

/** A service's current state (`healthOverviews`). */
export interface ServiceHealthOverview {
  /** e.g. `Exchange`, `OSDPPlatform`. */
  id: string;
  /** The display name, e.g. `Exchange Online`; issues refer to a service by this name. */
  service: string;
  status: EnumValue;
}

export interface IssuePost {
  createdDateTime: string;
  postType: EnumValue;
  /** `html` or `text` (normalised like an enum); any other value as sent. */
  contentType: string;
  content: string;
}

export interface ServiceHealthIssue {
  id: string;
  title: string;
  service: string;
  feature: string | null;
  featureGroup: string | null;
  classification: EnumValue;
  origin: EnumValue;
  status: EnumValue;
  isResolved: boolean;
  impactDescription: string;
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  posts: IssuePost[];
  details: Array<{ name: string; value: string }>;
}

/** A Message center post (`messages`). */
export interface ServiceUpdateMessage {
  id: string;
  title: string;
  category: EnumValue;
  severity: EnumValue;
  services: string[];
  tags: string[];
  isMajorChange: boolean;
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  actionRequiredByDateTime: string | null;
  bodyContentType: string;
  bodyContent: string;
}

/** An item of a list that was left out because it lacks a required field or has one of the wrong type. */
export type { SkippedItem } from '@m365-otel/request-pipeline';

/**
 * Where a document came from (`label` e.g. `issues page 2`, `issue EX226792`) and where unknown enum values and
 * skipped items are reported.
 */
export interface ParseContext extends AnswerSource {
  onUnknownEnum(definition: EnumDefinition, value: string, where: string): void;
  onSkippedItem(item: SkippedItem): void;
}

/**
 * One kind of item: its schema (strict about types and the fields that identify, time or classify an item;
 * absent descriptive fields take a default, unknown fields are ignored) and where its enums sit, for reporting
 * values this client does not know.
 */
export interface ItemKind<T> {
  schema: z.ZodType<T>;
  enumFields: ReadonlyArray<readonly [path: string, definition: EnumDefinition]>;
}

const text = z.string(expectedValue('a string'));
const nonEmptyText = nonEmptyString;
const flag = z.boolean(expectedValue('true or false'));
const dateTime = dateTimeOffset;
// OData may omit nulls (`omit-values=nulls`): absent and null are the same.
const nullableText = z
  .string(expectedValue('a string or null'))
  .nullish()
  .transform((value) => value ?? null);
const nullableDateTime = z
  .string(expectedValue(`${DATE_TIME_EXAMPLE} or null`))
  .refine(isDateTimeOffset, expectedValue(`${DATE_TIME_EXAMPLE} or null`))
  .nullish()
  .transform((value) => value ?? null);

/** A descriptive field: absent or null takes `fallback`; present, it must have the right type. */
function withDefault<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return schema.nullish().transform((value) => (value ?? fallback) as z.output<T>);
}

function enumValue(definition: EnumDefinition) {
  return z
    .string(expectedValue('a string'))
    .refine((value) => value.trim() !== '', expectedValue(`a non-empty ${definition.name} value`))
    .transform((value) => enumValueOf(definition, value));
}

const object = jsonObject;
const list = jsonArray;

const body = object({
  contentType: withDefault(enumValue(ENUMS.bodyType), { value: 'text', known: true }),
  content: withDefault(text, ''),
});

const post = object({
  createdDateTime: dateTime,
  postType: enumValue(ENUMS.postType),
  description: withDefault(body, { contentType: { value: 'text', known: true }, content: '' }),
}).transform(
  (raw): IssuePost => ({
    createdDateTime: raw.createdDateTime,
    postType: raw.postType,
    contentType: raw.description.contentType.value,
    content: raw.description.content,
  }),
);

const keyValue = object({ name: text, value: text });

export const OVERVIEW: ItemKind<ServiceHealthOverview> = {
  schema: object({ id: nonEmptyText, service: nonEmptyText, status: enumValue(ENUMS.status) }),
  enumFields: [['status', ENUMS.status]],
};

export const ISSUE: ItemKind<ServiceHealthIssue> = {
  schema: object({
    id: nonEmptyText,
    title: withDefault(text, ''),
    service: nonEmptyText,
    feature: nullableText,
    featureGroup: nullableText,
    classification: enumValue(ENUMS.classification),
    origin: enumValue(ENUMS.origin),
    status: enumValue(ENUMS.status),
    isResolved: flag,
    impactDescription: withDefault(text, ''),
    startDateTime: dateTime,
    endDateTime: nullableDateTime,
    lastModifiedDateTime: dateTime,
    posts: withDefault(list(post), []),
    details: withDefault(list(keyValue), []),
  }),
  enumFields: [
    ['classification', ENUMS.classification],
    ['origin', ENUMS.origin],
    ['status', ENUMS.status],
    ['posts[].postType', ENUMS.postType],
    ['posts[].description.contentType', ENUMS.bodyType],
  ],
};

export const MESSAGE: ItemKind<ServiceUpdateMessage> = {
  schema: object({
    id: nonEmptyText,
    title: withDefault(text, ''),
    category: enumValue(ENUMS.category),
    severity: enumValue(ENUMS.severity),
    services: withDefault(list(text), []),
    tags: withDefault(list(text), []),
    isMajorChange: withDefault(flag, false),
    startDateTime: dateTime,
    endDateTime: nullableDateTime,
    lastModifiedDateTime: dateTime,
    actionRequiredByDateTime: nullableDateTime,
    body: withDefault(body, { contentType: { value: 'text', known: true }, content: '' }),
  }).transform(
    ({ body: content, ...message }): ServiceUpdateMessage => ({
      ...message,
      bodyContentType: content.contentType.value,
      bodyContent: content.content,
    }),
  ),
  enumFields: [
    ['category', ENUMS.category],
    ['severity', ENUMS.severity],
    ['body.contentType', ENUMS.bodyType],
  ],
};

/**
 * The items of one page of a list (the request pipeline's `readJsonPages` follows its next link). The envelope must
 * hold (an object with a `value` array): otherwise the page fails. An item that does not validate is left out and
 * reported through `onSkippedItem`; the others are used.
 */
export function parsePage<T>(context: ParseContext, body: unknown, kind: ItemKind<T>): T[] {
  const parsed = parseItems(context, pageItems(asServiceHealth(context), body), {
    at: 'value',
    schema: kind.schema,
    onSkipped: (item) => context.onSkippedItem(item),
  });
  return Array.from(parsed, ({ item, at, raw }) => {
    reportUnknownEnums(context, kind, raw, at);
    return item;
  });
}

/** A single entity (e.g. one issue): nothing to skip to, so a problem fails the call, naming the field. */
export function parseEntity<T>(context: ParseContext, body: unknown, kind: ItemKind<T>): T {
  const parsed = kind.schema.safeParse(body);
  if (!parsed.success) throw invalidAnswer(asServiceHealth(context), parsed.error);
  reportUnknownEnums(context, kind, body, '');
  return parsed.data;
}

/** This client's failures are ServiceHealthErrors, whoever made the context. */
function asServiceHealth(context: ParseContext): ParseContext {
  return { ...context, error: serviceHealthError };
}

function reportUnknownEnums<T>(context: ParseContext, kind: ItemKind<T>, raw: unknown, path: string): void {
  for (const [pattern, definition] of kind.enumFields) {
    for (const [value, at] of valuesAt(raw, pattern.split('.'), path)) {
      if (typeof value !== 'string' || enumValueOf(definition, value).known) continue;
      context.onUnknownEnum(definition, value, placeIn(context, at));
    }
  }
}

/** The values at a path such as `posts[].postType` (`[]`: every element), with their concrete paths. */
function valuesAt(value: unknown, keys: readonly string[], path: string): Array<[unknown, string]> {
  const [key, ...rest] = keys;
  if (key === undefined) return [[value, path]];
  if (typeof value !== 'object' || value === null) return [];
  const join = (name: string) => (path === '' ? name : `${path}.${name}`);
  if (key.endsWith('[]')) {
    const name = key.slice(0, -2);
    const elements = (value as Record<string, unknown>)[name];
    if (!Array.isArray(elements)) return [];
    return elements.flatMap((element, index) => valuesAt(element, rest, `${join(name)}[${index}]`));
  }
  return valuesAt((value as Record<string, unknown>)[key], rest, join(key));
}
