import type { ReportName } from '@m365-otel/report-catalog';
import { formatDay } from './dates.js';
import { ONEDRIVE_STORAGE_ALLOCATED, SITE_STORAGE_ALLOCATED, type TenantEntities } from './entities.js';
import { OUTLOOK_VERSION_KEYS, type PopulationName } from './populations.js';
import { DELETED_ITEM_QUOTA, type TenantModel, type UserProfile } from './tenant.js';
import type {
  COPILOT_APPS,
  EMAIL_APPS,
  M365_APPS,
  M365_PLATFORMS,
  Quantities,
  Workload,
} from './workloads.js';

/** A typed cell: null is an empty cell. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/**
 * How a daily or summary cell comes from the entities: `sum` of a quantity; `users`, the entities where it is
 * non-zero; `inactive`, those where it is zero; `seconds`, a sum of seconds written as an ISO-8601 duration; `value`, a
 * constant (a category such as Site Type).
 */
export type Aggregate =
  | { sum: string }
  | { users: string }
  | { inactive: string }
  | { seconds: string }
  | { value: Cell };

/** What a detail row builder is told about the request. */
export interface EntityQuery {
  refreshDay: number;
  /** The last day the row covers: the refresh day, or the day of a `date=` request. */
  asOf: number;
  /** A `date=` request: the row covers that day only. */
  date: boolean;
  concealed: boolean;
}

export interface DailyView {
  shape: 'daily';
  population: PopulationName;
  columns: Readonly<Record<string, Aggregate>>;
  /** Columns still empty on the refresh date's row (not processed yet); the detail counts them as 0. */
  pending?: readonly string[];
}

export interface SummaryView {
  shape: 'summary';
  population: PopulationName;
  columns: Readonly<Record<string, Aggregate>>;
  /** One row per category value of the population (activations per product), in this column. */
  categoryColumn?: string;
  /** Reports without parameters describe the state at the refresh date, not a period. */
  periodless?: boolean;
}

export interface EntityView {
  shape: 'per-entity';
  population: PopulationName;
  /** Deleted entities are listed (with Is Deleted) rather than left out. */
  listsDeleted: boolean;
  /** Quantities the refresh date does not count yet (the matching daily columns are empty). */
  pending?: readonly string[];
  periodless?: boolean;
  /** The row reads the entity's state only, not its activity: no sums are computed for a period (big tenants). */
  stateOnly?: boolean;
  /**
   * The row of one entity: `sums` are its quantities summed over the days the row covers; undefined leaves it out.
   */
  row(entity: never, sums: Quantities, query: EntityQuery): Row | undefined;
}

export type ReportView = DailyView | SummaryView | EntityView;

const PENDING_EMAIL = ['Send', 'Read', 'Meeting Interacted'] as const;
const PENDING_EMAIL_KEYS = ['send', 'read', 'meetingInteracted'];
/** Empty on the refresh date's row of the e-mail activity counts reports (a late-arriving part of the data). */
export const PENDING_ON_REFRESH_DATE: readonly string[] = PENDING_EMAIL;

const day = (value: number | undefined): string | null => (value === undefined ? null : formatDay(value));
const sum = (key: string): Aggregate => ({ sum: key });
const users = (key: string): Aggregate => ({ users: key });

/** ISO-8601 duration as Teams reports write it: PT0S, PT1H2M3S. */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (seconds === 0) return 'PT0S';
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 ? `${m}M` : ''}${s > 0 ? `${s}S` : ''}`;
}

function columnsOf(
  names: readonly (readonly [column: string, key: string])[],
  make: (key: string) => Aggregate,
): Record<string, Aggregate> {
  return Object.fromEntries(names.map(([column, key]) => [column, make(key)]));
}

const EMAIL_COUNTS = [
  ['Send', 'send'],
  ['Receive', 'receive'],
  ['Read', 'read'],
  ['Meeting Created', 'meetingCreated'],
  ['Meeting Interacted', 'meetingInteracted'],
] as const;
const EMAIL_APP_COLUMNS = [
  ['Mail For Mac', 'mailForMac'],
  ['Outlook For Mac', 'outlookForMac'],
  ['Outlook For Windows', 'outlookForWindows'],
  ['Outlook For Mobile', 'outlookForMobile'],
  ['Other For Mobile', 'otherForMobile'],
  ['Outlook For Web', 'outlookForWeb'],
  ['POP3 App', 'pop3App'],
  ['IMAP4 App', 'imap4App'],
  ['SMTP App', 'smtpApp'],
] as const satisfies readonly (readonly [string, (typeof EMAIL_APPS)[number]])[];
const FILE_ACTIVITY = [
  ['Viewed Or Edited', 'viewedOrEdited'],
  ['Synced', 'synced'],
  ['Shared Internally', 'sharedInternally'],
  ['Shared Externally', 'sharedExternally'],
] as const;
const TEAMS_ACTIVITY = [
  ['Team Chat Messages', 'teamChat'],
  ['Private Chat Messages', 'privateChat'],
  ['Calls', 'calls'],
  ['Meetings', 'meetings'],
  ['Meetings Organized Count', 'meetingsOrganized'],
  ['Meetings Attended Count', 'meetingsAttended'],
  ['Post Messages', 'postMessages'],
  ['Reply Messages', 'replyMessages'],
] as const;
const TEAMS_DURATIONS = [
  ['Audio Duration', 'audioSeconds'],
  ['Video Duration', 'videoSeconds'],
  ['Screen Share Duration', 'screenShareSeconds'],
] as const;
const TEAMS_PLATFORM_COLUMNS = [
  ['Web', 'web'],
  ['Windows Phone', 'windowsPhone'],
  ['Android Phone', 'androidPhone'],
  ['iOS', 'iOS'],
  ['Mac', 'mac'],
  ['Windows', 'windows'],
  ['Chrome OS', 'chromeOS'],
  ['Linux', 'linux'],
] as const;
const TEAM_ACTIVITY = [
  ['Active Users', 'activeUsers'],
  ['Active Channels', 'activeChannels'],
  ['Guests', 'guests'],
  ['Reactions', 'reactions'],
  ['Meetings Organized', 'meetingsOrganized'],
  ['Post Messages', 'postMessages'],
  ['Reply Messages', 'replyMessages'],
  ['Channel Messages', 'channelMessages'],
  ['Urgent Messages', 'urgentMessages'],
  ['Mentions', 'mentions'],
  ['Active Shared Channels', 'activeSharedChannels'],
  ['Active External Users', 'activeExternalUsers'],
] as const;
const YAMMER_ACTIVITY = [
  ['Liked', 'liked'],
  ['Posted', 'posted'],
  ['Read', 'read'],
] as const;
const YAMMER_PLATFORM_COLUMNS = [
  ['Web', 'web'],
  ['Windows Phone', 'windowsPhone'],
  ['Android Phone', 'androidPhone'],
  ['iPhone', 'iPhone'],
  ['iPad', 'iPad'],
  ['Other', 'others'],
] as const;
const ACTIVE_USER_WORKLOADS = [
  ['Exchange', 'exchange'],
  ['OneDrive', 'oneDrive'],
  ['SharePoint', 'sharePoint'],
  ['Skype For Business', 'skypeForBusiness'],
  ['Yammer', 'yammer'],
  ['Teams', 'teams'],
] as const;
const M365_APP_COLUMNS = [
  ['Outlook', 'outlook'],
  ['Word', 'word'],
  ['Excel', 'excel'],
  ['PowerPoint', 'powerPoint'],
  ['OneNote', 'oneNote'],
  ['Teams', 'teams'],
] as const satisfies readonly (readonly [string, (typeof M365_APPS)[number]])[];
const M365_PLATFORM_COLUMNS = [
  ['Windows', 'windows'],
  ['Mac', 'mac'],
  ['Mobile', 'mobile'],
  ['Web', 'web'],
] as const satisfies readonly (readonly [string, (typeof M365_PLATFORMS)[number]])[];
const COPILOT_APP_COLUMNS = [
  ['Microsoft Teams', 'microsoftTeams'],
  ['Word', 'word'],
  ['Excel', 'excel'],
  ['PowerPoint', 'powerPoint'],
  ['Outlook', 'outlook'],
  ['OneNote', 'oneNote'],
  ['Loop', 'loop'],
  ['Copilot Chat', 'copilotChat'],
] as const satisfies readonly (readonly [string, (typeof COPILOT_APPS)[number]])[];
const VERSION_COLUMNS: readonly (readonly [string, string])[] = OUTLOOK_VERSION_KEYS.map((key) => [
  key.slice('version:'.length),
  key,
]);

function copilotColumns(): Record<string, Aggregate> {
  const out: Record<string, Aggregate> = {
    'Any App Enabled Users': users('enabled'),
    'Any App Active Users': users('active'),
  };
  for (const [column, key] of COPILOT_APP_COLUMNS) {
    out[`${column} Enabled Users`] = users('enabled');
    out[`${column} Active Users`] = users(key);
  }
  return out;
}

/** Values of a retired product's report: nothing happens, so every count is 0 and every date empty. */
export const RETIRED: unique symbol = Symbol('retired');

/** The views that need the model to build rows. */
export function createReportViews(
  model: TenantModel,
  entities: TenantEntities,
): Readonly<Record<string, ReportView | typeof RETIRED>> {
  const identity = (user: UserProfile, q: EntityQuery): Row => {
    const deleted = user.deletedDay <= q.refreshDay;
    return {
      'User Principal Name': model.userPrincipalName(user.index, q.concealed),
      'Display Name': model.displayName(user.index, q.concealed),
      'Is Deleted': deleted,
      'Deleted Date': deleted ? formatDay(user.deletedDay) : null,
      'Assigned Products': user.assignedProducts,
      'User Id': model.userId(user.index, q.concealed),
      'Is Licensed': true,
    };
  };
  const lastActivity = (user: UserProfile, workload: Workload | 'email', q: EntityQuery): string | null =>
    q.date
      ? formatDay(q.asOf)
      : day(
          workload === 'email'
            ? model.lastActivity(user, q.asOf)
            : model.lastWorkloadActivity(user, workload, q.asOf),
        );
  const yesNo = (sums: Quantities, names: readonly (readonly [string, string])[], prefix = ''): Row =>
    Object.fromEntries(names.map(([column, key]) => [`${prefix}${column}`, (sums[key] ?? 0) > 0]));
  const counts = (sums: Quantities, names: readonly (readonly [string, string])[], suffix: string): Row =>
    Object.fromEntries(names.map(([column, key]) => [`${column}${suffix}`, sums[key] ?? 0]));
  const userState = (user: UserProfile, q: EntityQuery): Row => {
    const deleted = user.deletedDay <= q.refreshDay;
    return {
      'User State': deleted ? 'deleted' : 'active',
      'State Change Date': formatDay(deleted ? user.deletedDay : user.createdDay),
    };
  };
  const groupRow = (group: ReturnType<TenantEntities['group']>, q: EntityQuery): Row => {
    const deleted = group.deletedDay <= q.refreshDay;
    return {
      'Group Display Name': entities.groupName(group, q.concealed),
      'Is Deleted': deleted,
      'Owner Principal Name': model.userPrincipalName(group.ownerIndex, q.concealed),
      'Member Count': group.memberCount,
      'External Member Count': group.externalMemberCount,
      'Group Id': entities.groupId(group, q.concealed),
    };
  };
  // The last day an entity was active, scanning back from the row's last day (entities other than users).
  const lastEntityActivity = (
    active: (d: number) => boolean,
    from: number,
    created: number,
  ): string | null => {
    for (let d = from; d >= Math.max(created, from - 400); d -= 1) if (active(d)) return formatDay(d);
    return null;
  };

  const views: Record<string, ReportView | typeof RETIRED> = {
    // Outlook activity
    getEmailActivityCounts: {
      shape: 'daily',
      population: 'mailboxes',
      columns: columnsOf(EMAIL_COUNTS, sum),
      pending: PENDING_EMAIL,
    },
    getEmailActivityUserCounts: {
      shape: 'daily',
      population: 'mailboxes',
      columns: columnsOf(EMAIL_COUNTS, users),
      pending: PENDING_EMAIL,
    },
    getEmailActivityUserDetail: {
      shape: 'per-entity',
      population: 'mailboxes',
      listsDeleted: true,
      pending: PENDING_EMAIL_KEYS,
      row: (user: UserProfile, sums, q) => ({
        ...identity(user, q),
        'Last Activity Date': lastActivity(user, 'email', q),
        ...counts(sums, EMAIL_COUNTS, ' Count'),
      }),
    },
    // Outlook app usage
    getEmailAppUsageUserDetail: {
      shape: 'per-entity',
      population: 'emailApps',
      listsDeleted: true,
      row: (user: UserProfile, sums, q) => ({
        ...identity(user, q),
        'Last Activity Date': lastActivity(user, 'emailApps', q),
        ...Object.fromEntries(
          EMAIL_APP_COLUMNS.map(([column, key]) => [
            column,
            (sums[key] ?? 0) === 0
              ? null
              : key === 'outlookForWindows'
                ? user.outlookVersion
                : 'Undetermined',
          ]),
        ),
      }),
    },
    getEmailAppUsageAppsUserCounts: {
      shape: 'summary',
      population: 'emailApps',
      columns: columnsOf(EMAIL_APP_COLUMNS, users),
    },
    getEmailAppUsageUserCounts: {
      shape: 'daily',
      population: 'emailApps',
      columns: columnsOf(EMAIL_APP_COLUMNS, users),
    },
    getEmailAppUsageVersionsUserCounts: {
      shape: 'summary',
      population: 'emailApps',
      columns: columnsOf(VERSION_COLUMNS, users),
    },
    // Mailbox usage
    getMailboxUsageDetail: {
      shape: 'per-entity',
      population: 'mailboxes',
      listsDeleted: true,
      stateOnly: true,
      row: (user: UserProfile, _sums, q) => {
        // A deleted mailbox keeps the statistics of its last day.
        const asOf = Math.min(q.asOf, user.deletedDay - 1);
        const deleted = user.deletedDay <= q.refreshDay;
        // The biggest detail report: built in one literal, without the shared identity's extra columns.
        return {
          'User Principal Name': model.userPrincipalName(user.index, q.concealed),
          'Display Name': model.displayName(user.index, q.concealed),
          'Is Deleted': deleted,
          'Deleted Date': deleted ? formatDay(user.deletedDay) : null,
          'Created Date': formatDay(user.createdDay),
          'Last Activity Date': day(model.lastActivity(user, asOf)),
          'Item Count': model.itemCount(user, asOf),
          'Storage Used (Byte)': model.storageUsed(user, asOf),
          'Issue Warning Quota (Byte)': user.plan.issueWarningQuota,
          'Prohibit Send Quota (Byte)': user.plan.prohibitSendQuota,
          'Prohibit Send/Receive Quota (Byte)': user.plan.prohibitSendReceiveQuota,
          'Deleted Item Count': user.deletedItemCount,
          'Deleted Item Size (Byte)': user.deletedItemBytes,
          'Deleted Item Quota (Byte)': DELETED_ITEM_QUOTA,
          'Has Archive': user.hasArchive,
        };
      },
    },
    getMailboxUsageMailboxCounts: {
      shape: 'daily',
      population: 'mailboxes',
      columns: { Total: sum('exists'), Active: users('active') },
    },
    getMailboxUsageQuotaStatusMailboxCounts: {
      shape: 'daily',
      population: 'mailboxes',
      columns: {
        'Under Limit': sum('underLimit'),
        'Warning Issued': sum('warningIssued'),
        'Send Prohibited': sum('sendProhibited'),
        'Send/Receive Prohibited': sum('sendReceiveProhibited'),
        // Every simulated mailbox has statistics, so none is indeterminate.
        Indeterminate: { value: 0 },
      },
    },
    getMailboxUsageStorage: {
      shape: 'daily',
      population: 'mailboxes',
      columns: { 'Storage Used (Byte)': sum('storage') },
    },
    // Activations (no parameters: the state at the refresh date)
    getOffice365ActivationsUserDetail: {
      shape: 'per-entity',
      population: 'activations',
      listsDeleted: false,
      periodless: true,
      row: ({ user, product }: { user: UserProfile; product: number }, sums, q) => {
        const activation = entities.activation(user.index, product);
        if (activation === undefined) return undefined;
        return {
          ...identity(user, q),
          'Product Type': activation.product,
          'Last Activated Date': day(activation.lastActivatedDay),
          Windows: sums.windows ?? 0,
          Mac: sums.mac ?? 0,
          'Windows 10 Mobile': sums.windows10Mobile ?? 0,
          iOS: sums.iOS ?? 0,
          Android: sums.android ?? 0,
          'Activated On Shared Computer': activation.sharedComputer,
        };
      },
    },
    getOffice365ActivationCounts: {
      shape: 'summary',
      population: 'activations',
      periodless: true,
      categoryColumn: 'Product Type',
      columns: {
        Windows: sum('windows'),
        Mac: sum('mac'),
        Android: sum('android'),
        iOS: sum('iOS'),
        'Windows 10 Mobile': sum('windows10Mobile'),
      },
    },
    getOffice365ActivationsUserCounts: {
      shape: 'summary',
      population: 'activations',
      periodless: true,
      categoryColumn: 'Product Type',
      columns: {
        Assigned: users('assigned'),
        Activated: users('activated'),
        'Shared Computer Activation': users('shared'),
      },
    },
    // Active users
    getOffice365ActiveUserDetail: {
      shape: 'per-entity',
      population: 'activeUsers',
      listsDeleted: true,
      row: (user: UserProfile, _sums, q) => {
        const row: Row = identity(user, q);
        const workloads: readonly (readonly [string, Workload | 'email' | undefined])[] = [
          ['Exchange', 'email'],
          ['OneDrive', 'oneDrive'],
          ['SharePoint', 'sharePoint'],
          ['Skype For Business', undefined],
          ['Yammer', 'yammer'],
          ['Teams', 'teams'],
        ];
        for (const [name, workload] of workloads) {
          row[`Has ${name} License`] = true;
          // A one-day file tells the workloads used that day.
          const last =
            workload === undefined
              ? undefined
              : workload === 'email'
                ? model.lastActivity(user, q.asOf)
                : model.lastWorkloadActivity(user, workload, q.asOf);
          row[`${name} Last Activity Date`] = q.date && last !== q.asOf ? null : day(last);
          row[`${name} License Assign Date`] = formatDay(user.createdDay);
        }
        return row;
      },
    },
    getOffice365ActiveUserCounts: {
      shape: 'daily',
      population: 'activeUsers',
      columns: { 'Office 365': users('office365'), ...columnsOf(ACTIVE_USER_WORKLOADS, users) },
    },
    getOffice365ServicesUserCounts: {
      shape: 'summary',
      population: 'activeUsers',
      columns: {
        ...Object.fromEntries(
          [...ACTIVE_USER_WORKLOADS, ['Office 365', 'office365'] as const].flatMap(([column, key]) => [
            [`${column} Active`, users(key)],
            [`${column} Inactive`, { inactive: key }],
          ]),
        ),
      },
    },
    // Microsoft 365 Apps
    getM365AppUserDetail: {
      shape: 'per-entity',
      population: 'm365Apps',
      listsDeleted: false,
      row: (user: UserProfile, sums, q) => {
        const activation = entities.activation(user.index, 0) ?? entities.activation(user.index, 1);
        const row: Row = {
          ...identity(user, q),
          'Last Activation Date': day(activation?.lastActivatedDay),
          'Last Activity Date': lastActivity(user, 'm365Apps', q),
          ...yesNo(sums, M365_PLATFORM_COLUMNS),
          ...yesNo(sums, M365_APP_COLUMNS),
        };
        for (const [app, appKey] of M365_APP_COLUMNS) {
          for (const [platform, platformKey] of M365_PLATFORM_COLUMNS) {
            row[`${app} (${platform})`] = (sums[`${appKey}:${platformKey}`] ?? 0) > 0;
          }
        }
        return row;
      },
    },
    getM365AppUserCounts: {
      shape: 'daily',
      population: 'm365Apps',
      columns: columnsOf(M365_APP_COLUMNS, users),
    },
    getM365AppPlatformUserCounts: {
      shape: 'daily',
      population: 'm365Apps',
      columns: columnsOf(M365_PLATFORM_COLUMNS, users),
    },
    // Microsoft 365 Groups
    getOffice365GroupsActivityDetail: {
      shape: 'per-entity',
      population: 'groups',
      listsDeleted: true,
      row: (group: ReturnType<TenantEntities['group']> | undefined, sums, q) => {
        if (group === undefined) return undefined;
        const asOf = Math.min(q.asOf, group.deletedDay - 1);
        const state = entities.groupDay(group, asOf);
        return {
          ...groupRow(group, q),
          'Last Activity Date': q.date
            ? formatDay(q.asOf)
            : lastEntityActivity((d) => entities.groupDay(group, d)?.active === true, asOf, group.createdDay),
          'Group Type': group.isPublic ? 'Public' : 'Private',
          'Exchange Received Email Count': sums.receivedEmails ?? 0,
          'SharePoint Active File Count': sums.activeFiles ?? 0,
          'Yammer Posted Message Count': sums.yammerPosted ?? 0,
          'Yammer Read Message Count': sums.yammerRead ?? 0,
          'Yammer Liked Message Count': sums.yammerLiked ?? 0,
          'Exchange Mailbox Total Item Count': state?.mailboxItems ?? 0,
          'Exchange Mailbox Storage Used (Byte)': state?.mailboxStorage ?? 0,
          'SharePoint Total File Count': state?.siteFiles ?? 0,
          'SharePoint Site Storage Used (Byte)': state?.siteStorage ?? 0,
        };
      },
    },
    getOffice365GroupsActivityCounts: {
      shape: 'daily',
      population: 'groups',
      columns: {
        'Exchange Emails Received': sum('receivedEmails'),
        'Yammer Messages Posted': sum('yammerPosted'),
        'Yammer Messages Read': sum('yammerRead'),
        'Yammer Messages Liked': sum('yammerLiked'),
      },
    },
    getOffice365GroupsActivityGroupCounts: {
      shape: 'daily',
      population: 'groups',
      columns: { Total: sum('exists'), Active: users('active') },
    },
    getOffice365GroupsActivityStorage: {
      shape: 'daily',
      population: 'groups',
      columns: {
        'Mailbox Storage Used (Byte)': sum('mailboxStorage'),
        'Site Storage Used (Byte)': sum('siteStorage'),
      },
    },
    getOffice365GroupsActivityFileCounts: {
      shape: 'daily',
      population: 'groups',
      columns: { Total: sum('siteFiles'), Active: sum('activeFiles') },
    },
    // OneDrive
    getOneDriveActivityUserDetail: {
      shape: 'per-entity',
      population: 'oneDrive',
      listsDeleted: true,
      row: (user: UserProfile, sums, q) => ({
        ...identity(user, q),
        'Last Activity Date': lastActivity(user, 'oneDrive', q),
        ...counts(sums, FILE_ACTIVITY, ' File Count'),
      }),
    },
    getOneDriveActivityUserCounts: {
      shape: 'daily',
      population: 'oneDrive',
      columns: columnsOf(FILE_ACTIVITY, users),
    },
    getOneDriveActivityFileCounts: {
      shape: 'daily',
      population: 'oneDrive',
      columns: columnsOf(FILE_ACTIVITY, sum),
    },
    getOneDriveUsageAccountDetail: {
      shape: 'per-entity',
      population: 'oneDriveAccounts',
      listsDeleted: true,
      row: (user: UserProfile, sums, q) => {
        const account = entities.account(user.index);
        const asOf = Math.min(q.asOf, user.deletedDay - 1);
        const files = account.initialFiles + account.filesPerDay * (asOf - user.createdDay);
        return {
          'Site URL': entities.oneDriveUrl(user.index, q.concealed),
          'Owner Display Name': model.displayName(user.index, q.concealed),
          'Owner Principal Name': model.userPrincipalName(user.index, q.concealed),
          'Is Deleted': user.deletedDay <= q.refreshDay,
          'Last Activity Date': lastActivity(user, 'oneDrive', q),
          'File Count': files,
          'Active File Count': sums.activeFiles ?? 0,
          'Storage Used (Byte)': files * account.fileBytes,
          'Storage Allocated (Byte)': ONEDRIVE_STORAGE_ALLOCATED,
        };
      },
    },
    getOneDriveUsageAccountCounts: {
      shape: 'daily',
      population: 'oneDriveAccounts',
      columns: { 'Site Type': { value: 'All' }, Total: sum('exists'), Active: users('active') },
    },
    getOneDriveUsageFileCounts: {
      shape: 'daily',
      population: 'oneDriveAccounts',
      columns: { 'Site Type': { value: 'All' }, Total: sum('fileCount'), Active: sum('activeFiles') },
    },
    getOneDriveUsageStorage: {
      shape: 'daily',
      population: 'oneDriveAccounts',
      columns: { 'Site Type': { value: 'OneDrive' }, 'Storage Used (Byte)': sum('storageUsed') },
    },
    // SharePoint
    getSharePointActivityUserDetail: {
      shape: 'per-entity',
      population: 'sharePoint',
      listsDeleted: true,
      row: (user: UserProfile, sums, q) => ({
        ...identity(user, q),
        'Last Activity Date': lastActivity(user, 'sharePoint', q),
        ...counts(sums, FILE_ACTIVITY, ' File Count'),
        'Visited Page Count': sums.visitedPage ?? 0,
      }),
    },
    getSharePointActivityFileCounts: {
      shape: 'daily',
      population: 'sharePoint',
      columns: columnsOf(FILE_ACTIVITY, sum),
    },
    getSharePointActivityUserCounts: {
      shape: 'daily',
      population: 'sharePoint',
      columns: { 'Visited Page': users('visitedPage'), ...columnsOf(FILE_ACTIVITY, users) },
    },
    getSharePointActivityPages: {
      shape: 'daily',
      population: 'sharePoint',
      columns: { 'Visited Page Count': sum('visitedPage') },
    },
    getSharePointSiteUsageDetail: {
      shape: 'per-entity',
      population: 'sites',
      listsDeleted: true,
      row: (site: ReturnType<TenantEntities['site']>, sums, q) => {
        const asOf = Math.min(q.asOf, site.deletedDay - 1);
        const state = entities.siteDay(site, asOf);
        return {
          'Site Id': entities.siteId(site),
          'Site URL': entities.siteUrl(site, q.concealed),
          'Owner Display Name': model.displayName(site.ownerIndex, q.concealed),
          'Owner Principal Name': model.userPrincipalName(site.ownerIndex, q.concealed),
          'Is Deleted': site.deletedDay <= q.refreshDay,
          'Last Activity Date': q.date
            ? formatDay(q.asOf)
            : lastEntityActivity(
                (d) =>
                  (entities.siteDay(site, d)?.activeFiles ?? 0) +
                    (entities.siteDay(site, d)?.visitedPages ?? 0) >
                  0,
                asOf,
                site.createdDay,
              ),
          'File Count': state?.fileCount ?? 0,
          'Active File Count': sums.activeFiles ?? 0,
          'Page View Count': sums.pageViews ?? 0,
          'Visited Page Count': sums.visitedPages ?? 0,
          'Storage Used (Byte)': state?.storageUsed ?? 0,
          'Storage Allocated (Byte)': SITE_STORAGE_ALLOCATED,
          'Root Web Template': site.template,
        };
      },
    },
    getSharePointSiteUsageFileCounts: {
      shape: 'daily',
      population: 'sites',
      columns: { 'Site Type': { value: 'All' }, Total: sum('fileCount'), Active: sum('activeFiles') },
    },
    getSharePointSiteUsageSiteCounts: {
      shape: 'daily',
      population: 'sites',
      columns: { 'Site Type': { value: 'All' }, Total: sum('exists'), Active: users('active') },
    },
    getSharePointSiteUsageStorage: {
      shape: 'daily',
      population: 'sites',
      columns: { 'Site Type': { value: 'All' }, 'Storage Used (Byte)': sum('storageUsed') },
    },
    getSharePointSiteUsagePages: {
      shape: 'daily',
      population: 'sites',
      columns: { 'Site Type': { value: 'All' }, 'Page View Count': sum('pageViews') },
    },
    // Teams user activity
    getTeamsUserActivityUserDetail: {
      shape: 'per-entity',
      population: 'teams',
      listsDeleted: true,
      row: (user: UserProfile, sums, q) => {
        const row: Row = {
          ...identity(user, q),
          'Tenant Display Name': `Simulated Tenant ${model.seed}`,
          'Shared Channel Tenant Display Names': null,
          'Last Activity Date': lastActivity(user, 'teams', q),
          'Team Chat Message Count': sums.teamChat ?? 0,
          'Private Chat Message Count': sums.privateChat ?? 0,
          'Call Count': sums.calls ?? 0,
          'Meeting Count': sums.meetings ?? 0,
          'Meetings Organized Count': sums.meetingsOrganized ?? 0,
          'Meetings Attended Count': sums.meetingsAttended ?? 0,
          'Ad Hoc Meetings Organized Count': sums.adHocOrganized ?? 0,
          'Ad Hoc Meetings Attended Count': sums.adHocAttended ?? 0,
          'Scheduled One-time Meetings Organized Count': sums.oneTimeOrganized ?? 0,
          'Scheduled One-time Meetings Attended Count': sums.oneTimeAttended ?? 0,
          'Scheduled Recurring Meetings Organized Count': sums.recurringOrganized ?? 0,
          'Scheduled Recurring Meetings Attended Count': sums.recurringAttended ?? 0,
          'Has Other Action': (sums.otherAction ?? 0) > 0,
          'Urgent Messages': sums.urgentMessages ?? 0,
          'Post Messages': sums.postMessages ?? 0,
          'Reply Messages': sums.replyMessages ?? 0,
        };
        for (const [column, key] of TEAMS_DURATIONS) {
          row[column] = isoDuration(sums[key] ?? 0);
          row[`${column} In Seconds`] = sums[key] ?? 0;
        }
        return row;
      },
    },
    getTeamsUserActivityCounts: {
      shape: 'daily',
      population: 'teams',
      columns: {
        ...columnsOf(TEAMS_ACTIVITY, sum),
        ...columnsOf(TEAMS_DURATIONS, (key) => ({ seconds: key })),
      },
    },
    getTeamsUserActivityUserCounts: {
      shape: 'daily',
      population: 'teams',
      columns: {
        'Team Chat Messages': users('teamChat'),
        'Private Chat Messages': users('privateChat'),
        Calls: users('calls'),
        Meetings: users('meetings'),
        'Other Actions': users('otherAction'),
      },
    },
    // Teams device usage
    getTeamsDeviceUsageUserDetail: {
      shape: 'per-entity',
      population: 'teamsDevices',
      listsDeleted: true,
      row: (user: UserProfile, sums, q) => ({
        ...identity(user, q),
        'Last Activity Date': lastActivity(user, 'teamsDevices', q),
        ...yesNo(sums, TEAMS_PLATFORM_COLUMNS, 'Used '),
      }),
    },
    getTeamsDeviceUsageUserCounts: {
      shape: 'daily',
      population: 'teamsDevices',
      columns: columnsOf(TEAMS_PLATFORM_COLUMNS, users),
    },
    getTeamsDeviceUsageDistributionUserCounts: {
      shape: 'summary',
      population: 'teamsDevices',
      columns: columnsOf(TEAMS_PLATFORM_COLUMNS, users),
    },
    // Teams team activity
    getTeamsTeamActivityDetail: {
      shape: 'per-entity',
      population: 'teamsTeams',
      listsDeleted: false,
      row: (group: ReturnType<TenantEntities['group']> | undefined, sums, q) => {
        if (group === undefined) return undefined;
        return {
          'Team Name': entities.groupName(group, q.concealed),
          'Team Id': entities.teamId(group, q.concealed),
          'Team Type': group.isPublic ? 'Public' : 'Private',
          'Last Activity Date': q.date
            ? formatDay(q.asOf)
            : lastEntityActivity(
                (d) => entities.teamDay(group, d)?.active === true,
                q.asOf,
                group.createdDay,
              ),
          ...counts(sums, TEAM_ACTIVITY, ''),
        };
      },
    },
    getTeamsTeamActivityCounts: {
      shape: 'daily',
      population: 'teamsTeams',
      columns: columnsOf(TEAM_ACTIVITY, sum),
    },
    getTeamsTeamActivityDistributionCounts: {
      shape: 'summary',
      population: 'teamsTeams',
      columns: columnsOf(TEAM_ACTIVITY, sum),
    },
    getTeamsTeamCounts: {
      shape: 'daily',
      population: 'teamsTeams',
      columns: {
        'Public Teams': sum('publicTeams'),
        'Active Public Teams': sum('activePublicTeams'),
        'Private Teams': sum('privateTeams'),
        'Active Private Teams': sum('activePrivateTeams'),
      },
    },
    // Viva Engage
    getYammerActivityUserDetail: {
      shape: 'per-entity',
      population: 'yammer',
      listsDeleted: true,
      row: (user: UserProfile, sums, q) => ({
        ...identity(user, q),
        ...userState(user, q),
        'Last Activity Date': lastActivity(user, 'yammer', q),
        'Posted Count': sums.posted ?? 0,
        'Read Count': sums.read ?? 0,
        'Liked Count': sums.liked ?? 0,
      }),
    },
    getYammerActivityCounts: {
      shape: 'daily',
      population: 'yammer',
      columns: columnsOf(YAMMER_ACTIVITY, sum),
    },
    getYammerActivityUserCounts: {
      shape: 'daily',
      population: 'yammer',
      columns: columnsOf(YAMMER_ACTIVITY, users),
    },
    getYammerDeviceUsageUserDetail: {
      shape: 'per-entity',
      population: 'yammerDevices',
      listsDeleted: true,
      row: (user: UserProfile, sums, q) => ({
        ...identity(user, q),
        ...userState(user, q),
        'Last Activity Date': lastActivity(user, 'yammerDevices', q),
        ...yesNo(
          sums,
          YAMMER_PLATFORM_COLUMNS.map(([column, key]) => [column === 'Other' ? 'Others' : column, key]),
          'Used ',
        ),
      }),
    },
    getYammerDeviceUsageUserCounts: {
      shape: 'daily',
      population: 'yammerDevices',
      columns: columnsOf(YAMMER_PLATFORM_COLUMNS, users),
    },
    getYammerDeviceUsageDistributionUserCounts: {
      shape: 'summary',
      population: 'yammerDevices',
      columns: columnsOf(YAMMER_PLATFORM_COLUMNS, users),
    },
    getYammerGroupsActivityDetail: {
      shape: 'per-entity',
      population: 'yammerGroups',
      listsDeleted: true,
      row: (group: ReturnType<TenantEntities['group']> | undefined, sums, q) => {
        if (group === undefined) return undefined;
        return {
          ...groupRow(group, q),
          'Last Activity Date': q.date
            ? formatDay(q.asOf)
            : lastEntityActivity(
                (d) => {
                  const g = entities.groupDay(group, d);
                  return g !== undefined && g.yammerPosted + g.yammerRead + g.yammerLiked > 0;
                },
                Math.min(q.asOf, group.deletedDay - 1),
                group.createdDay,
              ),
          'Group Type': group.isPublic ? 'public' : 'private',
          'Office 365 Connected': true,
          'Posted Count': sums.yammerPosted ?? 0,
          'Read Count': sums.yammerRead ?? 0,
          'Liked Count': sums.yammerLiked ?? 0,
        };
      },
    },
    getYammerGroupsActivityGroupCounts: {
      shape: 'daily',
      population: 'yammerGroups',
      columns: { Total: sum('exists'), Active: users('yammerActive') },
    },
    getYammerGroupsActivityCounts: {
      shape: 'daily',
      population: 'yammerGroups',
      columns: { Liked: sum('yammerLiked'), Posted: sum('yammerPosted'), Read: sum('yammerRead') },
    },
    // Forms
    getFormsUserActivityUserDetail: {
      shape: 'per-entity',
      population: 'forms',
      listsDeleted: false,
      row: (user: UserProfile, sums, q) => ({
        ...identity(user, q),
        'Last Activity Date': lastActivity(user, 'forms', q),
        'Created Count': sums.created ?? 0,
        'Responded Count': sums.responded ?? 0,
      }),
    },
    getFormsUserActivityCounts: {
      shape: 'daily',
      population: 'forms',
      columns: {
        Forms: sum('created'),
        'Authenticated responses': sum('responded'),
        'Anonymous responses': { value: 0 },
      },
    },
    getFormsUserActivityUserCounts: {
      shape: 'daily',
      population: 'forms',
      columns: {
        Designers: users('created'),
        Respondents: users('responded'),
        'Total Users': users('active'),
      },
    },
    // Copilot
    getMicrosoft365CopilotUsageUserDetail: {
      shape: 'per-entity',
      population: 'copilot',
      listsDeleted: false,
      row: (user: UserProfile, _sums, q) => {
        if (!user.copilotLicensed) return undefined;
        const row: Row = { ...identity(user, q), 'Last Activity Date': lastActivity(user, 'copilot', q) };
        for (const [column, key] of COPILOT_APP_COLUMNS) {
          row[`${column} Copilot Last Activity Date`] = lastCopilotApp(model, user, key, q);
        }
        row['Copilot Chat Last Activity Date'] = lastCopilotApp(model, user, 'copilotChat', q);
        return row;
      },
    },
    getMicrosoft365CopilotUserCountSummary: {
      shape: 'summary',
      population: 'copilot',
      columns: copilotColumns(),
    },
    getMicrosoft365CopilotUserCountTrend: {
      shape: 'daily',
      population: 'copilot',
      columns: copilotColumns(),
    },
  };
  return views;
}

function lastCopilotApp(
  model: TenantModel,
  user: UserProfile,
  app: (typeof COPILOT_APPS)[number],
  q: EntityQuery,
): string | null {
  const stop = Math.max(user.createdDay, q.asOf - 400);
  for (let d = q.asOf; d >= stop; d -= 1) {
    if ((model.activity(user, 'copilot', d)?.[app] ?? 0) > 0) return formatDay(d);
    if (q.date) return null;
  }
  return null;
}

/** Whether a report name has a view here: the test over the catalog names those that do not. */
export function viewFor(
  views: Readonly<Record<string, ReportView | typeof RETIRED>>,
  report: ReportName,
  retired: boolean,
): ReportView | typeof RETIRED | undefined {
  return views[report] ?? (retired ? RETIRED : undefined);
}
