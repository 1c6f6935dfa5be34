// Usage reports: what Microsoft's daily usage reports say about mail, Teams, OneDrive and SharePoint, and how far
// behind each report is. The gauges show the newest complete report day (time mode `latest`), so a graph moves
// once a day; `m365.report.age` says which day that is.

import type { Dashboard } from '@grafana/schema';
import {
  ATTR_M365_ACTIVITY_STATE,
  ATTR_M365_CONTENT_ACTION,
  ATTR_M365_DEVICE_PLATFORM,
  ATTR_M365_EMAIL_ACTION,
  ATTR_M365_MAILBOX_STATE,
  ATTR_M365_REPORT_NAME,
  ATTR_M365_SITE_TYPE,
  ATTR_M365_TEAMS_ACTIVITY,
  ATTR_M365_TEAMS_MEETING_ACTION,
  ATTR_M365_TEAMS_MESSAGE_KIND,
  ATTR_M365_WORKLOAD,
  METRIC_M365_EMAIL_ACTIVE_USERS,
  METRIC_M365_EMAIL_MESSAGES,
  METRIC_M365_MAILBOX_COUNT,
  METRIC_M365_MAILBOX_STORAGE_USAGE,
  METRIC_M365_ONEDRIVE_ACCOUNTS,
  METRIC_M365_ONEDRIVE_ACTIVE_USERS,
  METRIC_M365_ONEDRIVE_STORAGE_USAGE,
  METRIC_M365_REPORT_AGE,
  METRIC_M365_REPORT_NAMES_CONCEALED,
  METRIC_M365_SHAREPOINT_ACTIVE_USERS,
  METRIC_M365_SHAREPOINT_SITES,
  METRIC_M365_SHAREPOINT_STORAGE_USAGE,
  METRIC_M365_TEAMS_ACTIVE_USERS,
  METRIC_M365_TEAMS_CALLS,
  METRIC_M365_TEAMS_DEVICE_ACTIVE_USERS,
  METRIC_M365_TEAMS_MEETINGS,
  METRIC_M365_TEAMS_MESSAGES,
  METRIC_M365_WORKLOAD_ACTIVE_USERS,
} from '@m365-otel/mappers';
import { dashboard, type PanelSpec } from '../grafana.ts';
import { by, grouped, legend, select, sumBy } from '../promql.ts';

const DAY = 86_400;

const sum = (metric: string) => sumBy(metric, []);

/** Orange once a report is 4 days behind (twice Microsoft's usual lag), red after a week. */
const AGE_STEPS = [
  [4 * DAY, 'orange'],
  [7 * DAY, 'red'],
] as const;

/** A stat of the report age across reports (`min` the freshest, `max` the oldest). */
function reportAgeStat(title: string, aggregation: 'min' | 'max', description: string): PanelSpec {
  return {
    kind: 'stat',
    title,
    description,
    queries: [{ expr: `${aggregation}(${select(METRIC_M365_REPORT_AGE)})` }],
    unit: 'dtdurations',
    thresholds: AGE_STEPS,
    width: 6,
    height: 5,
  };
}

export const usageDashboard: Dashboard = dashboard({
  uid: 'm365-usage',
  title: 'Microsoft 365 usage',
  description:
    "Microsoft 365 usage reports (Microsoft Graph reports API) as m365-otel exports them: mail, Teams, OneDrive and SharePoint activity and storage, active users by workload, and each report's age.",
  from: 'now-30d',
  items: [
    { kind: 'row', title: 'Overview' },
    reportAgeStat(
      'Freshest report day',
      'min',
      "How far behind the freshest report is: collection time minus 00:00 UTC of the newest complete day it shows (m365.report.age). Microsoft's reports lag 48 hours or more.",
    ),
    reportAgeStat(
      'Oldest report day',
      'max',
      'The age of the report furthest behind (m365.report.age): one report Microsoft stopped refreshing shows here.',
    ),
    {
      kind: 'stat',
      title: 'Active users (Microsoft 365)',
      description:
        'Users active in any Microsoft 365 service on the reported day (m365.workload.active_users, workload microsoft_365).',
      queries: [
        {
          expr: sumBy(METRIC_M365_WORKLOAD_ACTIVE_USERS, [], {
            where: { [ATTR_M365_WORKLOAD]: 'microsoft_365' },
          }),
        },
      ],
      width: 6,
      height: 5,
    },
    {
      kind: 'stat',
      title: 'Names concealed',
      description:
        "Whether the tenant conceals user, group and site names in its reports (m365.report.names_concealed): 1 conceals them. Turn it off under the admin center's Org settings > Reports to see names in per-entity records.",
      queries: [{ expr: `max(${select(METRIC_M365_REPORT_NAMES_CONCEALED)})` }],
      unit: 'none',
      thresholds: [[1, 'orange']],
      width: 6,
      height: 5,
    },
    {
      kind: 'timeseries',
      title: 'Active users by workload',
      description: 'Users active on the reported day in each workload (m365.workload.active_users).',
      queries: [grouped(sumBy, METRIC_M365_WORKLOAD_ACTIVE_USERS, [ATTR_M365_WORKLOAD])],
      width: 16,
    },
    {
      kind: 'bargauge',
      title: 'Report age by report',
      description: "How far behind each report's newest complete day is (m365.report.age), the oldest first.",
      queries: [
        {
          expr: `sort_desc(max ${by(METRIC_M365_REPORT_AGE, [ATTR_M365_REPORT_NAME])} (${select(METRIC_M365_REPORT_AGE)}))`,
          legend: legend(METRIC_M365_REPORT_AGE, ATTR_M365_REPORT_NAME),
        },
      ],
      unit: 'dtdurations',
      thresholds: AGE_STEPS,
      width: 8,
    },
    { kind: 'row', title: 'Mail' },
    {
      kind: 'timeseries',
      title: 'Email messages',
      description: 'Messages sent, received and read on the reported day (m365.email.messages).',
      queries: [grouped(sumBy, METRIC_M365_EMAIL_MESSAGES, [ATTR_M365_EMAIL_ACTION])],
    },
    {
      kind: 'timeseries',
      title: 'Email active users',
      description: 'Users who sent, received or read email on the reported day (m365.email.active_users).',
      queries: [grouped(sumBy, METRIC_M365_EMAIL_ACTIVE_USERS, [ATTR_M365_EMAIL_ACTION])],
    },
    {
      kind: 'timeseries',
      title: 'Mailboxes',
      description: 'Mailboxes by activity on the reported day (m365.mailbox.count).',
      queries: [
        grouped(sumBy, METRIC_M365_MAILBOX_COUNT, [ATTR_M365_MAILBOX_STATE], { legendPrefix: 'mailboxes' }),
      ],
    },
    {
      kind: 'stat',
      title: 'Mailbox storage used',
      description: 'Storage used by all mailboxes on the reported day (m365.mailbox.storage.usage).',
      queries: [{ expr: sum(METRIC_M365_MAILBOX_STORAGE_USAGE) }],
      unit: 'bytes',
      width: 6,
      height: 5,
    },
    { kind: 'row', title: 'Teams' },
    {
      kind: 'timeseries',
      title: 'Teams messages',
      description: 'Teams messages on the reported day, by kind (m365.teams.messages).',
      queries: [grouped(sumBy, METRIC_M365_TEAMS_MESSAGES, [ATTR_M365_TEAMS_MESSAGE_KIND])],
    },
    {
      kind: 'timeseries',
      title: 'Teams active users',
      description: 'Users active in Teams on the reported day, by activity (m365.teams.active_users).',
      queries: [grouped(sumBy, METRIC_M365_TEAMS_ACTIVE_USERS, [ATTR_M365_TEAMS_ACTIVITY])],
    },
    {
      kind: 'timeseries',
      title: 'Teams meetings and calls',
      description:
        'Meetings organized and attended (m365.teams.meetings) and calls (m365.teams.calls) on the reported day.',
      queries: [
        grouped(sumBy, METRIC_M365_TEAMS_MEETINGS, [ATTR_M365_TEAMS_MEETING_ACTION], {
          legendPrefix: 'meetings',
        }),
        { expr: sum(METRIC_M365_TEAMS_CALLS), legend: 'calls' },
      ],
    },
    {
      kind: 'bargauge',
      title: 'Teams users by device',
      description: 'Teams users on the reported day by device platform (m365.teams.device.active_users).',
      queries: [grouped(sumBy, METRIC_M365_TEAMS_DEVICE_ACTIVE_USERS, [ATTR_M365_DEVICE_PLATFORM])],
      width: 24,
      height: 6,
    },
    { kind: 'row', title: 'OneDrive and SharePoint' },
    {
      kind: 'timeseries',
      title: 'Storage used',
      description:
        'Storage used by OneDrive accounts (m365.onedrive.storage.usage) and SharePoint sites (m365.sharepoint.storage.usage) on the reported day.',
      queries: [
        { expr: sum(METRIC_M365_ONEDRIVE_STORAGE_USAGE), legend: 'OneDrive' },
        grouped(sumBy, METRIC_M365_SHAREPOINT_STORAGE_USAGE, [ATTR_M365_SITE_TYPE], {
          legendPrefix: 'SharePoint',
        }),
      ],
      unit: 'bytes',
    },
    {
      kind: 'timeseries',
      title: 'OneDrive accounts and SharePoint sites',
      description:
        'OneDrive accounts (m365.onedrive.accounts) and SharePoint sites (m365.sharepoint.sites) by activity on the reported day.',
      queries: [
        grouped(sumBy, METRIC_M365_ONEDRIVE_ACCOUNTS, [ATTR_M365_ACTIVITY_STATE], {
          legendPrefix: 'OneDrive accounts',
        }),
        grouped(sumBy, METRIC_M365_SHAREPOINT_SITES, [ATTR_M365_ACTIVITY_STATE], {
          legendPrefix: 'SharePoint sites',
        }),
      ],
    },
    {
      kind: 'timeseries',
      title: 'OneDrive and SharePoint active users',
      description:
        'Users who acted on files or pages on the reported day, by action (m365.onedrive.active_users, m365.sharepoint.active_users).',
      queries: [
        grouped(sumBy, METRIC_M365_ONEDRIVE_ACTIVE_USERS, [ATTR_M365_CONTENT_ACTION], {
          legendPrefix: 'OneDrive',
        }),
        grouped(sumBy, METRIC_M365_SHAREPOINT_ACTIVE_USERS, [ATTR_M365_CONTENT_ACTION], {
          legendPrefix: 'SharePoint',
        }),
      ],
    },
  ],
});
