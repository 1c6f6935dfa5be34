import { isServiceHealthStatus } from '@m365-otel/service-health';
import { type Extensible, sentValue } from './catalog-model.js';
import {
  ATTR_M365_SERVICE_FEATURE_GROUP,
  ATTR_M365_SERVICE_FEATURE_NAME,
  ATTR_M365_SERVICE_ID,
  ATTR_M365_SERVICE_ISSUE_CLASSIFICATION,
  ATTR_M365_SERVICE_NAME,
  ATTR_M365_SERVICE_STATUS,
  DEFAULT_HEALTHY_STATUSES,
  M365_SERVICE_ISSUE_CLASSIFICATION_VALUES,
  M365_SERVICE_STATUS_VALUES,
  type M365ServiceIssueClassification,
  type M365ServiceStatus,
  METRIC_M365_SERVICE_FEATURE_STATUS,
  METRIC_M365_SERVICE_HEALTHY,
  METRIC_M365_SERVICE_ISSUES,
  METRIC_M365_SERVICE_STATUS,
} from './generated/catalog.js';
import { observation } from './series.js';
import type { EnumValueLike, IssueLike, ServiceHealthInput } from './service-types.js';
import type { MetricObservation } from './types.js';

export interface ServiceHealthOptions {
  /** Statuses m365.service.healthy counts as healthy; each one of the serviceHealthStatus values. Default: the 8. */
  healthyStatuses?: readonly string[];
}

/** Milliseconds since the epoch; an unreadable time sorts before every readable one. */
export function timeMs(text: string): number {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

function healthySet(statuses: readonly string[]): ReadonlySet<string> {
  for (const status of statuses) {
    if (!isServiceHealthStatus(status)) {
      throw new RangeError(
        `healthyStatuses: ${JSON.stringify(status)} is not a serviceHealthStatus value; expected one of ` +
          M365_SERVICE_STATUS_VALUES.join(', '),
      );
    }
  }
  return new Set(statuses);
}

/**
 * The state-metric values of one series set: every enum value, 1 for the current status. A status outside the
 * enum gets a series of its own at 1 (and every enum value 0), so a value Microsoft adds later shows up.
 */
function oneHot(status: EnumValueLike): { status: Extensible<M365ServiceStatus>; value: number }[] {
  const current = sentValue<M365ServiceStatus>(status);
  const points = M365_SERVICE_STATUS_VALUES.map((value) => ({
    status: value as Extensible<M365ServiceStatus>,
    value: value === current ? 1 : 0,
  }));
  if (!isServiceHealthStatus(current)) points.push({ status: current, value: 1 });
  return points;
}

/** Open issues per service and classification: every overview's service first, then services only issues name. */
function issueCounts(services: readonly string[], openIssues: readonly IssueLike[]): MetricObservation[] {
  type Classification = Extensible<M365ServiceIssueClassification>;
  const zeros = () =>
    new Map<Classification, number>(M365_SERVICE_ISSUE_CLASSIFICATION_VALUES.map((value) => [value, 0]));
  const counts = new Map(services.map((service) => [service, zeros()]));
  for (const issue of openIssues) {
    const perClassification = counts.get(issue.service) ?? zeros();
    counts.set(issue.service, perClassification);
    const classification = sentValue<M365ServiceIssueClassification>(issue.classification);
    perClassification.set(classification, (perClassification.get(classification) ?? 0) + 1);
  }
  return [...counts].flatMap(([service, perClassification]) =>
    [...perClassification].map(([classification, value]) =>
      observation(
        METRIC_M365_SERVICE_ISSUES,
        { [ATTR_M365_SERVICE_NAME]: service, [ATTR_M365_SERVICE_ISSUE_CLASSIFICATION]: classification },
        value,
      ),
    ),
  );
}

/** Per feature named by an open issue, the status of its most recently modified open issue. */
function featureStatuses(openIssues: readonly IssueLike[]): MetricObservation[] {
  const newest = new Map<string, { issue: IssueLike; feature: string }>();
  for (const issue of openIssues) {
    const feature = issue.feature;
    if (!feature) continue;
    const key = JSON.stringify([issue.service, issue.featureGroup, feature]);
    const current = newest.get(key);
    if (
      current === undefined ||
      timeMs(issue.lastModifiedDateTime) > timeMs(current.issue.lastModifiedDateTime)
    ) {
      newest.set(key, { issue, feature });
    }
  }
  return [...newest.values()].flatMap(({ issue, feature }) =>
    oneHot(issue.status).map(({ status, value }) =>
      observation(
        METRIC_M365_SERVICE_FEATURE_STATUS,
        {
          [ATTR_M365_SERVICE_NAME]: issue.service,
          ...(issue.featureGroup ? { [ATTR_M365_SERVICE_FEATURE_GROUP]: issue.featureGroup } : {}),
          [ATTR_M365_SERVICE_FEATURE_NAME]: feature,
          [ATTR_M365_SERVICE_STATUS]: status,
        },
        value,
      ),
    ),
  );
}

/**
 * The service-health gauges of one tenant from its health overviews and issues (every issue the collector's
 * filters kept, resolved ones included). Enum values are taken as given: canonical camelCase when known, else as
 * sent.
 */
export function mapServiceHealth(
  { overviews, issues }: ServiceHealthInput,
  options: ServiceHealthOptions = {},
): MetricObservation[] {
  const healthy = healthySet(options.healthyStatuses ?? DEFAULT_HEALTHY_STATUSES);
  const openIssues = issues.filter((issue) => !issue.isResolved);
  const services = overviews.map((overview) => ({
    overview,
    attributes: { [ATTR_M365_SERVICE_NAME]: overview.service, [ATTR_M365_SERVICE_ID]: overview.id },
  }));
  return [
    ...services.flatMap(({ overview, attributes }) =>
      oneHot(overview.status).map(({ status, value }) =>
        observation(METRIC_M365_SERVICE_STATUS, { ...attributes, [ATTR_M365_SERVICE_STATUS]: status }, value),
      ),
    ),
    ...services.map(({ overview, attributes }) =>
      observation(METRIC_M365_SERVICE_HEALTHY, attributes, healthy.has(overview.status.value) ? 1 : 0),
    ),
    ...issueCounts(
      overviews.map((overview) => overview.service),
      openIssues,
    ),
    ...featureStatuses(openIssues),
  ];
}
