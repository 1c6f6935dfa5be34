// The fields the mappings read of @m365-otel/service-health's objects: the client's own types, narrowed so that
// code and tests hand over only what is read.

import type {
  EnumValue,
  IssuePost,
  ServiceHealthIssue,
  ServiceHealthOverview,
  ServiceUpdateMessage,
} from '@m365-otel/service-health';

/** An enum field: `value` is the canonical camelCase spelling when `known`, else exactly as Microsoft sent it. */
export type EnumValueLike = EnumValue;

export type OverviewLike = Pick<ServiceHealthOverview, 'id' | 'service' | 'status'>;

export type IssuePostLike = Pick<IssuePost, 'createdDateTime' | 'postType' | 'content'>;

export type IssueLike = Pick<
  ServiceHealthIssue,
  | 'id'
  | 'title'
  | 'service'
  | 'feature'
  | 'featureGroup'
  | 'classification'
  | 'origin'
  | 'status'
  | 'isResolved'
  | 'impactDescription'
  | 'startDateTime'
  | 'endDateTime'
  | 'lastModifiedDateTime'
> & { posts: readonly IssuePostLike[] };

export type MessageLike = Pick<
  ServiceUpdateMessage,
  | 'id'
  | 'title'
  | 'category'
  | 'severity'
  | 'isMajorChange'
  | 'startDateTime'
  | 'endDateTime'
  | 'lastModifiedDateTime'
  | 'actionRequiredByDateTime'
  | 'bodyContent'
> & { services: readonly string[]; tags: readonly string[] };

export interface ServiceHealthInput {
  overviews: readonly OverviewLike[];
  issues: readonly IssueLike[];
}
