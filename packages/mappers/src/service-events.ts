import { sentValue } from './catalog-model.js';
import { type EventRecord, eventRecord } from './event-record.js';
import {
  ATTR_M365_SERVICE_FEATURE_GROUP,
  ATTR_M365_SERVICE_FEATURE_NAME,
  ATTR_M365_SERVICE_ISSUE_CHANGE,
  ATTR_M365_SERVICE_ISSUE_CLASSIFICATION,
  ATTR_M365_SERVICE_ISSUE_END_TIME,
  ATTR_M365_SERVICE_ISSUE_ID,
  ATTR_M365_SERVICE_ISSUE_ORIGIN,
  ATTR_M365_SERVICE_ISSUE_RESOLVED,
  ATTR_M365_SERVICE_ISSUE_START_TIME,
  ATTR_M365_SERVICE_ISSUE_STATUS,
  ATTR_M365_SERVICE_MESSAGE_ACTION_REQUIRED_BY,
  ATTR_M365_SERVICE_MESSAGE_CATEGORY,
  ATTR_M365_SERVICE_MESSAGE_CHANGE,
  ATTR_M365_SERVICE_MESSAGE_END_TIME,
  ATTR_M365_SERVICE_MESSAGE_ID,
  ATTR_M365_SERVICE_MESSAGE_IS_MAJOR_CHANGE,
  ATTR_M365_SERVICE_MESSAGE_SEVERITY,
  ATTR_M365_SERVICE_MESSAGE_START_TIME,
  ATTR_M365_SERVICE_NAME,
  ATTR_M365_SERVICE_NAMES,
  EVENT_M365_SERVICE_ISSUE,
  EVENT_M365_SERVICE_MESSAGE,
  type M365ServiceIssueChange,
  type M365ServiceMessageChange,
} from './generated/catalog.js';
import { timeMs } from './service-health.js';
import type { IssueLike, IssuePostLike, MessageLike } from './service-types.js';

/** The newest post by createdDateTime; of posts created at the same time, the later one in the list. */
function latestPost(posts: readonly IssuePostLike[]): IssuePostLike | undefined {
  let latest: IssuePostLike | undefined;
  for (const post of posts) {
    if (latest === undefined || timeMs(post.createdDateTime) >= timeMs(latest.createdDateTime)) latest = post;
  }
  return latest;
}

export function issueEvent(issue: IssueLike, change: M365ServiceIssueChange): EventRecord {
  const post = latestPost(issue.posts);
  return eventRecord(
    EVENT_M365_SERVICE_ISSUE,
    issue.lastModifiedDateTime,
    {
      [ATTR_M365_SERVICE_NAME]: issue.service,
      [ATTR_M365_SERVICE_FEATURE_NAME]: issue.feature || undefined,
      [ATTR_M365_SERVICE_FEATURE_GROUP]: issue.featureGroup || undefined,
      [ATTR_M365_SERVICE_ISSUE_ID]: issue.id,
      [ATTR_M365_SERVICE_ISSUE_CLASSIFICATION]: sentValue(issue.classification),
      [ATTR_M365_SERVICE_ISSUE_STATUS]: sentValue(issue.status),
      [ATTR_M365_SERVICE_ISSUE_ORIGIN]: sentValue(issue.origin),
      [ATTR_M365_SERVICE_ISSUE_CHANGE]: change,
      [ATTR_M365_SERVICE_ISSUE_START_TIME]: issue.startDateTime,
      [ATTR_M365_SERVICE_ISSUE_END_TIME]: issue.endDateTime || undefined,
      [ATTR_M365_SERVICE_ISSUE_RESOLVED]: issue.isResolved,
    },
    {
      title: issue.title,
      impactDescription: issue.impactDescription,
      latestPost:
        post === undefined
          ? null
          : { createdDateTime: post.createdDateTime, postType: post.postType.value, content: post.content },
      postCount: issue.posts.length,
    },
  );
}

export function messageEvent(message: MessageLike, change: M365ServiceMessageChange): EventRecord {
  return eventRecord(
    EVENT_M365_SERVICE_MESSAGE,
    message.lastModifiedDateTime,
    {
      [ATTR_M365_SERVICE_MESSAGE_ID]: message.id,
      [ATTR_M365_SERVICE_MESSAGE_CATEGORY]: sentValue(message.category),
      [ATTR_M365_SERVICE_MESSAGE_SEVERITY]: sentValue(message.severity),
      [ATTR_M365_SERVICE_MESSAGE_CHANGE]: change,
      [ATTR_M365_SERVICE_MESSAGE_IS_MAJOR_CHANGE]: message.isMajorChange,
      // Log attributes could hold a string list, but EventRecord keeps to scalars: one string, as people read it.
      [ATTR_M365_SERVICE_NAMES]: message.services.length > 0 ? message.services.join(', ') : undefined,
      [ATTR_M365_SERVICE_MESSAGE_START_TIME]: message.startDateTime,
      [ATTR_M365_SERVICE_MESSAGE_END_TIME]: message.endDateTime || undefined,
      [ATTR_M365_SERVICE_MESSAGE_ACTION_REQUIRED_BY]: message.actionRequiredByDateTime || undefined,
    },
    { title: message.title, tags: [...message.tags], content: message.bodyContent },
  );
}
