import { createHash } from 'node:crypto';
import {
  ISSUE_EVENT_ATTRIBUTES as ISSUE,
  ISSUE_EVENT,
  type IssueChange,
  MESSAGE_EVENT_ATTRIBUTES as MESSAGE,
  MESSAGE_EVENT,
  type MessageChange,
} from './catalog.js';
import { timeMs } from './service-health.js';
import type { IssueLike, IssuePostLike, MessageLike } from './service-types.js';

/** A log record with an event name, before the collector stamps severity and observed time on it. */
export interface EventRecord {
  eventName: typeof ISSUE_EVENT.name | typeof MESSAGE_EVENT.name;
  /** ISO 8601, as Microsoft sent it: the issue's or message's lastModifiedDateTime. */
  timestamp: string;
  attributes: Record<string, string | boolean | number>;
  body: Record<string, unknown>;
}

/** The newest post by createdDateTime; of posts created at the same time, the later one in the list. */
function latestPost(posts: readonly IssuePostLike[]): IssuePostLike | undefined {
  let latest: IssuePostLike | undefined;
  for (const post of posts) {
    if (latest === undefined || timeMs(post.createdDateTime) >= timeMs(latest.createdDateTime)) latest = post;
  }
  return latest;
}

export function issueEvent(issue: IssueLike, change: IssueChange): EventRecord {
  const attributes: EventRecord['attributes'] = { [ISSUE.serviceName.name]: issue.service };
  if (issue.feature) attributes[ISSUE.featureName.name] = issue.feature;
  if (issue.featureGroup) attributes[ISSUE.featureGroup.name] = issue.featureGroup;
  attributes[ISSUE.id.name] = issue.id;
  attributes[ISSUE.classification.name] = issue.classification.value;
  attributes[ISSUE.status.name] = issue.status.value;
  attributes[ISSUE.origin.name] = issue.origin.value;
  attributes[ISSUE.change.name] = change;
  attributes[ISSUE.startTime.name] = issue.startDateTime;
  if (issue.endDateTime) attributes[ISSUE.endTime.name] = issue.endDateTime;
  attributes[ISSUE.resolved.name] = issue.isResolved;

  const post = latestPost(issue.posts);
  return {
    eventName: ISSUE_EVENT.name,
    timestamp: issue.lastModifiedDateTime,
    attributes,
    body: {
      title: issue.title,
      impactDescription: issue.impactDescription,
      latestPost:
        post === undefined
          ? null
          : { createdDateTime: post.createdDateTime, postType: post.postType.value, content: post.content },
      postCount: issue.posts.length,
    },
  };
}

export function messageEvent(message: MessageLike, change: MessageChange): EventRecord {
  const attributes: EventRecord['attributes'] = {
    [MESSAGE.id.name]: message.id,
    [MESSAGE.category.name]: message.category.value,
    [MESSAGE.severity.name]: message.severity.value,
    [MESSAGE.change.name]: change,
    [MESSAGE.isMajorChange.name]: message.isMajorChange,
  };
  // Log attributes could hold a string list, but EventRecord keeps to scalars: one string, as people read it.
  if (message.services.length > 0) attributes[MESSAGE.services.name] = message.services.join(', ');
  attributes[MESSAGE.startTime.name] = message.startDateTime;
  if (message.endDateTime) attributes[MESSAGE.endTime.name] = message.endDateTime;
  if (message.actionRequiredByDateTime)
    attributes[MESSAGE.actionRequiredBy.name] = message.actionRequiredByDateTime;
  return {
    eventName: MESSAGE_EVENT.name,
    timestamp: message.lastModifiedDateTime,
    attributes,
    body: { title: message.title, tags: [...message.tags], content: message.bodyContent },
  };
}

function digest(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

const RESOLVED_PREFIX = 'resolved:';
const OPEN_PREFIX = 'open:';

/**
 * What an announced issue is compared by: its status, impact description, resolution, classification, feature
 * (and feature group) and number of posts. Microsoft touches lastModifiedDateTime without changing anything
 * people read, so it is left out. The resolution is kept readable in front of the hash: diffIssues tells
 * "turned resolved" from "updated" by it.
 */
export function issueVersion(issue: IssueLike): string {
  const hash = digest([
    issue.status.value,
    issue.impactDescription,
    issue.isResolved,
    issue.classification.value,
    issue.feature,
    issue.featureGroup,
    issue.posts.length,
  ]);
  return `${issue.isResolved ? RESOLVED_PREFIX : OPEN_PREFIX}${hash}`;
}

/** What an announced message is compared by: its lastModifiedDateTime, title and body. */
export function messageVersion(message: MessageLike): string {
  return digest([message.lastModifiedDateTime, message.title, message.bodyContent]);
}

export interface IssueDiff<I extends IssueLike> {
  issue: I;
  change: IssueChange;
}

/**
 * The issue events due, given the versions announced so far (id -> issueVersion). A new issue is opened, or
 * resolved when it is resolved already; on the first run resolved issues are history and announce nothing, while
 * open ones are announced. A known issue whose version changed is resolved when it turned resolved, else updated.
 */
export function diffIssues<I extends IssueLike>(
  previous: ReadonlyMap<string, string>,
  issues: readonly I[],
  firstRun: boolean,
): IssueDiff<I>[] {
  const changes: IssueDiff<I>[] = [];
  for (const issue of issues) {
    const announced = previous.get(issue.id);
    if (announced === undefined) {
      if (!issue.isResolved) changes.push({ issue, change: 'opened' });
      else if (!firstRun) changes.push({ issue, change: 'resolved' });
    } else if (announced !== issueVersion(issue)) {
      const turnedResolved = issue.isResolved && !announced.startsWith(RESOLVED_PREFIX);
      changes.push({ issue, change: turnedResolved ? 'resolved' : 'updated' });
    }
  }
  return changes;
}

export interface MessageDiff<M extends MessageLike> {
  message: M;
  change: MessageChange;
}

/**
 * The message events due, given the versions announced so far (id -> messageVersion): a new message is
 * published, a changed one updated. Unlike issues there is no first-run exception: a message has no resolved
 * state that would make it history, and the posts already listed (deadlines included) are what an administrator
 * needs to see.
 */
export function diffMessages<M extends MessageLike>(
  previous: ReadonlyMap<string, string>,
  messages: readonly M[],
): MessageDiff<M>[] {
  const changes: MessageDiff<M>[] = [];
  for (const message of messages) {
    const announced = previous.get(message.id);
    if (announced === undefined) changes.push({ message, change: 'published' });
    else if (announced !== messageVersion(message)) changes.push({ message, change: 'updated' });
  }
  return changes;
}
