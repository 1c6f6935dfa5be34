import type { DirectoryClient, Organization } from '@m365-otel/directory';
import { mapDirectorySync } from '@m365-otel/mappers';
import type { GovernanceSource } from '../../pipeline/governance.js';
import { type CallContext, governanceSource } from './calls.js';

/**
 * Directory sync: the organization's sync state and last syncs, the sync feature flags (optional: Microsoft lists
 * no application permission for reading them, so a 403 is logged once and the flags left out) and the users with
 * provisioning errors, read side by side.
 */
export function directorySyncSource(
  organization: (signal: AbortSignal) => Promise<Organization>,
  directory: Pick<DirectoryClient, 'getDirectorySyncFeatures' | 'listUsersWithProvisioningErrors'>,
  context: CallContext & { now: () => number },
): GovernanceSource {
  return governanceSource('directorySync', context, async (calls, signal) => {
    const [org, features, users] = await Promise.all([
      calls.read('organization', signal, () => organization(signal)),
      calls.read('directory/onPremisesSynchronization', signal, () =>
        directory.getDirectorySyncFeatures({ signal, onSkippedItem: calls.onSkippedItem }),
      ),
      calls.read('users', signal, () =>
        directory.listUsersWithProvisioningErrors({ signal, onSkippedItem: calls.onSkippedItem }),
      ),
    ]);
    const mapped = org && mapDirectorySync(org, features, users, context.now());
    if (mapped) calls.problems(mapped.problems);
    // Without the organization the sync metrics have no subject: the other calls' metrics need it too.
    return calls.collection({ observations: mapped?.observations ?? [] });
  });
}
