// Structural twins of @m365-otel/service-health's shapes (mappers depends on no workspace package): the client's
// objects fit them as they are. Only the fields the mappings read are declared.

/** An enum field: `value` is the canonical camelCase spelling when `known`, else exactly as Microsoft sent it. */
export interface EnumValueLike {
  value: string;
  known: boolean;
}

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
