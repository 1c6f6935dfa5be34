import { type Extensible, sentValue } from './catalog-model.js';
import {
  ATTR_M365_LICENSE_CAPABILITY_STATUS,
  ATTR_M365_LICENSE_SKU,
  ATTR_M365_LICENSE_UNITS_STATE,
  ATTR_M365_SUBSCRIPTION_ID,
  ATTR_M365_SUBSCRIPTION_STATUS,
  ATTR_M365_SUBSCRIPTION_TRIAL,
  M365_LICENSE_CAPABILITY_STATUS_VALUES,
  type M365LicenseCapabilityStatus,
  type M365LicenseUnitsState,
  type M365SubscriptionStatus,
  METRIC_M365_LICENSE_SKU_STATUS,
  METRIC_M365_LICENSE_UNITS,
  METRIC_M365_LICENSE_UTILIZATION,
  METRIC_M365_SUBSCRIPTION_COUNT,
  METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING,
  type MetricAttributes,
} from './generated/catalog.js';
import type { CompanySubscriptionLike, SubscribedSkuLike } from './governance-types.js';
import { type GovernanceMapping, type ItemProblem, readTime } from './problems.js';
import { observation } from './series.js';
import type { MetricObservation } from './types.js';

type Units = Record<M365LicenseUnitsState, number>;
type CountAttributes = MetricAttributes[typeof METRIC_M365_SUBSCRIPTION_COUNT];

/** A SKU's units, by the states of m365.license.units. */
function unitsOf(sku: SubscribedSkuLike): Units {
  const { enabled, suspended, warning, lockedOut } = sku.prepaidUnits;
  return { consumed: sku.consumedUnits, enabled, suspended, warning, locked_out: lockedOut };
}

/**
 * Units, utilisation and capability status per SKU part number. Microsoft lists one entry per SKU; should two share
 * a part number, their units are added up and each status counts its SKUs, so no two points share a series.
 */
function skuObservations(skus: readonly SubscribedSkuLike[]): MetricObservation[] {
  const bySku = new Map<
    string,
    { units: Units; statuses: Map<Extensible<M365LicenseCapabilityStatus>, number> }
  >();
  for (const sku of skus) {
    const entry = bySku.get(sku.skuPartNumber) ?? {
      units: { consumed: 0, enabled: 0, suspended: 0, warning: 0, locked_out: 0 },
      statuses: new Map(M365_LICENSE_CAPABILITY_STATUS_VALUES.map((status) => [status, 0])),
    };
    bySku.set(sku.skuPartNumber, entry);
    for (const [state, value] of Object.entries(unitsOf(sku)) as [M365LicenseUnitsState, number][])
      entry.units[state] += value;
    const status = sentValue<M365LicenseCapabilityStatus>(sku.capabilityStatus);
    entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
  }
  return [...bySku].flatMap(([sku, { units, statuses }]) => [
    ...(Object.entries(units) as [M365LicenseUnitsState, number][]).map(([state, value]) =>
      observation(
        METRIC_M365_LICENSE_UNITS,
        { [ATTR_M365_LICENSE_SKU]: sku, [ATTR_M365_LICENSE_UNITS_STATE]: state },
        value,
      ),
    ),
    ...(units.enabled > 0
      ? [
          observation(
            METRIC_M365_LICENSE_UTILIZATION,
            { [ATTR_M365_LICENSE_SKU]: sku },
            units.consumed / units.enabled,
          ),
        ]
      : []),
    ...[...statuses].map(([status, count]) =>
      observation(
        METRIC_M365_LICENSE_SKU_STATUS,
        { [ATTR_M365_LICENSE_SKU]: sku, [ATTR_M365_LICENSE_CAPABILITY_STATUS]: status },
        count,
      ),
    ),
  ]);
}

/** Subscriptions counted by SKU, status and trial, and the time left until each one's next lifecycle state. */
function subscriptionObservations(
  subscriptions: readonly CompanySubscriptionLike[],
  nowMs: number,
  problems: ItemProblem[],
): MetricObservation[] {
  const counts = new Map<string, { attributes: CountAttributes; count: number }>();
  const remaining: MetricObservation[] = [];
  for (const subscription of subscriptions) {
    const attributes: CountAttributes = {
      [ATTR_M365_LICENSE_SKU]: subscription.skuPartNumber,
      [ATTR_M365_SUBSCRIPTION_STATUS]: sentValue<M365SubscriptionStatus>(subscription.status),
      [ATTR_M365_SUBSCRIPTION_TRIAL]: subscription.isTrial ? 'true' : 'false',
    };
    const key = JSON.stringify(Object.values(attributes));
    const counted = counts.get(key) ?? { attributes, count: 0 };
    counts.set(key, { attributes, count: counted.count + 1 });

    const next = subscription.nextLifecycleDateTime;
    if (!next) continue;
    const nextMs = readTime(
      next,
      { item: `subscription ${subscription.id}`, field: 'nextLifecycleDateTime' },
      problems,
    );
    if (nextMs === undefined) continue;
    remaining.push(
      observation(
        METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING,
        { ...attributes, [ATTR_M365_SUBSCRIPTION_ID]: subscription.id },
        (nextMs - nowMs) / 1000,
      ),
    );
  }
  return [
    ...[...counts.values()].map(({ attributes, count }) =>
      observation(METRIC_M365_SUBSCRIPTION_COUNT, attributes, count),
    ),
    ...remaining,
  ];
}

/**
 * The licence gauges of one tenant from its subscribed SKUs and, when they were read, its commercial subscriptions
 * (undefined: no subscription metric, rather than zeros).
 */
export function mapLicences(
  skus: readonly SubscribedSkuLike[],
  subscriptions: readonly CompanySubscriptionLike[] | undefined,
  nowMs: number,
): GovernanceMapping {
  const problems: ItemProblem[] = [];
  const observations = [
    ...skuObservations(skus),
    ...(subscriptions === undefined ? [] : subscriptionObservations(subscriptions, nowMs, problems)),
  ];
  return { observations, problems };
}
