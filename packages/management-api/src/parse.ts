import { describeReceivedValue, expectedValue, parseErrorEnvelope } from '@m365-otel/request-pipeline';
import { z } from 'zod';
import { ManagementApiError, type ManagementApiErrorDetails } from './errors.js';
import { parseUtcDateTime } from './utc-date-time.js';

/** One subscription as `subscriptions/list` and `subscriptions/start` describe it; the webhook is not read. */
export interface Subscription {
  /** As sent: Microsoft may add content types this client does not know. */
  contentType: string;
  /** `enabled` or `disabled` as sent (compare case-insensitively). */
  status: string;
}

/** One content blob of a `subscriptions/content` listing. */
export interface ContentBlob {
  contentType: string;
  /** Opaque and unique: the blob's identity for checkpoints. */
  contentId: string;
  /** Where the blob's records are read, on the management host. */
  contentUri: string;
  /** When the blob became available (the listing's filter key), ISO 8601 UTC. */
  contentCreated: string;
  /** After this moment Microsoft no longer serves the blob (7 days after contentCreated), ISO 8601 UTC. */
  contentExpiration: string;
}

/** A list item left out because it lacks a field this client needs, or has one of the wrong type. */
export interface SkippedItem {
  /** e.g. `Audit.Exchange content page 2, [3]`. */
  where: string;
  /** The item's contentId (or contentType for a subscription) when it has a usable one. */
  id: string | undefined;
  /** Each problem with its field, e.g. `contentUri: expected a string, got nothing (the field is absent)`. */
  problems: string[];
}

const DATE_TIME_EXAMPLE = 'an ISO 8601 date-time such as 2015-05-23T17:35:00.000Z';

const nonEmptyText = z
  .string(expectedValue('a string'))
  .refine((value) => value.trim() !== '', expectedValue('a non-empty string'));
const dateTime = z
  .string(expectedValue(DATE_TIME_EXAMPLE))
  .refine((value) => !Number.isNaN(parseUtcDateTime(value)), expectedValue(DATE_TIME_EXAMPLE));
const absoluteUrl = z
  .string(expectedValue('an absolute URL'))
  .refine((value) => URL.canParse(value), expectedValue('an absolute URL'));
const object = <S extends z.core.$ZodLooseShape>(shape: S) => z.object(shape, expectedValue('a JSON object'));

// Unknown fields are ignored (z.object strips them): Microsoft adds fields without notice.
export const SUBSCRIPTION: z.ZodType<Subscription> = object({
  contentType: nonEmptyText,
  status: nonEmptyText,
});

export const CONTENT_BLOB: z.ZodType<ContentBlob> = object({
  contentType: nonEmptyText,
  contentId: nonEmptyText,
  contentUri: absoluteUrl,
  contentCreated: dateTime,
  contentExpiration: dateTime,
});

/** One audit record as Microsoft wrote it (common schema plus its workload's fields), losslessly. */
export interface AuditRecord extends Record<string, unknown> {
  /** The record's unique id: the key for de-duplication across blobs. */
  Id: string;
}

// Only the identity is required: every other field passes through as sent, for a lossless mapping.
export const AUDIT_RECORD = z.looseObject({ Id: nonEmptyText }, expectedValue('a JSON object'));

/**
 * What AUDIT_RECORD accepts, checked without zod for the hot path of a blob's records; AUDIT_RECORD words the
 * problems of a value this refuses.
 */
export function isAuditRecord(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const id = (value as { Id?: unknown }).Id;
  return typeof id === 'string' && id.trim() !== '';
}

/** The problems of `value` against `schema`, one per field, or none. */
export function problemsOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`);
}

/**
 * The items of a JSON array answer, each validated on its own: a malformed item is reported to `onSkipped` and left
 * out, the rest are returned. A body that is not an array (the API's `{"error":…}` envelope on a 200, an HTML page)
 * is a ManagementApiError with the code it carries, never an empty list.
 */
export function parseArray<T>(
  json: unknown,
  schema: z.ZodType<T>,
  label: string,
  details: ManagementApiErrorDetails,
  onSkipped: (item: SkippedItem) => void,
  idField: string,
): T[] {
  if (!Array.isArray(json)) {
    const envelope = parseErrorEnvelope(JSON.stringify(json));
    const code = envelope.code === undefined ? '' : ` ${envelope.code}`;
    const detail = envelope.message === undefined ? '' : `: ${envelope.message}`;
    throw new ManagementApiError(
      `${label}: expected a JSON array, got ${describeReceivedValue(json)}${code}${detail}`,
      envelope.code === undefined ? details : { ...details, code: envelope.code },
    );
  }
  const items: T[] = [];
  json.forEach((raw: unknown, index) => {
    const result = schema.safeParse(raw);
    if (result.success) {
      items.push(result.data);
      return;
    }
    const id =
      typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[idField] : undefined;
    onSkipped({
      where: `${label}, [${index}]`,
      id: typeof id === 'string' && id !== '' ? id : undefined,
      problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`),
    });
  });
  return items;
}
