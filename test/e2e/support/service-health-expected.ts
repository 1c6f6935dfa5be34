import type { PlainValue, ReceivedLogRecord } from '@m365-otel/otlp-sink';
import type { ServiceHealthIssue, ServiceHealthTruth, ServiceUpdateMessage } from '@m365-otel/simulator';

/*
 * What the collector must send for a service-health state, written from the issue's contract text (metric and
 * event definitions, the "what makes an update" rule), never from the mappers' code: the simulator's truth goes in,
 * plain expectations come out.
 */

/** The v1.0 serviceHealthStatus enum, camelCase, in the documentation's order. */
export const SERVICE_HEALTH_STATUSES = [
  'serviceOperational',
  'investigating',
  'restoringService',
  'verifyingService',
  'serviceRestored',
  'postIncidentReviewPublished',
  'serviceDegradation',
  'serviceInterruption',
  'extendedRecovery',
  'falsePositive',
  'investigationSuspended',
  'resolved',
  'mitigatedExternal',
  'mitigated',
  'resolvedExternal',
  'confirmed',
  'reported',
  'unknownFutureValue',
] as const;

/** The documented default of serviceHealth.healthyStatuses. */
export const DEFAULT_HEALTHY_STATUSES: ReadonlySet<string> = new Set([
  'serviceOperational',
  'serviceRestored',
  'postIncidentReviewPublished',
  'resolved',
  'resolvedExternal',
  'mitigated',
  'mitigatedExternal',
  'falsePositive',
]);

const CLASSIFICATIONS = ['incident', 'advisory'] as const;

/** `m365.service.status`: one point per service and enum value, keyed `service|status`. */
export function expectedStatusSeries(truth: ServiceHealthTruth): Map<string, number> {
  const series = new Map<string, number>();
  for (const overview of truth.overviews) {
    for (const status of SERVICE_HEALTH_STATUSES) {
      series.set(`${overview.service}|${status}`, status === overview.status ? 1 : 0);
    }
  }
  return series;
}

/** `m365.service.healthy`, keyed by service name. */
export function expectedHealthy(truth: ServiceHealthTruth): Map<string, number> {
  return new Map(
    truth.overviews.map((o) => [o.service, DEFAULT_HEALTHY_STATUSES.has(o.status) ? 1 : 0] as const),
  );
}

/** `m365.service.issues`: open issues per service and classification, both classifications always, keyed `service|classification`. */
export function expectedIssueCounts(truth: ServiceHealthTruth): Map<string, number> {
  const counts = new Map<string, number>();
  for (const overview of truth.overviews) {
    for (const classification of CLASSIFICATIONS) counts.set(`${overview.service}|${classification}`, 0);
  }
  for (const issue of truth.issues) {
    if (issue.isResolved) continue;
    const key = `${issue.service}|${issue.classification}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One event as compared: times as epoch milliseconds, so the exact ISO spelling is not part of the contract. */
export interface EventView {
  eventName: string;
  timeUnixNano: string;
  severityNumber: number;
  attributes: Record<string, PlainValue>;
  body: PlainValue;
}

export type IssueChange = 'opened' | 'updated' | 'resolved';
export type MessageChange = 'published' | 'updated';

/** The issue fields whose change is an update (lastModifiedDateTime alone is not). */
function issueFingerprint(issue: ServiceHealthIssue): string {
  return JSON.stringify([
    issue.status,
    issue.impactDescription,
    issue.isResolved,
    issue.classification,
    issue.feature,
    issue.featureGroup,
    issue.posts.length,
  ]);
}

function messageFingerprint(message: ServiceUpdateMessage): string {
  return JSON.stringify([message.lastModifiedDateTime, message.title, message.body.content]);
}

/**
 * The events one collector run must send when the tenant moved from `before` to `after`; `before` undefined is the
 * first run with an empty state store. Issues: a new open issue is opened; a new resolved one is history on the
 * first run (nothing) and resolved later; a changed one is resolved when it turned resolved, else updated.
 * Messages (when enabled): a new one is published, a changed one updated. The contract leaves the first run open
 * for messages; the mappers document (and the product notes agree) that it has no exception there, because a
 * message has no resolved state that would make it history.
 */
export function expectedChanges(
  before: ServiceHealthTruth | undefined,
  after: ServiceHealthTruth,
  messages: boolean,
): {
  issues: Array<{ issue: ServiceHealthIssue; change: IssueChange }>;
  messages: Array<{ message: ServiceUpdateMessage; change: MessageChange }>;
} {
  const issues: Array<{ issue: ServiceHealthIssue; change: IssueChange }> = [];
  for (const issue of after.issues) {
    const previous = before?.issues.find((i) => i.id === issue.id);
    if (previous === undefined) {
      if (!issue.isResolved) issues.push({ issue, change: 'opened' });
      else if (before !== undefined) issues.push({ issue, change: 'resolved' });
    } else if (issueFingerprint(previous) !== issueFingerprint(issue)) {
      issues.push({ issue, change: issue.isResolved && !previous.isResolved ? 'resolved' : 'updated' });
    }
  }
  const changedMessages: Array<{ message: ServiceUpdateMessage; change: MessageChange }> = [];
  if (messages) {
    for (const message of after.messages) {
      const previous = before?.messages.find((m) => m.id === message.id);
      if (previous === undefined) changedMessages.push({ message, change: 'published' });
      else if (messageFingerprint(previous) !== messageFingerprint(message))
        changedMessages.push({ message, change: 'updated' });
    }
  }
  return { issues, messages: changedMessages };
}

const SEVERITY_INFO = 9;
const SEVERITY_WARN = 13;

function nanos(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a date-time: ${iso}`);
  return (BigInt(ms) * 1_000_000n).toString();
}

function ms(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`not a date-time: ${iso}`);
  return value;
}

export function issueEventView(issue: ServiceHealthIssue, change: IssueChange): EventView {
  const attributes: Record<string, PlainValue> = { 'm365.service.name': issue.service };
  if (issue.feature !== null) attributes['m365.service.feature.name'] = issue.feature;
  if (issue.featureGroup !== null) attributes['m365.service.feature.group'] = issue.featureGroup;
  Object.assign(attributes, {
    'm365.service.issue.id': issue.id,
    'm365.service.issue.classification': issue.classification,
    'm365.service.issue.status': issue.status,
    'm365.service.issue.origin': issue.origin,
    'm365.service.issue.change': change,
    'm365.service.issue.start_time': ms(issue.startDateTime),
    'm365.service.issue.resolved': issue.isResolved,
  });
  if (issue.endDateTime !== null) attributes['m365.service.issue.end_time'] = ms(issue.endDateTime);
  const latest = [...issue.posts].sort((a, b) => ms(a.createdDateTime) - ms(b.createdDateTime)).at(-1);
  return {
    eventName: 'm365.service.issue',
    timeUnixNano: nanos(issue.lastModifiedDateTime),
    severityNumber:
      issue.classification === 'incident' &&
      !issue.isResolved &&
      (change === 'opened' || change === 'updated')
        ? SEVERITY_WARN
        : SEVERITY_INFO,
    attributes,
    body: {
      title: issue.title,
      impactDescription: issue.impactDescription,
      latestPost:
        latest === undefined
          ? null
          : {
              createdDateTime: ms(latest.createdDateTime),
              postType: latest.postType,
              content: latest.description.content,
            },
      postCount: issue.posts.length,
    },
  };
}

export function messageEventView(message: ServiceUpdateMessage, change: MessageChange): EventView {
  const attributes: Record<string, PlainValue> = {
    'm365.service.message.id': message.id,
    'm365.service.message.category': message.category,
    'm365.service.message.severity': message.severity,
    'm365.service.message.change': change,
    'm365.service.message.is_major_change': message.isMajorChange,
    'm365.service.message.start_time': ms(message.startDateTime),
  };
  if (message.services.length > 0) attributes['m365.service.names'] = message.services.join(', ');
  if (message.endDateTime !== null) attributes['m365.service.message.end_time'] = ms(message.endDateTime);
  if (message.actionRequiredByDateTime !== null)
    attributes['m365.service.message.action_required_by'] = ms(message.actionRequiredByDateTime);
  return {
    eventName: 'm365.service.message',
    timeUnixNano: nanos(message.lastModifiedDateTime),
    severityNumber: SEVERITY_INFO,
    attributes,
    body: { title: message.title, tags: [...message.tags], content: message.body.content },
  };
}

const TIME_ATTRIBUTES = new Set([
  'm365.service.issue.start_time',
  'm365.service.issue.end_time',
  'm365.service.message.start_time',
  'm365.service.message.end_time',
  'm365.service.message.action_required_by',
]);

/** A received record brought to the compared form (date-time strings -> epoch ms). */
export function receivedEventView(record: ReceivedLogRecord): EventView {
  const attributes: Record<string, PlainValue> = {};
  for (const [key, value] of Object.entries(record.attributes)) {
    attributes[key] = TIME_ATTRIBUTES.has(key) && typeof value === 'string' ? Date.parse(value) : value;
  }
  let body = record.body;
  if (record.eventName === 'm365.service.issue' && isRecord(body) && isRecord(body.latestPost)) {
    const post = body.latestPost;
    body = {
      ...body,
      latestPost: {
        ...post,
        createdDateTime:
          typeof post.createdDateTime === 'string' ? Date.parse(post.createdDateTime) : post.createdDateTime,
      },
    } as PlainValue;
  }
  return {
    eventName: record.eventName,
    timeUnixNano: record.timeUnixNano,
    severityNumber: record.severityNumber,
    attributes,
    body,
  };
}

function isRecord(value: unknown): value is Record<string, PlainValue> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** A stable identity for sorting and for "never sent twice": which object, which change, which content. */
export function eventKey(view: EventView): string {
  const a = view.attributes;
  const id = a['m365.service.issue.id'] ?? a['m365.service.message.id'];
  const change = a['m365.service.issue.change'] ?? a['m365.service.message.change'];
  return `${view.eventName} ${String(id)} ${String(change)} ${String(a['m365.service.issue.status'] ?? '')} ${view.timeUnixNano}`;
}

/** `issue EX200001 opened (investigating)` / `message MC200001 published`, for the per-step summary. */
export function describeEvent(view: EventView): string {
  const a = view.attributes;
  if (view.eventName === 'm365.service.issue')
    return `issue ${String(a['m365.service.issue.id'])} ${String(a['m365.service.issue.change'])} (${String(a['m365.service.issue.status'])})`;
  return `message ${String(a['m365.service.message.id'])} ${String(a['m365.service.message.change'])}`;
}
