import {
  ACTIVATION_PLATFORMS,
  ACTIVATION_PRODUCTS,
  type Group,
  type Lifetime,
  type Site,
  type TenantEntities,
} from './entities.js';
import type { TenantModel, UserProfile } from './tenant.js';
import {
  COPILOT_APPS,
  EMAIL_APPS,
  M365_APPS,
  M365_PLATFORMS,
  type Quantities,
  type Workload,
} from './workloads.js';

/**
 * What every report is a view of: a set of entities (users, mailboxes, sites, groups, teams, accounts, activations),
 * each with a lifetime and named quantities per day. Daily reports sum the quantities of a day over the entities (or
 * count the entities where one is non-zero), summary reports do the same with each entity's sums over the period,
 * and detail reports list the entities with their sums, so the reports agree by construction.
 */
export interface Population<E = unknown> {
  readonly size: number;
  entity(index: number): E;
  lifetime(entity: E): Lifetime;
  /** The entity's quantities that day (`active` is 1 on a day with activity); undefined when it does not exist. */
  day(entity: E, day: number): Quantities | undefined;
  /** Rows per category value in summary reports (activations per product). */
  category?(entity: E): string;
}

export const POPULATION_NAMES = [
  'mailboxes',
  'emailApps',
  'oneDrive',
  'oneDriveAccounts',
  'sharePoint',
  'sites',
  'teams',
  'teamsDevices',
  'teamsTeams',
  'groups',
  'yammer',
  'yammerDevices',
  'yammerGroups',
  'activeUsers',
  'm365Apps',
  'forms',
  'copilot',
  'skype',
  'activations',
] as const;
export type PopulationName = (typeof POPULATION_NAMES)[number];

function flag(condition: boolean): number {
  return condition ? 1 : 0;
}

/** Users with one workload's quantities (and `active`). */
function workloadUsers(
  model: TenantModel,
  workload: Workload,
  derive: (q: Quantities, user: UserProfile) => void = () => undefined,
): Population<UserProfile> {
  return {
    size: model.users,
    entity: (index) => model.profile(index),
    lifetime: (user) => user,
    day(user, day) {
      if (!model.exists(user, day)) return undefined;
      const q = model.activity(user, workload, day);
      const out: Quantities = q === undefined ? { active: 0 } : { ...q, active: 1 };
      derive(out, user);
      return out;
    },
  };
}

const MEETING_PARTS = ['adHoc', 'oneTime', 'recurring'] as const;

function deriveTeams(q: Quantities): void {
  let organized = q.unclassifiedOrganized ?? 0;
  let attended = 0;
  for (const part of MEETING_PARTS) {
    organized += q[`${part}Organized`] ?? 0;
    attended += q[`${part}Attended`] ?? 0;
  }
  q.meetingsOrganized = organized;
  q.meetingsAttended = attended;
  q.meetings = organized + attended;
}

export function createPopulations(
  model: TenantModel,
  entities: TenantEntities,
): Readonly<Record<PopulationName, Population>> {
  const users = (
    build: (user: UserProfile, day: number) => Quantities | undefined,
  ): Population<UserProfile> => ({
    size: model.users,
    entity: (index) => model.profile(index),
    lifetime: (user) => user,
    day: (user, day) => (model.exists(user, day) ? build(user, day) : undefined),
  });
  const sites: Population<Site> = {
    size: entities.sites,
    entity: (index) => entities.site(index),
    lifetime: (site) => site,
    day(site, day) {
      const s = entities.siteDay(site, day);
      if (s === undefined) return undefined;
      return {
        exists: 1,
        active: flag(s.activeFiles > 0 || s.visitedPages > 0),
        fileCount: s.fileCount,
        activeFiles: s.activeFiles,
        storageUsed: s.storageUsed,
        pageViews: s.pageViews,
        visitedPages: s.visitedPages,
      };
    },
  };
  const groups = (filter: (group: Group) => boolean, teams: boolean): Population<Group | undefined> => ({
    size: entities.groups,
    entity: (index) => {
      const group = entities.group(index);
      return filter(group) ? group : undefined;
    },
    // A group outside the filter never exists.
    lifetime: (group) => group ?? { createdDay: Number.POSITIVE_INFINITY, deletedDay: 0 },
    day(group, day): Quantities | undefined {
      if (group === undefined) return undefined;
      if (teams) {
        const t = entities.teamDay(group, day);
        if (t === undefined) return undefined;
        return {
          exists: 1,
          active: flag(t.active),
          publicTeams: flag(group.isPublic),
          privateTeams: flag(!group.isPublic),
          activePublicTeams: flag(group.isPublic && t.active),
          activePrivateTeams: flag(!group.isPublic && t.active),
          activeUsers: t.activeUsers,
          activeChannels: t.activeChannels,
          guests: t.guests,
          reactions: t.reactions,
          meetingsOrganized: t.meetingsOrganized,
          postMessages: t.postMessages,
          replyMessages: t.replyMessages,
          channelMessages: t.postMessages + t.replyMessages,
          urgentMessages: t.urgentMessages,
          mentions: t.mentions,
          activeSharedChannels: t.activeSharedChannels,
          activeExternalUsers: t.activeExternalUsers,
        };
      }
      const g = entities.groupDay(group, day);
      if (g === undefined) return undefined;
      return {
        exists: 1,
        active: flag(g.active),
        yammerActive: flag(g.yammerPosted + g.yammerRead + g.yammerLiked > 0),
        receivedEmails: g.receivedEmails,
        activeFiles: g.activeFiles,
        yammerPosted: g.yammerPosted,
        yammerRead: g.yammerRead,
        yammerLiked: g.yammerLiked,
        mailboxItems: g.mailboxItems,
        mailboxStorage: g.mailboxStorage,
        siteFiles: g.siteFiles,
        siteStorage: g.siteStorage,
      };
    },
  });
  const activationProducts = ACTIVATION_PRODUCTS.length;
  const activations: Population<{ user: UserProfile; product: number }> = {
    size: model.users * activationProducts,
    entity: (index) => ({
      user: model.profile(Math.floor(index / activationProducts)),
      product: index % activationProducts,
    }),
    lifetime: ({ user, product }) =>
      entities.activation(user.index, product) === undefined
        ? { createdDay: Number.POSITIVE_INFINITY, deletedDay: 0 }
        : user,
    day({ user, product }, day) {
      const activation = model.exists(user, day) ? entities.activation(user.index, product) : undefined;
      if (activation === undefined) return undefined;
      const out: Quantities = { assigned: 1, shared: flag(activation.sharedComputer) };
      let any = 0;
      for (const platform of ACTIVATION_PLATFORMS) {
        out[platform] = activation.platforms[platform];
        any += activation.platforms[platform];
      }
      out.activated = flag(any > 0);
      out.active = out.activated;
      return out;
    },
    category: ({ product }) => ACTIVATION_PRODUCTS[product] ?? '',
  };

  return {
    mailboxes: users((user, day) => {
      const storage = model.storageUsed(user, day);
      const status = model.quotaStatus(user, storage);
      const counts = model.counts(user, day);
      return {
        exists: 1,
        active: flag(counts !== undefined),
        send: counts?.send ?? 0,
        receive: counts?.receive ?? 0,
        read: counts?.read ?? 0,
        meetingCreated: counts?.meetingCreated ?? 0,
        meetingInteracted: counts?.meetingInteracted ?? 0,
        items: model.itemCount(user, day),
        storage,
        underLimit: flag(status === 0),
        warningIssued: flag(status === 1),
        sendProhibited: flag(status === 2),
        sendReceiveProhibited: flag(status === 3),
      };
    }),
    emailApps: users((user, day) => {
      const apps = model.activity(user, 'emailApps', day);
      const out: Quantities = { active: flag(apps !== undefined) };
      for (const app of EMAIL_APPS) out[app] = apps?.[app] ?? 0;
      for (const version of new Set(OUTLOOK_VERSION_KEYS)) out[version] = 0;
      out[`version:${user.outlookVersion}`] = apps?.outlookForWindows ?? 0;
      return out;
    }),
    oneDrive: workloadUsers(model, 'oneDrive'),
    oneDriveAccounts: users((user, day) => {
      const account = entities.account(user.index);
      const files = account.initialFiles + account.filesPerDay * (day - user.createdDay);
      const activeFiles = model.activity(user, 'oneDrive', day)?.viewedOrEdited ?? 0;
      return {
        exists: 1,
        active: flag(activeFiles > 0),
        fileCount: files,
        activeFiles,
        storageUsed: files * account.fileBytes,
      };
    }),
    sharePoint: workloadUsers(model, 'sharePoint'),
    sites,
    teams: workloadUsers(model, 'teams', deriveTeams),
    teamsDevices: workloadUsers(model, 'teamsDevices'),
    teamsTeams: groups((group) => group.hasTeam, true),
    groups: groups(() => true, false),
    yammer: workloadUsers(model, 'yammer'),
    yammerDevices: workloadUsers(model, 'yammerDevices'),
    yammerGroups: groups((group) => group.yammerConnected, false),
    activeUsers: users((user, day) => {
      const out: Quantities = {
        exchange: flag(model.isActive(user, day)),
        oneDrive: flag(model.activity(user, 'oneDrive', day) !== undefined),
        sharePoint: flag(model.activity(user, 'sharePoint', day) !== undefined),
        // Skype for Business Online is retired: nobody uses it any more.
        skypeForBusiness: 0,
        yammer: flag(model.activity(user, 'yammer', day) !== undefined),
        teams: flag(model.activity(user, 'teams', day) !== undefined),
      };
      out.office365 = flag(Object.values(out).some((value) => value > 0));
      out.active = out.office365;
      return out;
    }),
    m365Apps: users((user, day) => {
      const q = model.activity(user, 'm365Apps', day);
      const out: Quantities = { active: flag(q !== undefined) };
      for (const app of M365_APPS) out[app] = 0;
      for (const platform of M365_PLATFORMS) out[platform] = 0;
      for (const app of M365_APPS) {
        for (const platform of M365_PLATFORMS) {
          const used = q?.[`${app}:${platform}`] ?? 0;
          out[`${app}:${platform}`] = used;
          out[app] = Math.max(out[app] ?? 0, used);
          out[platform] = Math.max(out[platform] ?? 0, used);
        }
      }
      return out;
    }),
    forms: workloadUsers(model, 'forms'),
    copilot: {
      size: model.users,
      entity: (index) => model.profile(index),
      lifetime: (user: UserProfile) =>
        user.copilotLicensed ? user : { createdDay: Number.POSITIVE_INFINITY, deletedDay: 0 },
      day(user: UserProfile, day: number) {
        if (!user.copilotLicensed || !model.exists(user, day)) return undefined;
        const q = model.activity(user, 'copilot', day);
        const out: Quantities = { enabled: 1, active: flag(q !== undefined) };
        for (const app of COPILOT_APPS) out[app] = q?.[app] ?? 0;
        return out;
      },
    } satisfies Population<UserProfile>,
    skype: users(() => ({ active: 0 })),
    activations,
  } as Record<PopulationName, Population>;
}

export const OUTLOOK_VERSION_KEYS = [
  'version:Outlook M365',
  'version:Outlook 2019',
  'version:Outlook 2016',
  'version:Outlook 2013',
  'version:Outlook 2010',
  'version:Outlook 2007',
  'version:Undetermined',
] as const;
