// The permissions the simulator knows: each endpoint declares the one it needs beside its route (directory-api.ts,
// connect-health.ts, call-records-api.ts); options grant a subset of them.
import { CALL_RECORDS_PERMISSION } from './call-records-api.js';
import { CONNECT_HEALTH_PERMISSIONS } from './connect-health.js';
import type { AccessPolicy } from './context.js';
import { DIRECTORY_LISTS } from './directory-api.js';

/** Every permission an endpoint of the simulator needs: what is granted unless the options say otherwise. */
export const GOVERNANCE_PERMISSIONS: readonly string[] = [
  ...new Set([
    ...DIRECTORY_LISTS.map((list) => list.permission),
    ...Object.values(CONNECT_HEALTH_PERMISSIONS),
    CALL_RECORDS_PERMISSION,
  ]),
];

/** Checks the names against the permissions the endpoints declare, so that a typo never silently grants everything. */
export function accessPolicy(granted: readonly string[] | undefined, entraIdP2: boolean): AccessPolicy {
  for (const name of granted ?? []) {
    if (!GOVERNANCE_PERMISSIONS.includes(name)) {
      throw new Error(
        `simulator permission '${name}' is not one the simulator knows; known: ${GOVERNANCE_PERMISSIONS.join(', ')}`,
      );
    }
  }
  return { granted: new Set(granted ?? GOVERNANCE_PERMISSIONS), entraIdP2 };
}
