// Governance: licences per SKU and how much of each is assigned, application credentials by how soon they end (and
// the one the collector signs in with), directory synchronization and provisioning errors, Entra Connect Health,
// risky users, and Teams call quality.
import type { Dashboard } from '@grafana/schema';
import {
  ATTR_M365_APP_CREDENTIAL_EXPIRY,
  ATTR_M365_APP_CREDENTIAL_TYPE,
  ATTR_M365_CALL_MODALITY,
  ATTR_M365_CALL_QUALITY_METRIC,
  ATTR_M365_CALL_STREAM_QUALITY,
  ATTR_M365_CALL_TYPE,
  ATTR_M365_CONNECT_HEALTH_ALERT_LEVEL,
  ATTR_M365_CONNECT_HEALTH_SERVICE_TYPE,
  ATTR_M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY,
  ATTR_M365_DIRECTORY_SYNC_KIND,
  ATTR_M365_LICENSE_CAPABILITY_STATUS,
  ATTR_M365_LICENSE_SKU,
  ATTR_M365_LICENSE_UNITS_STATE,
  ATTR_M365_RISK_LEVEL,
  ATTR_M365_RISK_STATE,
  METRIC_M365_APP_CREDENTIALS,
  METRIC_M365_APP_OWN_CREDENTIAL_REMAINING,
  METRIC_M365_CALL_RECORDS,
  METRIC_M365_CALL_STREAM_JITTER,
  METRIC_M365_CALL_STREAM_POOR,
  METRIC_M365_CALL_STREAM_ROUND_TRIP,
  METRIC_M365_CALL_STREAMS,
  METRIC_M365_CONNECT_HEALTH_ALERTS,
  METRIC_M365_DIRECTORY_PROVISIONING_ERRORS,
  METRIC_M365_DIRECTORY_SYNC_AGE,
  METRIC_M365_DIRECTORY_SYNC_ENABLED,
  METRIC_M365_LICENSE_SKU_STATUS,
  METRIC_M365_LICENSE_UNITS,
  METRIC_M365_LICENSE_UTILIZATION,
  METRIC_M365_RISK_USERS,
  METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING,
} from '@m365-otel/mappers';
import { dashboard } from '../grafana.ts';
import { by, grouped, increaseBy, legend, quantileBy, rateBy, select, sumBy } from '../promql.ts';

const DAY = 86_400;
/** The expiry thresholds of m365.app.credential.expiry: within 7 and within 30 days. */
const CREDENTIAL_STEPS = [
  [0, 'red'],
  [7 * DAY, 'orange'],
  [30 * DAY, 'green'],
] as const;

export const governanceDashboard: Dashboard = dashboard({
  uid: 'm365-governance',
  title: 'Microsoft 365 governance',
  description:
    "Licences per SKU and their use, application credentials by expiry (and the collector's own), directory synchronization and provisioning errors, Entra Connect Health, risky users and Teams call quality, from m365-otel's governance and callQuality sources.",
  from: 'now-7d',
  items: [
    { kind: 'row', title: 'Licences' },
    {
      kind: 'bargauge',
      title: 'Licence utilisation per SKU',
      description:
        "The share of each SKU's enabled units that are assigned (m365.license.utilization): above 100 % more are assigned than enabled.",
      queries: [
        {
          expr: `sort_desc(max ${by(METRIC_M365_LICENSE_UTILIZATION, [ATTR_M365_LICENSE_SKU])} (${select(METRIC_M365_LICENSE_UTILIZATION)}))`,
          legend: legend(METRIC_M365_LICENSE_UTILIZATION, ATTR_M365_LICENSE_SKU),
        },
      ],
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: [
        [0.9, 'orange'],
        [1, 'red'],
      ],
      width: 12,
      height: 9,
    },
    {
      kind: 'table',
      title: 'Licence units per SKU',
      description: 'Units of each SKU: consumed (assigned) and prepaid by state (m365.license.units).',
      queries: [
        {
          expr: sumBy(METRIC_M365_LICENSE_UNITS, [ATTR_M365_LICENSE_SKU, ATTR_M365_LICENSE_UNITS_STATE], {
            where: { [ATTR_M365_LICENSE_UNITS_STATE]: { regex: 'consumed|enabled|warning|suspended' } },
          }),
        },
      ],
      width: 12,
      height: 9,
    },
    {
      kind: 'timeseries',
      title: 'Assigned licences',
      description: 'Consumed units per SKU over time (m365.license.units).',
      queries: [
        grouped(sumBy, METRIC_M365_LICENSE_UNITS, [ATTR_M365_LICENSE_SKU], {
          where: { [ATTR_M365_LICENSE_UNITS_STATE]: 'consumed' },
        }),
      ],
      width: 12,
    },
    {
      kind: 'bargauge',
      title: 'SKUs by capability status',
      description:
        'SKUs in each capabilityStatus (m365.license.sku.status): anything but Enabled needs a look.',
      queries: [grouped(sumBy, METRIC_M365_LICENSE_SKU_STATUS, [ATTR_M365_LICENSE_CAPABILITY_STATUS])],
      width: 6,
    },
    {
      kind: 'stat',
      title: 'Next subscription lifecycle change',
      description:
        'Time until the first subscription moves to its next lifecycle state unless renewed (m365.subscription.lifecycle.remaining).',
      queries: [{ expr: `min(${select(METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING)})` }],
      unit: 'dtdurations',
      baseColor: 'red',
      thresholds: CREDENTIAL_STEPS.slice(1),
      width: 6,
    },
    { kind: 'row', title: 'Application credentials' },
    {
      kind: 'stat',
      title: "Collector's own credential",
      description:
        'Time until the secret or certificate the collector signs in with ends (m365.app.own_credential.remaining); renew it before it reaches 0.',
      queries: [
        {
          expr: `min ${by(METRIC_M365_APP_OWN_CREDENTIAL_REMAINING, [ATTR_M365_APP_CREDENTIAL_TYPE])} (${select(METRIC_M365_APP_OWN_CREDENTIAL_REMAINING)})`,
          legend: legend(METRIC_M365_APP_OWN_CREDENTIAL_REMAINING, ATTR_M365_APP_CREDENTIAL_TYPE),
        },
      ],
      unit: 'dtdurations',
      baseColor: 'red',
      thresholds: CREDENTIAL_STEPS.slice(1),
      width: 8,
    },
    {
      kind: 'bargauge',
      title: 'App credentials by expiry',
      description:
        "Client secrets and certificates of the tenant's applications and service principals by how soon they end (m365.app.credentials).",
      queries: [grouped(sumBy, METRIC_M365_APP_CREDENTIALS, [ATTR_M365_APP_CREDENTIAL_EXPIRY])],
      width: 8,
    },
    {
      kind: 'table',
      title: 'Credentials ending within 30 days or ended',
      description: 'By type and owner (m365.app.credentials); the m365.app.credential events name each one.',
      queries: [
        {
          expr: `${sumBy(
            METRIC_M365_APP_CREDENTIALS,
            [ATTR_M365_APP_CREDENTIAL_TYPE, ATTR_M365_APP_CREDENTIAL_EXPIRY],
            {
              where: { [ATTR_M365_APP_CREDENTIAL_EXPIRY]: { not: 'later' } },
            },
          )} > 0`,
        },
      ],
      width: 8,
    },
    { kind: 'row', title: 'Directory synchronization and identity' },
    {
      kind: 'stat',
      title: 'Directory sync enabled',
      description:
        'Whether the tenant synchronizes its directory from on-premises (m365.directory.sync.enabled).',
      queries: [{ expr: `max(${select(METRIC_M365_DIRECTORY_SYNC_ENABLED)})` }],
      unit: 'none',
      baseColor: 'blue',
      mappings: [
        { value: 1, text: 'on', color: 'green' },
        { value: 0, text: 'off', color: 'blue' },
      ],
      width: 4,
    },
    {
      kind: 'stat',
      title: 'Time since last sync',
      description:
        'Since the last directory (objects) and password hash synchronization (m365.directory.sync.age).',
      queries: [
        {
          expr: `max ${by(METRIC_M365_DIRECTORY_SYNC_AGE, [ATTR_M365_DIRECTORY_SYNC_KIND])} (${select(METRIC_M365_DIRECTORY_SYNC_AGE)})`,
          legend: legend(METRIC_M365_DIRECTORY_SYNC_AGE, ATTR_M365_DIRECTORY_SYNC_KIND),
        },
      ],
      unit: 'dtdurations',
      thresholds: [
        [3 * 3600, 'orange'],
        [DAY, 'red'],
      ],
      width: 6,
    },
    {
      kind: 'timeseries',
      title: 'Provisioning errors',
      description:
        'Users with on-premises provisioning errors, by category (m365.directory.provisioning_errors).',
      queries: [
        grouped(sumBy, METRIC_M365_DIRECTORY_PROVISIONING_ERRORS, [
          ATTR_M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY,
        ]),
      ],
      width: 7,
    },
    {
      kind: 'bargauge',
      title: 'Entra Connect Health alerts',
      description: 'Open Connect Health alerts per service type and level (m365.connect_health.alerts).',
      queries: [
        grouped(sumBy, METRIC_M365_CONNECT_HEALTH_ALERTS, [
          ATTR_M365_CONNECT_HEALTH_SERVICE_TYPE,
          ATTR_M365_CONNECT_HEALTH_ALERT_LEVEL,
        ]),
      ],
      thresholds: [[1, 'orange']],
      width: 7,
    },
    {
      kind: 'bargauge',
      title: 'Risky users at risk',
      description: 'Users Identity Protection holds at risk, by risk level (m365.risk.users, state atRisk).',
      queries: [
        grouped(sumBy, METRIC_M365_RISK_USERS, [ATTR_M365_RISK_LEVEL], {
          where: { [ATTR_M365_RISK_STATE]: 'atRisk' },
        }),
      ],
      thresholds: [[1, 'red']],
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'Risky users by state',
      description: 'Users Identity Protection lists, by risk state (m365.risk.users).',
      queries: [grouped(sumBy, METRIC_M365_RISK_USERS, [ATTR_M365_RISK_STATE])],
      width: 16,
    },
    { kind: 'row', title: 'Teams call quality' },
    {
      kind: 'stat',
      title: 'Call records read',
      description: 'Final Teams call records read in the time range, by call type (m365.call.records).',
      queries: [grouped(increaseBy, METRIC_M365_CALL_RECORDS, [ATTR_M365_CALL_TYPE])],
      baseColor: 'blue',
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'Poor streams',
      description:
        "The share of rated media streams that were poor by the Call Quality Dashboard's thresholds, per modality (m365.call.streams).",
      queries: [
        {
          expr: `${rateBy(METRIC_M365_CALL_STREAMS, [ATTR_M365_CALL_MODALITY], {
            where: { [ATTR_M365_CALL_STREAM_QUALITY]: 'poor' },
          })} / ${rateBy(METRIC_M365_CALL_STREAMS, [ATTR_M365_CALL_MODALITY], {
            where: { [ATTR_M365_CALL_STREAM_QUALITY]: { not: 'unrated' } },
          })}`,
          legend: legend(METRIC_M365_CALL_STREAMS, ATTR_M365_CALL_MODALITY),
        },
      ],
      unit: 'percentunit',
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'Poor streams by cause',
      description:
        'Streams rated poor per second, by the average that broke its threshold (m365.call.stream.poor).',
      queries: [grouped(rateBy, METRIC_M365_CALL_STREAM_POOR, [ATTR_M365_CALL_QUALITY_METRIC])],
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'Jitter and round trip (95th percentile)',
      description:
        "The 95th percentile of the streams' average jitter (m365.call.stream.jitter) and round-trip time (m365.call.stream.round_trip), per modality.",
      queries: [
        {
          expr: quantileBy(0.95, METRIC_M365_CALL_STREAM_JITTER, [ATTR_M365_CALL_MODALITY]),
          legend: `jitter ${legend(METRIC_M365_CALL_STREAM_JITTER, ATTR_M365_CALL_MODALITY)}`,
        },
        {
          expr: quantileBy(0.95, METRIC_M365_CALL_STREAM_ROUND_TRIP, [ATTR_M365_CALL_MODALITY]),
          legend: `round trip ${legend(METRIC_M365_CALL_STREAM_ROUND_TRIP, ATTR_M365_CALL_MODALITY)}`,
        },
      ],
      unit: 's',
      width: 24,
    },
  ],
});
