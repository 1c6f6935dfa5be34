import type { DirectoryClient } from '@m365-otel/directory';
import { mapRiskyUsers, riskDetectionEvent } from '@m365-otel/mappers';
import type { GovernanceSource } from '../../pipeline/governance.js';
import type { RetainingStateStore } from '../../state/retaining-store.js';
import { newRiskDetectionEvents } from '../risk-detections.js';
import { type CallContext, governanceSource } from './calls.js';

/**
 * Risky users (one list, every page) and the risk detections new since the tenant's cursor, each a log record once:
 * the cursor is committed by the governance poll after the backend acknowledged the records.
 */
export function riskyUsersSource(
  directory: Pick<DirectoryClient, 'listRiskyUsers' | 'listRiskDetections'>,
  tenantId: string,
  state: RetainingStateStore,
  context: CallContext & { now: () => number },
): GovernanceSource {
  return governanceSource('riskyUsers', context, async (calls, signal) => {
    const nowMs = context.now();
    const [users, detections] = await Promise.all([
      calls.read('identityProtection/riskyUsers', signal, () =>
        directory.listRiskyUsers({ signal, onSkippedItem: calls.onSkippedItem }),
      ),
      calls.read('identityProtection/riskDetections', signal, () =>
        newRiskDetectionEvents({
          tenantId,
          state,
          list: (since, abort) =>
            directory.listRiskDetections({ since, signal: abort, onSkippedItem: calls.onSkippedItem }),
          event: riskDetectionEvent,
          signal,
          nowMs,
        }),
      ),
    ]);
    return calls.collection({
      observations: users ? mapRiskyUsers(users) : [],
      ...(detections && { events: detections.events, commit: detections.commit }),
    });
  });
}
