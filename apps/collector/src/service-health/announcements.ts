// Which service-health events are due: Microsoft's lists compared with the versions the collector announced
// before (kept in the state store). The events themselves are built by @m365-otel/mappers.

import { createHash } from 'node:crypto';
import type {
  IssueLike,
  M365ServiceIssueChange,
  M365ServiceMessageChange,
  MessageLike,
} from '@m365-otel/mappers';

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
  change: M365ServiceIssueChange;
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
  change: M365ServiceMessageChange;
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
