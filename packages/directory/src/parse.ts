import { expectedValue, type MicrosoftApiErrorDetails } from '@m365-otel/request-pipeline';
import { z } from 'zod';
import { ENUMS, type EnumDefinition, isKnown } from './enums.js';
import { DirectoryError } from './errors.js';
import type {
  AppCredential,
  AppCredentialOwner,
  CompanySubscription,
  DirectorySyncFeatures,
  Organization,
  ProvisioningErrorUser,
  RiskDetection,
  RiskyUser,
  SkippedItem,
  SubscribedSku,
} from './types.js';

/** Where a page came from, and where unknown enum values and skipped items are reported. */
export interface ParseContext {
  /** e.g. `applications page 2`. */
  label: string;
  /** The answer's ids, carried into an error about its envelope. */
  details: MicrosoftApiErrorDetails;
  onUnknownEnum(definition: EnumDefinition, value: string, where: string): void;
  onSkippedItem(item: SkippedItem): void;
}

/**
 * One kind of item: its schema (strict about the fields a caller relies on, tolerant of absent descriptive ones;
 * unknown fields are ignored) and the fields holding enum values, checked against the documented ones.
 */
export interface ItemKind<T> {
  schema: z.ZodType<T>;
  enumFields: ReadonlyArray<readonly [field: keyof T & string, definition: EnumDefinition]>;
}

const DATE_TIME = 'an ISO 8601 date-time such as 2024-05-01T12:00:00Z';

const text = z.string(expectedValue('a string'));
const nonEmptyText = text.refine((value) => value.trim() !== '', expectedValue('a non-empty string'));
const flag = z.boolean(expectedValue('true or false'));
// zod checks the calendar too: 2021-02-31 is refused rather than rolled over into March.
const dateTime = z.iso.datetime({ offset: true, ...expectedValue(DATE_TIME) });
/** An ISO 8601 date-time with its zone, on the calendar (what Graph writes and an OData DateTimeOffset needs). */
export function isDateTime(value: string): boolean {
  return dateTime.safeParse(value).success;
}
// Licence counts are Int32 in Graph's schema and never negative.
const count = z
  .number(expectedValue('a number'))
  .refine((value) => Number.isSafeInteger(value) && value >= 0, expectedValue('a whole number of 0 or more'));

/** A field Graph may leave out or send as null (OData omits nulls on request): both become absent. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

const object = <S extends z.core.$ZodLooseShape>(shape: S) => z.object(shape, expectedValue('a JSON object'));
const list = <T extends z.ZodType>(item: T) => z.array(item, expectedValue('an array'));

export const SUBSCRIBED_SKU: ItemKind<SubscribedSku> = {
  schema: object({
    id: nonEmptyText,
    skuId: nonEmptyText,
    skuPartNumber: nonEmptyText,
    capabilityStatus: nonEmptyText,
    appliesTo: optional(text),
    consumedUnits: count,
    prepaidUnits: object({ enabled: count, suspended: count, warning: count, lockedOut: count }),
  }),
  enumFields: [['capabilityStatus', ENUMS.capabilityStatus]],
};

export const COMPANY_SUBSCRIPTION: ItemKind<CompanySubscription> = {
  schema: object({
    id: nonEmptyText,
    skuId: nonEmptyText,
    skuPartNumber: nonEmptyText,
    status: nonEmptyText,
    isTrial: flag,
    totalLicenses: count,
    createdDateTime: optional(dateTime),
    nextLifecycleDateTime: optional(dateTime),
  }),
  enumFields: [['status', ENUMS.subscriptionStatus]],
};

/** An application or service principal; its credentials are parsed one by one (credentialsOf). */
export interface RawCredentialOwner {
  id: string;
  appId: string;
  displayName: string;
  passwordCredentials: unknown[];
  keyCredentials: unknown[];
}

export const CREDENTIAL_OWNER: ItemKind<RawCredentialOwner> = {
  schema: object({
    id: nonEmptyText,
    appId: nonEmptyText,
    displayName: text,
    passwordCredentials: list(z.unknown())
      .nullish()
      .transform((value) => value ?? []),
    keyCredentials: list(z.unknown())
      .nullish()
      .transform((value) => value ?? []),
  }),
  enumFields: [],
};

const credentialFields = {
  keyId: nonEmptyText,
  displayName: optional(text),
  customKeyIdentifier: optional(text),
  startDateTime: optional(dateTime),
  endDateTime: dateTime,
};

const PASSWORD_CREDENTIAL: z.ZodType<AppCredential> = object({
  ...credentialFields,
  hint: optional(text),
}).transform((credential) => ({ type: 'password' as const, ...credential }));

// Every keyCredential counts as a certificate: Graph's other key type, Symmetric, is a legacy of Azure AD Graph.
const KEY_CREDENTIAL: z.ZodType<AppCredential> = object(credentialFields).transform((credential) => ({
  type: 'certificate' as const,
  ...credential,
}));

/**
 * The credentials of one owner: a credential that lacks its key id or end, or has a field of the wrong type, is left
 * out and reported (the owner and its other credentials are kept).
 */
export function credentialsOf(
  context: ParseContext,
  owner: RawCredentialOwner,
  where: string,
): AppCredentialOwner['credentials'] {
  const credentials: AppCredential[] = [];
  const kinds = [
    ['passwordCredentials', PASSWORD_CREDENTIAL],
    ['keyCredentials', KEY_CREDENTIAL],
  ] as const;
  for (const [field, schema] of kinds) {
    owner[field].forEach((raw, index) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) credentials.push(parsed.data);
      else context.onSkippedItem(skipped(`${where}.${field}[${index}]`, owner.id, parsed.error));
    });
  }
  return credentials;
}

interface RawOrganization extends Omit<Organization, 'defaultDomain'> {
  verifiedDomains: unknown[];
}

export const ORGANIZATION: ItemKind<Organization> = {
  schema: object({
    id: nonEmptyText,
    displayName: text,
    tenantType: optional(text),
    verifiedDomains: list(z.unknown())
      .nullish()
      .transform((value) => value ?? []),
    onPremisesSyncEnabled: flag.nullish().transform((value) => value ?? null),
    onPremisesLastSyncDateTime: optional(dateTime),
    onPremisesLastPasswordSyncDateTime: optional(dateTime),
  }).transform(({ verifiedDomains, ...organization }: RawOrganization) => ({
    ...organization,
    defaultDomain: defaultDomainOf(verifiedDomains),
  })),
  enumFields: [],
};

/** The verified domain marked `isDefault`; a malformed domain entry is passed over, it only describes the tenant. */
function defaultDomainOf(domains: readonly unknown[]): string | undefined {
  for (const domain of domains) {
    if (typeof domain !== 'object' || domain === null) continue;
    const { isDefault, name } = domain as { isDefault?: unknown; name?: unknown };
    if (isDefault === true && typeof name === 'string' && name.trim() !== '') return name;
  }
  return undefined;
}

export const DIRECTORY_SYNC: ItemKind<DirectorySyncFeatures> = {
  schema: object({ features: z.record(z.string(), z.unknown(), expectedValue('a JSON object')) }).transform(
    ({ features }) => ({
      // A flag Graph has not set (null) is not reported as off; OData annotations (`@odata.type`) are not flags.
      features: Object.fromEntries(
        Object.entries(features).filter(
          (entry): entry is [string, boolean] => typeof entry[1] === 'boolean' && !entry[0].startsWith('@'),
        ),
      ),
    }),
  ),
  enumFields: [],
};

export const PROVISIONING_ERROR_USER: ItemKind<ProvisioningErrorUser> = {
  schema: object({
    id: nonEmptyText,
    onPremisesProvisioningErrors: list(
      object({
        category: nonEmptyText,
        propertyCausingError: optional(text),
        occurredDateTime: optional(dateTime),
      }),
    )
      .nullish()
      .transform((value) => value ?? []),
  }).transform(({ id, onPremisesProvisioningErrors }) => ({ id, errors: onPremisesProvisioningErrors })),
  enumFields: [],
};

export const RISKY_USER: ItemKind<RiskyUser> = {
  schema: object({
    id: nonEmptyText,
    riskLevel: nonEmptyText,
    riskState: nonEmptyText,
    riskLastUpdatedDateTime: optional(dateTime),
  }),
  enumFields: [
    ['riskLevel', ENUMS.riskLevel],
    ['riskState', ENUMS.riskState],
  ],
};

export const RISK_DETECTION: ItemKind<RiskDetection> = {
  schema: object({
    id: nonEmptyText,
    riskEventType: nonEmptyText,
    riskLevel: nonEmptyText,
    riskState: nonEmptyText,
    detectedDateTime: dateTime,
    activityDateTime: optional(dateTime),
    userId: optional(text),
    userPrincipalName: optional(text),
    ipAddress: optional(text),
    source: optional(text),
    detectionTimingType: optional(text),
    location: optional(object({ city: optional(text), countryOrRegion: optional(text) })),
  }),
  enumFields: [
    ['riskLevel', ENUMS.riskLevel],
    ['riskState', ENUMS.riskState],
  ],
};

const PAGE = object({ value: list(z.unknown()) });

/**
 * The items of one page of a collection (the request pipeline's `readJsonPages` follows its next link), each with
 * its place (`value[3]`). The envelope must hold (an object with a `value` array), otherwise the page fails; an item
 * that does not validate is left out and reported through `onSkippedItem`, the others are returned.
 */
export function parsePage<T>(
  context: ParseContext,
  body: unknown,
  kind: ItemKind<T>,
): Array<{ item: T; where: string }> {
  const page = PAGE.safeParse(body);
  if (!page.success) {
    const [issue] = page.error.issues;
    const path = formatPath(issue?.path ?? []);
    throw new DirectoryError(
      `${context.label}${path === '' ? '' : `, ${path}`}: ${issue?.message ?? 'invalid'}`,
      context.details,
    );
  }
  const items: Array<{ item: T; where: string }> = [];
  page.data.value.forEach((raw, index) => {
    const where = `${context.label}, value[${index}]`;
    const parsed = kind.schema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      context.onSkippedItem(
        skipped(where, typeof id === 'string' && id.trim() !== '' ? id : undefined, parsed.error),
      );
      return;
    }
    for (const [field, definition] of kind.enumFields) {
      const value = parsed.data[field];
      if (typeof value === 'string' && !isKnown(definition, value)) {
        context.onUnknownEnum(definition, value, `${where}.${field}`);
      }
    }
    items.push({ item: parsed.data, where });
  });
  return items;
}

function skipped(where: string, id: string | undefined, error: z.ZodError): SkippedItem {
  return {
    where,
    id,
    problems: error.issues.map((issue) => {
      const path = formatPath(issue.path);
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    }),
  };
}

/** `prepaidUnits.enabled`, `value[1].location.city` from zod's `['prepaidUnits', 'enabled']`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
