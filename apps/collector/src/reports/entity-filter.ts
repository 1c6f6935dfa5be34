import type { EntityIdentity } from '@m365-otel/mappers';
import type { ReportsConfig } from '../config/types.js';
import { passes } from '../service-health/filter.js';

type Lists = ReportsConfig['filters']['include'];

/** Which configured list an entity's names are matched against; a team is a group (teams are Microsoft 365 groups). */
const LIST_OF: Readonly<Record<EntityIdentity['kind'], keyof Lists>> = {
  user: 'users',
  mailbox: 'mailboxes',
  site: 'sites',
  group: 'groups',
  team: 'groups',
};

/**
 * `reports.filters` as a predicate over per-entity rows: an entity passes its kind's include list (an empty one
 * restricts nothing), then its exclude list, matching any of its names, as the service-health filters do.
 */
export function entityFilter(filters: ReportsConfig['filters']): (identity: EntityIdentity) => boolean {
  return (identity) => {
    const list = LIST_OF[identity.kind];
    return passes(identity.names, filters.include[list], filters.exclude[list]);
  };
}
