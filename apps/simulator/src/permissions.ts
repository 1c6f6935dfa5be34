// The application permissions the simulated endpoints check. The app holds all of them unless the
// `grantedPermissions` option (CLI: `--deny-permission NAME`, repeatable) says otherwise; an endpoint whose
// permission is not held answers 403 as Graph does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';
import { sendGraphError } from './graph.js';

/** Every permission some simulated endpoint needs: the names `grantedPermissions` and `--deny-permission` accept. */
export const SIMULATED_PERMISSIONS = ['CallRecords.Read.All'] as const;
export type SimulatedPermission = (typeof SIMULATED_PERMISSIONS)[number];

/** The set the app holds: every simulated permission when `granted` is undefined; throws on an unknown name. */
export function grantedPermissionSet(
  granted: readonly string[] | undefined,
): ReadonlySet<SimulatedPermission> {
  if (granted === undefined) return new Set(SIMULATED_PERMISSIONS);
  for (const name of granted) {
    if (!(SIMULATED_PERMISSIONS as readonly string[]).includes(name)) {
      throw new Error(
        `simulator grantedPermissions: unknown permission '${name}'; known: ${SIMULATED_PERMISSIONS.join(', ')}`,
      );
    }
  }
  return new Set(granted as readonly SimulatedPermission[]);
}

/**
 * Answers 403 with Graph's body and returns false when the app lacks `permission`; returns true (and answers
 * nothing) when it holds it.
 */
export function requirePermission(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  permission: SimulatedPermission,
): boolean {
  if (ctx.grantedPermissions.has(permission)) return true;
  sendGraphError(
    req,
    res,
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
  return false;
}
