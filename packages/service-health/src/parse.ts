import { ENUMS, type EnumDefinition, type EnumValue, normalizeEnum } from './enums.js';
import { ServiceHealthError, type ServiceHealthErrorDetails } from './errors.js';

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

/** Where a document came from (for messages) and where enum values this client does not know are reported. */
export interface ParseContext {
  /** e.g. `issues page 2`, `issue EX226792`. */
  label: string;
  /** The response's ids, carried into a validation error. */
  details: ServiceHealthErrorDetails;
  onUnknownEnum(definition: EnumDefinition, value: string, where: string): void;
}

export interface Page<T> {
  items: T[];
  nextLink: string | undefined;
}

type ItemParser<T> = (context: ParseContext, value: unknown, path: string) => T;

// DateTimeOffset as Graph writes it: always a zone (`Z` or an offset), fractional seconds of any length.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function parsePage<T>(context: ParseContext, body: unknown, item: ItemParser<T>): Page<T> {
  const fields = new Fields(context, asObject(context, body, ''), '');
  const nextLink = fields.optionalString('@odata.nextLink');
  const items = fields.array('value', item);
  return { items, nextLink };
}

export const parseOverview: ItemParser<ServiceHealthOverview> = (context, value, path) => {
  const fields = new Fields(context, asObject(context, value, path), path);
  return {
    id: fields.nonEmptyString('id'),
    service: fields.nonEmptyString('service'),
    status: fields.enumValue('status', ENUMS.status),
  };
};

export const parseIssue: ItemParser<ServiceHealthIssue> = (context, value, path) => {
  const fields = new Fields(context, asObject(context, value, path), path);
  return {
    id: fields.nonEmptyString('id'),
    title: fields.string('title'),
    service: fields.nonEmptyString('service'),
    feature: fields.nullableString('feature'),
    featureGroup: fields.nullableString('featureGroup'),
    classification: fields.enumValue('classification', ENUMS.classification),
    origin: fields.enumValue('origin', ENUMS.origin),
    status: fields.enumValue('status', ENUMS.status),
    isResolved: fields.boolean('isResolved'),
    impactDescription: fields.string('impactDescription'),
    startDateTime: fields.dateTime('startDateTime'),
    endDateTime: fields.nullableDateTime('endDateTime'),
    lastModifiedDateTime: fields.dateTime('lastModifiedDateTime'),
    posts: fields.array('posts', parsePost),
    details: fields.array('details', parseKeyValue),
  };
};

export const parseMessage: ItemParser<ServiceUpdateMessage> = (context, value, path) => {
  const fields = new Fields(context, asObject(context, value, path), path);
  const body = fields.object('body');
  return {
    id: fields.nonEmptyString('id'),
    title: fields.string('title'),
    category: fields.enumValue('category', ENUMS.category),
    severity: fields.enumValue('severity', ENUMS.severity),
    services: fields.array('services', parseString),
    tags: fields.array('tags', parseString),
    isMajorChange: fields.boolean('isMajorChange'),
    startDateTime: fields.dateTime('startDateTime'),
    endDateTime: fields.nullableDateTime('endDateTime'),
    lastModifiedDateTime: fields.dateTime('lastModifiedDateTime'),
    actionRequiredByDateTime: fields.nullableDateTime('actionRequiredByDateTime'),
    bodyContentType: body.enumValue('contentType', ENUMS.bodyType).value,
    bodyContent: body.string('content'),
  };
};

const parsePost: ItemParser<IssuePost> = (context, value, path) => {
  const fields = new Fields(context, asObject(context, value, path), path);
  const description = fields.object('description');
  return {
    createdDateTime: fields.dateTime('createdDateTime'),
    postType: fields.enumValue('postType', ENUMS.postType),
    contentType: description.enumValue('contentType', ENUMS.bodyType).value,
    content: description.string('content'),
  };
};

const parseKeyValue: ItemParser<{ name: string; value: string }> = (context, value, path) => {
  const fields = new Fields(context, asObject(context, value, path), path);
  return { name: fields.string('name'), value: fields.string('value') };
};

const parseString: ItemParser<string> = (context, value, path) => {
  if (typeof value !== 'string') fail(context, path, `expected a string, got ${describe(value)}`);
  return value;
};

/** Reads the fields of one JSON object; every failure names the full path of the offending field. */
class Fields {
  readonly #context: ParseContext;
  readonly #object: Record<string, unknown>;
  readonly #path: string;

  constructor(context: ParseContext, object: Record<string, unknown>, path: string) {
    this.#context = context;
    this.#object = object;
    this.#path = path;
  }

  string(key: string): string {
    const value = this.#object[key];
    if (typeof value !== 'string') this.#fail(key, `expected a string, got ${describe(value)}`);
    return value;
  }

  nonEmptyString(key: string): string {
    const value = this.string(key);
    if (value.trim() === '') this.#fail(key, `expected a non-empty string, got ${describe(value)}`);
    return value;
  }

  /** Absent counts as null: OData services may omit nulls (`omit-values=nulls`). */
  nullableString(key: string): string | null {
    const value = this.#object[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') this.#fail(key, `expected a string or null, got ${describe(value)}`);
    return value;
  }

  optionalString(key: string): string | undefined {
    const value = this.#object[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') this.#fail(key, `expected a string, got ${describe(value)}`);
    return value;
  }

  boolean(key: string): boolean {
    const value = this.#object[key];
    if (typeof value !== 'boolean') this.#fail(key, `expected true or false, got ${describe(value)}`);
    return value;
  }

  dateTime(key: string): string {
    const value = this.#object[key];
    if (typeof value !== 'string' || !isDateTime(value)) {
      this.#fail(key, `expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got ${describe(value)}`);
    }
    return value;
  }

  nullableDateTime(key: string): string | null {
    const value = this.#object[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || !isDateTime(value)) {
      this.#fail(
        key,
        `expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z or null, got ${describe(value)}`,
      );
    }
    return value;
  }

  enumValue(key: string, definition: EnumDefinition): EnumValue {
    const value = this.#object[key];
    if (typeof value !== 'string') this.#fail(key, `expected a string, got ${describe(value)}`);
    if (value.trim() === '') {
      this.#fail(key, `expected a non-empty ${definition.name} value, got ${describe(value)}`);
    }
    const normalized = normalizeEnum(definition, value);
    if (!normalized.known) {
      this.#context.onUnknownEnum(definition, value, where(this.#context, this.#join(key)));
    }
    return normalized;
  }

  object(key: string): Fields {
    const path = this.#join(key);
    return new Fields(this.#context, asObject(this.#context, this.#object[key], path), path);
  }

  array<T>(key: string, item: ItemParser<T>): T[] {
    const value = this.#object[key];
    const path = this.#join(key);
    if (!Array.isArray(value)) fail(this.#context, path, `expected an array, got ${describe(value)}`);
    return value.map((element, index) => item(this.#context, element, `${path}[${index}]`));
  }

  #join(key: string): string {
    return this.#path === '' ? key : `${this.#path}.${key}`;
  }

  #fail(key: string, problem: string): never {
    fail(this.#context, this.#join(key), problem);
  }
}

function asObject(context: ParseContext, value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(context, path, `expected a JSON object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function isDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // The pattern allows 2021-02-31, which Date.parse would quietly roll over into March.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
}

function where(context: ParseContext, path: string): string {
  return path === '' ? context.label : `${context.label}, ${path}`;
}

function fail(context: ParseContext, path: string, problem: string): never {
  throw new ServiceHealthError(`${where(context, path)}: ${problem}`, { ...context.details });
}

const MAX_QUOTED = 60;

/** What a value was, for an error message; long strings are cut so a huge field cannot flood the log. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is absent)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return value.length > MAX_QUOTED
      ? `${JSON.stringify(value.slice(0, MAX_QUOTED))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  return String(value);
}
