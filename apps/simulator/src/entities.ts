import { weekday } from './dates.js';
import type { TenantModel } from './tenant.js';

// The tenant's entities besides users: SharePoint sites, Microsoft 365 groups (some with a team, some connected to
// Viva Engage) and the products users activate. Like users, each is a pure function of the seed and its index, so
// nothing is stored; indexes are offset per kind so their random streams never meet the users' (indexes >= 0).

const TIB = 1024 ** 4;
export const SITE_STORAGE_ALLOCATED = 25 * TIB;
export const ONEDRIVE_STORAGE_ALLOCATED = TIB;

const SITE_BASE = -1_000_000;
const GROUP_BASE = -2_000_000;
const ACCOUNT_BASE = -3_000_000;

const F = {
  age: 1,
  deleted: 2,
  deletedAgo: 3,
  template: 4,
  owner: 5,
  initialFiles: 6,
  filesPerDay: 7,
  fileBytes: 8,
  activeProbability: 9,
  active: 10,
  activeFiles: 11,
  pageViews: 12,
  visitedPages: 13,
  siteId: 14,
  concealedName: 15,
  topic: 16,
  visibility: 17,
  members: 18,
  externalMembers: 19,
  hasTeam: 20,
  yammer: 21,
  received: 22,
  yammerPosted: 23,
  yammerRead: 24,
  yammerLiked: 25,
  mailboxItems: 26,
  itemBytes: 27,
  groupId: 28,
  teamId: 29,
  teamNumbers: 30,
  concealedOwner: 31,
  productAssigned: 40,
  productActivations: 41,
  productShared: 42,
  productActivated: 43,
} as const;

const TEMPLATES = ['Team Site', 'Communication Site', 'Group', 'Publishing Site', 'Team Channel'] as const;
const TOPICS = [
  'Finance',
  'Marketing',
  'Sales',
  'Engineering',
  'Legal',
  'Operations',
  'Design',
  'Research',
  'Support',
  'Facilities',
] as const;

/** An entity's lifetime: created before the anchor day, perhaps deleted since. */
export interface Lifetime {
  createdDay: number;
  /** First day it no longer exists; +Infinity when never deleted. */
  deletedDay: number;
}

export function existsOn(entity: Lifetime, day: number): boolean {
  return day >= entity.createdDay && day < entity.deletedDay;
}

export interface Site extends Lifetime {
  index: number;
  template: (typeof TEMPLATES)[number];
  ownerIndex: number;
  initialFiles: number;
  filesPerDay: number;
  fileBytes: number;
  activeProbability: number;
}

export interface SiteDay {
  fileCount: number;
  storageUsed: number;
  activeFiles: number;
  pageViews: number;
  visitedPages: number;
}

export interface Group extends Lifetime {
  index: number;
  topic: string;
  isPublic: boolean;
  ownerIndex: number;
  memberCount: number;
  externalMemberCount: number;
  hasTeam: boolean;
  yammerConnected: boolean;
  activeProbability: number;
  initialFiles: number;
  filesPerDay: number;
  fileBytes: number;
  initialItems: number;
  itemsPerDay: number;
  itemBytes: number;
}

export interface GroupDay {
  active: boolean;
  receivedEmails: number;
  activeFiles: number;
  yammerPosted: number;
  yammerRead: number;
  yammerLiked: number;
  mailboxItems: number;
  mailboxStorage: number;
  siteFiles: number;
  siteStorage: number;
}

export interface TeamDay {
  active: boolean;
  activeUsers: number;
  activeChannels: number;
  guests: number;
  reactions: number;
  meetingsOrganized: number;
  postMessages: number;
  replyMessages: number;
  urgentMessages: number;
  mentions: number;
  activeSharedChannels: number;
  activeExternalUsers: number;
}

export const ACTIVATION_PRODUCTS = [
  'MICROSOFT 365 APPS FOR ENTERPRISE',
  'MICROSOFT 365 APPS FOR BUSINESS',
  'PROJECT PLAN 3',
  'VISIO PLAN 2',
] as const;
export const ACTIVATION_PLATFORMS = ['windows', 'mac', 'windows10Mobile', 'iOS', 'android'] as const;

export interface Activation {
  product: (typeof ACTIVATION_PRODUCTS)[number];
  /** Activations per platform (0 when none). */
  platforms: Record<(typeof ACTIVATION_PLATFORMS)[number], number>;
  lastActivatedDay: number | undefined;
  sharedComputer: boolean;
}

export class TenantEntities {
  readonly #model: TenantModel;
  readonly sites: number;
  readonly groups: number;

  constructor(model: TenantModel) {
    this.#model = model;
    // Sites and groups grow with the tenant, with a few even in the smallest one.
    this.sites = Math.max(4, Math.ceil(model.users / 10));
    this.groups = Math.max(3, Math.ceil(model.users / 8));
  }

  #lifetime(entity: number, minimumAge: number): Lifetime {
    const r = this.#model.random;
    const anchor = this.#model.anchorDay;
    const createdDay = anchor - minimumAge - r.below(1500, entity, 0, F.age);
    const deleted = r.unit(entity, 0, F.deleted) < 0.04;
    return {
      createdDay,
      deletedDay: deleted ? anchor - r.below(60, entity, 0, F.deletedAgo) : Number.POSITIVE_INFINITY,
    };
  }

  #owner(entity: number): number {
    return this.#model.random.below(Math.max(1, this.#model.users), entity, 0, F.owner);
  }

  site(index: number): Site {
    const r = this.#model.random;
    const e = SITE_BASE - index;
    return {
      index,
      ...this.#lifetime(e, 30),
      template: TEMPLATES[r.below(TEMPLATES.length, e, 0, F.template)] ?? 'Team Site',
      ownerIndex: this.#owner(e),
      initialFiles: r.below(5000, e, 0, F.initialFiles),
      filesPerDay: r.below(40, e, 0, F.filesPerDay),
      fileBytes: 50_000 + r.below(2_000_000, e, 0, F.fileBytes),
      activeProbability: 0.2 + 0.7 * r.unit(e, 0, F.activeProbability),
    };
  }

  siteId(site: Site): string {
    return this.#model.random.guid(SITE_BASE - site.index, F.siteId);
  }

  siteUrl(site: Site, concealed: boolean): string {
    if (concealed) return this.#model.concealed(SITE_BASE - site.index, F.concealedName);
    const slug = TOPICS[site.index % TOPICS.length]?.toLowerCase() ?? 'site';
    return `https://${this.#tenantName()}.sharepoint.com/sites/${slug}${site.index}`;
  }

  #tenantName(): string {
    return this.#model.domain.split('.')[0] ?? 'tenant';
  }

  /** Undefined when the site does not exist that day. */
  siteDay(site: Site, day: number): SiteDay | undefined {
    if (!existsOn(site, day)) return undefined;
    const r = this.#model.random;
    const e = SITE_BASE - site.index;
    const fileCount = site.initialFiles + site.filesPerDay * (day - site.createdDay);
    const active = r.unit(e, day, F.active) < site.activeProbability * weekendFactor(day);
    const activeFiles = active ? Math.min(fileCount, 1 + r.below(60, e, day, F.activeFiles)) : 0;
    const visitedPages = active ? 1 + r.below(40, e, day, F.visitedPages) : 0;
    return {
      fileCount,
      storageUsed: fileCount * site.fileBytes,
      activeFiles,
      visitedPages,
      pageViews: active ? visitedPages + r.below(120, e, day, F.pageViews) : 0,
    };
  }

  group(index: number): Group {
    const r = this.#model.random;
    const e = GROUP_BASE - index;
    const members = 2 + r.below(Math.max(1, Math.min(60, this.#model.users)), e, 0, F.members);
    return {
      index,
      ...this.#lifetime(e, 20),
      topic: TOPICS[r.below(TOPICS.length, e, 0, F.topic)] ?? 'Team',
      isPublic: r.unit(e, 0, F.visibility) < 0.4,
      ownerIndex: this.#owner(e),
      memberCount: members,
      externalMemberCount: r.unit(e, 1, F.externalMembers) < 0.3 ? r.below(4, e, 0, F.externalMembers) : 0,
      hasTeam: r.unit(e, 0, F.hasTeam) < 0.7,
      yammerConnected: r.unit(e, 0, F.yammer) < 0.35,
      activeProbability: 0.15 + 0.75 * r.unit(e, 0, F.activeProbability),
      initialFiles: r.below(800, e, 0, F.initialFiles),
      filesPerDay: r.below(10, e, 0, F.filesPerDay),
      fileBytes: 80_000 + r.below(1_500_000, e, 0, F.fileBytes),
      initialItems: r.below(3000, e, 0, F.mailboxItems),
      itemsPerDay: 1 + r.below(30, e, 0, F.mailboxItems + 100),
      itemBytes: 20_000 + r.below(90_000, e, 0, F.itemBytes),
    };
  }

  groupName(group: Group, concealed: boolean): string {
    if (concealed) return this.#model.concealed(GROUP_BASE - group.index, F.concealedName);
    return `${group.topic} ${group.index}`;
  }

  /** Group and team ids are concealed as zeros, as Microsoft does since 2022. */
  groupId(group: Group, concealed: boolean): string {
    return concealed
      ? '00000000-0000-0000-0000-000000000000'
      : this.#model.random.guid(GROUP_BASE - group.index, F.groupId);
  }

  teamId(group: Group, concealed: boolean): string {
    return concealed
      ? '00000000-0000-0000-0000-000000000000'
      : this.#model.random.guid(GROUP_BASE - group.index, F.teamId);
  }

  groupDay(group: Group, day: number): GroupDay | undefined {
    if (!existsOn(group, day)) return undefined;
    const r = this.#model.random;
    const e = GROUP_BASE - group.index;
    const active = r.unit(e, day, F.active) < group.activeProbability * weekendFactor(day);
    const siteFiles = group.initialFiles + group.filesPerDay * (day - group.createdDay);
    const mailboxItems = group.initialItems + group.itemsPerDay * (day - group.createdDay);
    const yammer = active && group.yammerConnected;
    return {
      active,
      receivedEmails: active ? 1 + r.below(40, e, day, F.received) : 0,
      activeFiles: active ? Math.min(siteFiles, r.below(20, e, day, F.activeFiles)) : 0,
      yammerPosted: yammer ? r.below(5, e, day, F.yammerPosted) : 0,
      yammerRead: yammer ? 1 + r.below(30, e, day, F.yammerRead) : 0,
      yammerLiked: yammer ? r.below(8, e, day, F.yammerLiked) : 0,
      mailboxItems,
      mailboxStorage: mailboxItems * group.itemBytes,
      siteFiles,
      siteStorage: siteFiles * group.fileBytes,
    };
  }

  /** A team's day (its group's activity drives it); undefined when the group has no team or does not exist. */
  teamDay(group: Group, day: number): TeamDay | undefined {
    if (!group.hasTeam) return undefined;
    const groupDay = this.groupDay(group, day);
    if (groupDay === undefined) return undefined;
    const r = this.#model.random;
    const e = GROUP_BASE - group.index;
    const n = (k: number, max: number): number =>
      groupDay.active ? r.below(max, e, day, F.teamNumbers * 100 + k) : 0;
    const activeUsers = groupDay.active ? 1 + n(0, group.memberCount) : 0;
    return {
      active: groupDay.active,
      activeUsers,
      activeChannels: groupDay.active ? 1 + n(1, 4) : 0,
      guests: Math.min(group.externalMemberCount, n(2, 3)),
      reactions: n(3, 30),
      meetingsOrganized: n(4, 3),
      postMessages: n(5, 12),
      replyMessages: n(6, 25),
      urgentMessages: n(7, 2),
      mentions: n(8, 10),
      activeSharedChannels: n(9, 2),
      activeExternalUsers: Math.min(group.externalMemberCount, n(10, 3)),
    };
  }

  /** A user's activation of a product; undefined when the user does not hold it. */
  activation(userIndex: number, productIndex: number): Activation | undefined {
    const r = this.#model.random;
    const product = ACTIVATION_PRODUCTS[productIndex];
    if (product === undefined) return undefined;
    const user = this.#model.profile(userIndex);
    const e = userIndex;
    const field = F.productAssigned * 10 + productIndex;
    const e1 = user.plan.products === 'OFFICE 365 E1';
    const holds =
      productIndex === 0
        ? !e1
        : productIndex === 1
          ? e1 && r.unit(e, 0, field) < 0.5
          : r.unit(e, 0, field) < 0.1;
    if (!holds) return undefined;
    const activated = !user.dormant && r.unit(e, 0, F.productActivated * 10 + productIndex) < 0.9;
    const count = (platform: number, probability: number, max: number): number =>
      activated && r.unit(e, platform, F.productActivations * 10 + productIndex) < probability
        ? 1 + r.below(max, e, platform + 10, F.productActivations * 10 + productIndex)
        : 0;
    const platforms = {
      windows: count(0, 0.9, 4),
      mac: count(1, 0.15, 2),
      windows10Mobile: count(2, 0.01, 1),
      iOS: count(3, 0.35, 2),
      android: count(4, 0.3, 2),
    };
    const any = Object.values(platforms).some((value) => value > 0);
    const age = Math.max(1, this.#model.anchorDay - user.createdDay);
    return {
      product,
      platforms,
      lastActivatedDay: any ? user.createdDay + r.below(age, e, 0, F.productActivated * 10 + 5) : undefined,
      sharedComputer: any && r.unit(e, 1, F.productShared * 10 + productIndex) < 0.05,
    };
  }

  /** A user's OneDrive account: files grow from the user's creation, owned by the user. */
  account(userIndex: number): { initialFiles: number; filesPerDay: number; fileBytes: number } {
    const r = this.#model.random;
    const e = ACCOUNT_BASE - userIndex;
    return {
      initialFiles: r.below(3000, e, 0, F.initialFiles),
      filesPerDay: r.below(8, e, 0, F.filesPerDay),
      fileBytes: 30_000 + r.below(3_000_000, e, 0, F.fileBytes),
    };
  }

  oneDriveUrl(userIndex: number, concealed: boolean): string {
    if (concealed) return this.#model.concealed(ACCOUNT_BASE - userIndex, F.concealedName);
    const upn = this.#model.userPrincipalName(userIndex, false).replace(/[@.]/g, '_');
    return `https://${this.#tenantName()}-my.sharepoint.com/personal/${upn}`;
  }
}

function weekendFactor(day: number): number {
  const wd = weekday(day);
  return wd === 0 || wd === 6 ? 0.3 : 1;
}
