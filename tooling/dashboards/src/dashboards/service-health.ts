// Service health: the status Microsoft gives each Microsoft 365 service, the services it calls unhealthy, and the
// open issues (incidents and advisories) per service, from Graph's service communications API.
import type { Dashboard } from '@grafana/schema';
import {
  ATTR_M365_SERVICE_ISSUE_CLASSIFICATION,
  ATTR_M365_SERVICE_NAME,
  ATTR_M365_TENANT_ID,
  METRIC_M365_SERVICE_HEALTHY,
  METRIC_M365_SERVICE_ISSUES,
  METRIC_M365_SERVICE_STATUS,
} from '@m365-otel/mappers';
import { dashboard, type PanelSpec } from '../grafana.ts';
import { by, grouped, labels, legend, select, sumBy } from '../promql.ts';

/** A stat of the open issues of one classification, coloured from the first. */
function openIssues(title: string, classification: string, meaning: string, color: string): PanelSpec {
  return {
    kind: 'stat',
    title,
    description: `Unresolved issues of the ${classification} classification: ${meaning} (m365.service.issues).`,
    queries: [
      {
        expr: sumBy(METRIC_M365_SERVICE_ISSUES, [], {
          where: { [ATTR_M365_SERVICE_ISSUE_CLASSIFICATION]: classification },
        }),
      },
    ],
    thresholds: [[1, color]],
    width: 6,
    height: 5,
  };
}

const unhealthy = `${select(METRIC_M365_SERVICE_HEALTHY)} == 0`;

export const serviceHealthDashboard: Dashboard = dashboard({
  uid: 'm365-service-health',
  title: 'Microsoft 365 service health',
  description:
    "The health Microsoft reports for each Microsoft 365 service (Graph's service communications API) as m365-otel exports it: status per service, unhealthy services and open issues.",
  from: 'now-7d',
  items: [
    { kind: 'row', title: 'Now' },
    {
      kind: 'stat',
      title: 'Unhealthy services',
      description:
        'Services whose current status is not a healthy one (m365.service.healthy is 0); serviceHealth.healthyStatuses in the collector config says which statuses are healthy.',
      queries: [
        {
          expr: `count(${select(METRIC_M365_SERVICE_HEALTHY)}) - sum(${select(METRIC_M365_SERVICE_HEALTHY)})`,
        },
      ],
      thresholds: [[1, 'red']],
      width: 6,
      height: 5,
    },
    openIssues('Open incidents', 'incident', 'critical problems with noticeable user impact', 'red'),
    openIssues('Open advisories', 'advisory', 'limited problems', 'orange'),
    {
      kind: 'stat',
      title: 'Services watched',
      description:
        'Services with a health overview (m365.service.healthy), after the serviceHealth include and exclude filters.',
      queries: [{ expr: `count(${select(METRIC_M365_SERVICE_HEALTHY)})` }],
      baseColor: 'blue',
      width: 6,
      height: 5,
    },
    {
      kind: 'table',
      title: 'Unhealthy services and their status',
      description:
        'Each service whose current status is unhealthy, with that status (m365.service.status, the series at 1).',
      queries: [
        {
          expr: `${select(METRIC_M365_SERVICE_STATUS)} == 1 and on (${labels(METRIC_M365_SERVICE_HEALTHY, [ATTR_M365_TENANT_ID, ATTR_M365_SERVICE_NAME])}) (${unhealthy})`,
        },
      ],
      width: 12,
    },
    {
      kind: 'table',
      title: 'Open issues by service',
      description:
        'Unresolved incidents and advisories per service (m365.service.issues), services without any left out.',
      queries: [
        {
          expr: `${sumBy(METRIC_M365_SERVICE_ISSUES, [ATTR_M365_SERVICE_NAME, ATTR_M365_SERVICE_ISSUE_CLASSIFICATION])} > 0`,
        },
      ],
      width: 12,
    },
    { kind: 'row', title: 'Over time' },
    {
      kind: 'state-timeline',
      title: 'Health per service',
      description:
        'Whether each service was healthy over time (m365.service.healthy); the table above and m365.service.status name the status.',
      queries: [
        {
          expr: `min ${by(METRIC_M365_SERVICE_HEALTHY, [ATTR_M365_SERVICE_NAME])} (${select(METRIC_M365_SERVICE_HEALTHY)})`,
          legend: legend(METRIC_M365_SERVICE_HEALTHY, ATTR_M365_SERVICE_NAME),
        },
      ],
      mappings: [
        { value: 1, text: 'healthy', color: 'green' },
        { value: 0, text: 'unhealthy', color: 'red' },
      ],
      width: 24,
      height: 12,
    },
    {
      kind: 'timeseries',
      title: 'Open issues',
      description: 'Unresolved issues per service and classification over time (m365.service.issues).',
      queries: [
        grouped(sumBy, METRIC_M365_SERVICE_ISSUES, [
          ATTR_M365_SERVICE_NAME,
          ATTR_M365_SERVICE_ISSUE_CLASSIFICATION,
        ]),
      ],
      stack: true,
      width: 24,
    },
  ],
});
