import {
  DEFAULT_HEALTHY_STATUSES,
  FEATURE_GROUP,
  FEATURE_NAME,
  ISSUE_CLASSIFICATION,
  ISSUE_CLASSIFICATIONS,
  SERVICE_FEATURE_STATUS,
  SERVICE_HEALTH_STATUSES,
  SERVICE_HEALTHY,
  SERVICE_ID,
  SERVICE_ISSUES,
  SERVICE_NAME,
  SERVICE_STATUS,
  SERVICE_STATUS_METRIC,
  type ServiceHealthStatus,
} from './catalog.js';
import { applyServiceHealthFilter, type ServiceHealthFilter } from './service-filter.js';
import type { IssueLike, ServiceHealthInput } from './service-types.js';
import type { MetricObservation } from './types.js';

export interface ServiceHealthOptions {
  filter?: ServiceHealthFilter;
  /** Statuses m365.service.healthy counts as healthy; each one of SERVICE_HEALTH_STATUSES. Default: the 8. */
  healthyStatuses?: readonly string[];
}

function isServiceHealthStatus(value: string): value is ServiceHealthStatus {
  return (SERVICE_HEALTH_STATUSES as readonly string[]).includes(value);
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
          SERVICE_HEALTH_STATUSES.join(', '),
      );
    }
  }
  return new Set(statuses);
}

/**
 * The state-metric points of one series set: one per enum value, 1 for the current status. A status outside
 * the enum gets a point of its own at 1 (and every enum value 0), so a value Microsoft adds later shows up.
 */
function statusPoints(
  metric: string,
  attributes: Readonly<Record<string, string>>,
  status: string,
): MetricObservation[] {
  const points: MetricObservation[] = SERVICE_HEALTH_STATUSES.map((value) => ({
    metric,
    attributes: { ...attributes, [SERVICE_STATUS.name]: value },
    value: value === status ? 1 : 0,
  }));
  if (!isServiceHealthStatus(status)) {
    points.push({ metric, attributes: { ...attributes, [SERVICE_STATUS.name]: status }, value: 1 });
  }
  return points;
}

/** Open issues per service and classification: every overview's service first, then services only issues name. */
function issueCounts(services: readonly string[], openIssues: readonly IssueLike[]): MetricObservation[] {
  const zeros = () => new Map<string, number>(ISSUE_CLASSIFICATIONS.map((value) => [value, 0]));
  const counts = new Map(services.map((service) => [service, zeros()]));
  for (const issue of openIssues) {
    const perClassification = counts.get(issue.service) ?? zeros();
    counts.set(issue.service, perClassification);
    const classification = issue.classification.value;
    perClassification.set(classification, (perClassification.get(classification) ?? 0) + 1);
  }
  return [...counts].flatMap(([service, perClassification]) =>
    [...perClassification].map(([classification, value]) => ({
      metric: SERVICE_ISSUES.name,
      attributes: { [SERVICE_NAME.name]: service, [ISSUE_CLASSIFICATION.name]: classification },
      value,
    })),
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
    statusPoints(
      SERVICE_FEATURE_STATUS.name,
      {
        [SERVICE_NAME.name]: issue.service,
        ...(issue.featureGroup ? { [FEATURE_GROUP.name]: issue.featureGroup } : {}),
        [FEATURE_NAME.name]: feature,
      },
      issue.status.value,
    ),
  );
}

/**
 * The service-health gauges of one tenant from its health overviews and issues (every issue, resolved ones
 * included), after the filter. Enum values are taken as given: canonical camelCase when known, else as sent.
 */
export function mapServiceHealth(
  input: ServiceHealthInput,
  options: ServiceHealthOptions = {},
): MetricObservation[] {
  const healthy = healthySet(options.healthyStatuses ?? DEFAULT_HEALTHY_STATUSES);
  const { overviews, issues } = applyServiceHealthFilter(input, options.filter);
  const openIssues = issues.filter((issue) => !issue.isResolved);
  const serviceAttributes = overviews.map((overview) => ({
    overview,
    attributes: { [SERVICE_NAME.name]: overview.service, [SERVICE_ID.name]: overview.id },
  }));
  return [
    ...serviceAttributes.flatMap(({ overview, attributes }) =>
      statusPoints(SERVICE_STATUS_METRIC.name, attributes, overview.status.value),
    ),
    ...serviceAttributes.map(({ overview, attributes }) => ({
      metric: SERVICE_HEALTHY.name,
      attributes,
      value: healthy.has(overview.status.value) ? 1 : 0,
    })),
    ...issueCounts(
      overviews.map((overview) => overview.service),
      openIssues,
    ),
    ...featureStatuses(openIssues),
  ];
}
