import type { Organization } from '@m365-otel/directory';
import { type MetricObservation, tenantResourceAttributes } from '@m365-otel/mappers';
import type { GovernanceSource } from '../../pipeline/governance.js';
import { type CallContext, governanceSource } from './calls.js';

/**
 * Tenant settings: the organization's name, type and default domain for the tenant's Resource, and
 * `m365.report.names_concealed`, which this signal owns while it is polled (the report cycle otherwise), worked out
 * as the report cycle does (`/admin/reportSettings`, else the names the per-entity reports sent).
 */
export function tenantSettingsSource(
  organization: (signal: AbortSignal) => Promise<Organization>,
  namesConcealed: (signal: AbortSignal) => Promise<MetricObservation | undefined>,
  context: CallContext,
): GovernanceSource {
  return governanceSource('tenantSettings', context, async (calls, signal) => {
    const [org, concealed] = await Promise.all([
      calls.read('organization', signal, () => organization(signal)),
      calls.read('admin/reportSettings', signal, () => namesConcealed(signal)),
    ]);
    const attributes = org && tenantResourceAttributes(org);
    return calls.collection({
      observations: concealed ? [concealed] : [],
      ...(attributes && Object.keys(attributes).length > 0 && { resourceAttributes: attributes }),
    });
  });
}
