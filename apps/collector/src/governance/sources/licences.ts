import type { DirectoryClient } from '@m365-otel/directory';
import { mapLicences } from '@m365-otel/mappers';
import type { GovernanceSource } from '../../pipeline/governance.js';
import { type CallContext, governanceSource } from './calls.js';

/**
 * Licences: the SKUs (`/subscribedSkus`) and the subscriptions behind them (`/directory/subscriptions`), read side
 * by side. The two need different permissions, so one failing never costs the other's metrics: the poll exports
 * what it read and fails naming the call that did not answer.
 */
export function licencesSource(
  directory: Pick<DirectoryClient, 'listSubscribedSkus' | 'listCompanySubscriptions'>,
  context: CallContext & { now: () => number },
): GovernanceSource {
  return governanceSource('licences', context, async (calls, signal) => {
    const [skus, subscriptions] = await Promise.all([
      calls.read('subscribedSkus', signal, () =>
        directory.listSubscribedSkus({ signal, onSkippedItem: calls.onSkippedItem }),
      ),
      calls.read('directory/subscriptions', signal, () =>
        directory.listCompanySubscriptions({ signal, onSkippedItem: calls.onSkippedItem }),
      ),
    ]);
    const mapped = mapLicences(skus ?? [], subscriptions, context.now());
    calls.problems(mapped.problems);
    return calls.collection({ observations: mapped.observations });
  });
}
