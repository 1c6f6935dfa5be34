// What the mappings read of @m365-otel/service-health's objects, which fit these shapes as they are: the mappings
// and their tests need only these fields, not the client's full parse results.

import type { EnumValueLike } from './catalog-model.js';

export type { EnumValueLike };

export interface OverviewLike {
  id: string;
  service: string;
  status: EnumValueLike;
}

export interface IssuePostLike {
  createdDateTime: string;
  postType: EnumValueLike;
  content: string;
}

export interface IssueLike {
  id: string;
  title: string;
  service: string;
  feature: string | null;
  featureGroup: string | null;
  classification: EnumValueLike;
  origin: EnumValueLike;
  status: EnumValueLike;
  isResolved: boolean;
  impactDescription: string;
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  posts: readonly IssuePostLike[];
}

export interface MessageLike {
  id: string;
  title: string;
  category: EnumValueLike;
  severity: EnumValueLike;
  services: readonly string[];
  tags: readonly string[];
  isMajorChange: boolean;
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  actionRequiredByDateTime: string | null;
  bodyContent: string;
}

export interface ServiceHealthInput {
  overviews: readonly OverviewLike[];
  issues: readonly IssueLike[];
}
