import {
  type AnswerSource,
  DATE_TIME_EXAMPLE,
  expectedValue,
  isDateTimeOffset,
  jsonObject,
  nonEmptyString,
  optionalField,
  pageItems,
  parseItems,
  type SkippedItem,
} from '@m365-otel/request-pipeline';
import { z } from 'zod';

/** A service onboarded to Connect Health: an AD FS farm, a Connect Sync server or an AD DS forest. */
export interface ConnectHealthService {
  serviceId: string;
  /** What the alerts call takes, e.g. `AadSyncService-contoso.onmicrosoft.com`. */
  serviceName: string;
  /** Microsoft's `type`: `AdFederationService`, `AadSyncService`, `AdDomainService`, or a later one, as sent. */
  serviceType: string;
  displayName?: string;
  /** e.g. `Healthy`, `Warning`, `Error`, `NotMonitored`, as sent. */
  health?: string;
  /** The count Connect Health keeps; the alerts list is what is open. */
  activeAlerts?: number;
  disabled?: boolean;
}

/** An alert of a service (or of one of its servers, `serviceMemberId`). */
export interface ConnectHealthAlert {
  alertId: string;
  /** `Error`, `Warning`, `PreWarning`, or a later one, as sent. */
  level: string;
  /** `Active`, or how it was resolved (`ResolvedByPositiveResult`, `ResolvedManually`, ...), as sent. */
  state: string;
  shortName?: string;
  displayName?: string;
  /** ISO 8601 in UTC. */
  createdDate?: string;
  serviceId?: string;
  serviceMemberId?: string;
}

/** The lists this client reads. */
export type ConnectHealthResource = 'services' | 'alerts';

/** An item left out because it lacks a required field or has one of the wrong type (`where`: e.g. `services page 1, value[3]`). */
export interface SkippedConnectHealthItem extends SkippedItem {
  resource: ConnectHealthResource;
}

/** Where a page came from (e.g. `alerts of AadSyncService-contoso page 1`), and where a skipped item is reported. */
export interface ParseContext extends AnswerSource {
  onSkippedItem(item: SkippedItem): void;
}

const object = jsonObject;
const nonEmptyText = nonEmptyString;
const optional = optionalField;
// Connect Health writes its dates in UTC, not always with the `Z` that says so.
const utcDateTime = z
  .string(expectedValue(DATE_TIME_EXAMPLE))
  .refine((text) => isDateTimeOffset(text) || isDateTimeOffset(`${text}Z`), expectedValue(DATE_TIME_EXAMPLE))
  .transform((text) => (isDateTimeOffset(text) ? text : `${text}Z`));

const SERVICE = object({
  serviceId: nonEmptyText,
  serviceName: nonEmptyText,
  type: nonEmptyText,
  displayName: optional(z.string(expectedValue('a string'))),
  health: optional(z.string(expectedValue('a string'))),
  activeAlerts: optional(
    z.number(expectedValue('a count')).int(expectedValue('a count')).nonnegative(expectedValue('a count')),
  ),
  disabled: optional(z.boolean(expectedValue('true or false'))),
}).transform(
  ({ type, ...service }): ConnectHealthService => withoutUndefined({ ...service, serviceType: type }),
);

const ALERT = object({
  alertId: nonEmptyText,
  level: nonEmptyText,
  state: nonEmptyText,
  shortName: optional(z.string(expectedValue('a string'))),
  displayName: optional(z.string(expectedValue('a string'))),
  createdDate: optional(utcDateTime),
  serviceId: optional(z.string(expectedValue('a string'))),
  serviceMemberId: optional(z.string(expectedValue('a string'))),
}).transform((alert): ConnectHealthAlert => withoutUndefined(alert));

export function parseServicesPage(context: ParseContext, body: unknown): ConnectHealthService[] {
  return parsePage(context, body, SERVICE, 'serviceName');
}

export function parseAlertsPage(context: ParseContext, body: unknown): ConnectHealthAlert[] {
  return parsePage(context, body, ALERT, 'alertId');
}

/** The items of one page; the envelope must hold, a malformed item is left out and reported. */
function parsePage<T>(context: ParseContext, body: unknown, schema: z.ZodType<T>, idField: string): T[] {
  const parsed = parseItems(context, pageItems(context, body), {
    at: 'value',
    schema,
    idField,
    onSkipped: (item) => context.onSkippedItem(item),
  });
  return Array.from(parsed, ({ item }) => item);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
