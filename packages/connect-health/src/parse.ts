import {
  DATE_TIME_EXAMPLE,
  expectedValue,
  formatFieldPath,
  isDateTimeOffset,
  MicrosoftApiError,
  type MicrosoftApiErrorDetails,
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

/** An item left out because it lacks a required field or has one of the wrong type. */
export interface SkippedConnectHealthItem {
  resource: ConnectHealthResource;
  /** e.g. `services page 1, value[3]`. */
  where: string;
  id: string | undefined;
  problems: string[];
}

export interface ParseContext {
  /** e.g. `services page 2`, `alerts of AadSyncService-contoso page 1`. */
  label: string;
  details: MicrosoftApiErrorDetails;
  onSkippedItem(item: Omit<SkippedConnectHealthItem, 'resource'>): void;
}

const object = <S extends z.core.$ZodLooseShape>(shape: S) => z.object(shape, expectedValue('a JSON object'));
const nonEmptyText = z
  .string(expectedValue('a string'))
  .refine((value) => value.trim() !== '', expectedValue('a non-empty string'));
const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => (value ?? undefined) as z.output<T> | undefined);
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

const PAGE = object({ value: z.array(z.unknown(), expectedValue('an array')) });

export function parseServicesPage(context: ParseContext, body: unknown): ConnectHealthService[] {
  return parsePage(context, body, SERVICE, 'serviceName');
}

export function parseAlertsPage(context: ParseContext, body: unknown): ConnectHealthAlert[] {
  return parsePage(context, body, ALERT, 'alertId');
}

/** The items of one page; the envelope must hold, a malformed item is left out and reported. */
function parsePage<T>(context: ParseContext, body: unknown, schema: z.ZodType<T>, idField: string): T[] {
  const page = PAGE.safeParse(body);
  if (!page.success) {
    const [first] = page.error.issues;
    throw new MicrosoftApiError(
      `${context.label}, ${formatFieldPath(first?.path ?? [])}: ${first?.message ?? 'invalid'}`,
      context.details,
    );
  }
  const items: T[] = [];
  page.data.value.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    const id =
      typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[idField] : undefined;
    context.onSkippedItem({
      where: `${context.label}, value[${index}]`,
      id: typeof id === 'string' && id.trim() !== '' ? id : undefined,
      problems: parsed.error.issues.map((issue) => `${formatFieldPath(issue.path)}: ${issue.message}`),
    });
  });
  return items;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
