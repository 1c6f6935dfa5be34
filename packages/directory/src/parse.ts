import {
  type AnswerSource,
  dateTimeOffset,
  type EnumDefinition,
  enumValueOf,
  expectedValue,
  jsonArray,
  jsonObject,
  nonEmptyString,
  optionalField,
  type ParsedItem,
  pageItems,
  parseItems,
  type SkippedItem,
} from '@m365-otel/request-pipeline';
import { z } from 'zod';
import { ENUMS } from './enums.js';
import type {
  AppCredential,
  AppCredentialOwner,
  CompanySubscription,
  DirectorySyncFeatures,
  Organization,
  ProvisioningErrorUser,
  RiskDetection,
  RiskyUser,
  SubscribedSku,
} from './types.js';

/** Where a page came from (e.g. `applications page 2`), and where unknown enum values and skipped items are reported. */
export interface ParseContext extends AnswerSource {
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

const text = z.string(expectedValue('a string'));
const nonEmptyText = nonEmptyString;
const flag = z.boolean(expectedValue('true or false'));
const dateTime = dateTimeOffset;
// Licence counts are Int32 in Graph's schema and never negative.
const count = z
  .number(expectedValue('a number'))
  .refine((value) => Number.isSafeInteger(value) && value >= 0, expectedValue('a whole number of 0 or more'));

const optional = optionalField;
const object = jsonObject;
const list = jsonArray;

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
 * The credentials of one owner, read at `at` of the page `context` names: a credential that lacks its key id or
 * end, or has a field of the wrong type, is left out and reported (the owner and its other credentials are kept).
 */
export function credentialsOf(
  context: ParseContext,
  owner: RawCredentialOwner,
  at: string,
): AppCredentialOwner['credentials'] {
  const credentials: AppCredential[] = [];
  const kinds = [
    ['passwordCredentials', PASSWORD_CREDENTIAL],
    ['keyCredentials', KEY_CREDENTIAL],
  ] as const;
  for (const [field, schema] of kinds) {
    for (const { item } of parseItems(context, owner[field], {
      at: `${at}.${field}`,
      schema,
      // A credential's report names its owner: the credential's keyId means nothing on its own.
      onSkipped: (skipped) => context.onSkippedItem({ ...skipped, id: owner.id }),
    }))
      credentials.push(item);
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

/**
 * The items of one page of a collection (the request pipeline's `readJsonPages` follows its next link), each with
 * its place (`value[3]`). The envelope must hold (an object with a `value` array), otherwise the page fails; an item
 * that does not validate is left out and reported through `onSkippedItem`, the others are returned.
 */
export function parsePage<T>(
  context: ParseContext,
  body: unknown,
  kind: ItemKind<T>,
): Array<ParsedItem<T> & { label: string }> {
  const parsed = parseItems(context, pageItems(context, body), {
    at: 'value',
    schema: kind.schema,
    onSkipped: (item) => context.onSkippedItem(item),
  });
  return Array.from(parsed, (entry) => {
    for (const [field, definition] of kind.enumFields) {
      const value = entry.item[field];
      if (typeof value === 'string' && !enumValueOf(definition, value).known) {
        context.onUnknownEnum(definition, value, `${entry.where}.${field}`);
      }
    }
    return { ...entry, label: context.label };
  });
}
