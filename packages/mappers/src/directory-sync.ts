import { type Extensible, sentValue } from './catalog-model.js';
import {
  ATTR_M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY,
  ATTR_M365_DIRECTORY_SYNC_FEATURE,
  ATTR_M365_DIRECTORY_SYNC_KIND,
  M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY_VALUES,
  type M365DirectoryProvisioningErrorCategory,
  type M365DirectorySyncFeature,
  type M365DirectorySyncKind,
  METRIC_M365_DIRECTORY_PROVISIONING_ERRORS,
  METRIC_M365_DIRECTORY_SYNC_AGE,
  METRIC_M365_DIRECTORY_SYNC_ENABLED,
  METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED,
} from './generated/catalog.js';
import type {
  DirectorySyncFeaturesLike,
  OrganizationLike,
  ProvisioningErrorUserLike,
} from './governance-types.js';
import { type GovernanceMapping, type ItemProblem, readTime } from './problems.js';
import { observation } from './series.js';
import type { MetricObservation } from './types.js';

/**
 * The attribute value of a feature flag: Microsoft names each `<featureName>Enabled` in camelCase, the attribute
 * takes the feature name in snake_case (`passwordSyncEnabled` is password_sync).
 */
export function syncFeatureName(flag: string): Extensible<M365DirectorySyncFeature> {
  const feature = flag.replace(/Enabled$/, '');
  return sentValue(feature.replaceAll(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
}

/** The organization fields each m365.directory.sync.age kind reads. */
const LAST_SYNC_FIELDS = {
  objects: 'onPremisesLastSyncDateTime',
  password: 'onPremisesLastPasswordSyncDateTime',
} as const satisfies Record<M365DirectorySyncKind, keyof OrganizationLike>;

function syncObservations(
  org: OrganizationLike,
  nowMs: number,
  problems: ItemProblem[],
): MetricObservation[] {
  // null: the tenant never synchronized; false: it stopped. Both are "not synchronizing".
  const observations = [
    observation(METRIC_M365_DIRECTORY_SYNC_ENABLED, {}, org.onPremisesSyncEnabled === true ? 1 : 0),
  ];
  for (const kind of Object.keys(LAST_SYNC_FIELDS) as M365DirectorySyncKind[]) {
    const field = LAST_SYNC_FIELDS[kind];
    const text = org[field];
    if (!text) continue;
    const lastMs = readTime(text, { item: 'organization', field }, problems);
    if (lastMs === undefined) continue;
    observations.push(
      observation(
        METRIC_M365_DIRECTORY_SYNC_AGE,
        { [ATTR_M365_DIRECTORY_SYNC_KIND]: kind },
        (nowMs - lastMs) / 1000,
      ),
    );
  }
  return observations;
}

/** Users per error category (a user counted once per category), PropertyConflict and the other listed ones at 0. */
function provisioningErrorCounts(users: readonly ProvisioningErrorUserLike[]): MetricObservation[] {
  type Category = Extensible<M365DirectoryProvisioningErrorCategory>;
  const counts = new Map<Category, number>(
    M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY_VALUES.map((value) => [value, 0]),
  );
  for (const user of users) {
    const categories = new Set(
      user.errors.map((error) => sentValue<M365DirectoryProvisioningErrorCategory>(error.category)),
    );
    for (const category of categories) counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return [...counts].map(([category, count]) =>
    observation(
      METRIC_M365_DIRECTORY_PROVISIONING_ERRORS,
      { [ATTR_M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY]: category },
      count,
    ),
  );
}

/**
 * The directory-synchronization gauges of one tenant: from its organization, and, when they were read, its sync
 * feature flags (undefined: the tenant has no synchronization configuration, or they were not read) and its users
 * with provisioning errors (undefined: not read, so no point rather than zeros).
 */
export function mapDirectorySync(
  org: OrganizationLike,
  features: DirectorySyncFeaturesLike | undefined,
  provisioningErrorUsers: readonly ProvisioningErrorUserLike[] | undefined,
  nowMs: number,
): GovernanceMapping {
  const problems: ItemProblem[] = [];
  const observations = [
    ...syncObservations(org, nowMs, problems),
    ...Object.entries(features?.features ?? {}).map(([flag, enabled]) =>
      observation(
        METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED,
        { [ATTR_M365_DIRECTORY_SYNC_FEATURE]: syncFeatureName(flag) },
        enabled ? 1 : 0,
      ),
    ),
    ...(provisioningErrorUsers === undefined ? [] : provisioningErrorCounts(provisioningErrorUsers)),
  ];
  return { observations, problems };
}
