import type { CollectorConfig } from '../config/types.js';
import { callNeeded, GOVERNANCE_CALLS, polledGovernanceSignals } from '../governance/signal-calls.js';
import type { TenantSource } from '../pipeline/tenant-source.js';

/**
 * One call `diagnostic` makes for a source: the cheapest call the source itself makes with each permission it needs.
 * `source` is the name `run --once` gives the source; `call` what is read, as Microsoft's path names it.
 */
export interface Check {
  source: string;
  call: string;
  /** A licence the tenant needs besides the permission (Graph answers an unlicensed tenant 403 as well). */
  licence?: string;
  /** Set when the source works without the call: why (its failure does not fail the diagnostic). */
  optional?: string;
  run(signal: AbortSignal): Promise<unknown>;
}

/** The window a call-records and risk-detections check lists: short, so the answer is one small page. */
const RECENT_MS = 60 * 60 * 1000;

type Probe = (signal: AbortSignal) => Promise<unknown>;

/** How `diagnostic` reads each governance resource of GOVERNANCE_CALLS: the client method its signal's source calls. */
function governanceProbes(tenant: TenantSource, now: () => number) {
  return {
    subscribedSkus: (signal) => tenant.directory.listSubscribedSkus({ signal }),
    'directory/subscriptions': (signal) => tenant.directory.listCompanySubscriptions({ signal }),
    applications: (signal) => tenant.directory.listApplicationCredentials({ signal }),
    organization: (signal) => tenant.directory.getOrganization({ signal }),
    'admin/reportSettings': (signal) => tenant.reportSettings(signal),
    'directory/onPremisesSynchronization': (signal) => tenant.directory.getDirectorySyncFeatures({ signal }),
    users: (signal) => tenant.directory.listUsersWithProvisioningErrors({ signal }),
    'providers/Microsoft.ADHybridHealthService/services': (signal) => {
      if (tenant.connectHealth === undefined)
        throw new Error('cloud custom without endpoints.arm, so Connect Health cannot be read');
      return tenant.connectHealth.listServices({ signal });
    },
    'identityProtection/riskyUsers': (signal) => tenant.directory.listRiskyUsers({ signal }),
    'identityProtection/riskDetections': (signal) =>
      tenant.directory.listRiskDetections({ since: new Date(now() - RECENT_MS).toISOString(), signal }),
  } satisfies Record<string, Probe>;
}

/**
 * The governance resources GOVERNANCE_CALLS declares that `diagnostic` does not read: one service's Connect Health
 * alerts need a service's name, and the services list before them needs the same grant.
 */
const UNPROBED_RESOURCES: readonly string[] = [
  'providers/Microsoft.ADHybridHealthService/services/{serviceName}/alerts',
];

/**
 * The checks of one tenant for the sources `config` turns on, in the order `run --once` names them: reports (and
 * the optional report settings), service health (and messages), one per audit content type (one subscriptions list
 * for them all), one per governance signal's distinct grant among the calls `metrics:` leaves needed, call quality.
 * A call two checks share (the organization, the report settings) is made once.
 */
export function tenantChecks(
  config: CollectorConfig,
  tenant: TenantSource,
  now: () => number = Date.now,
): Check[] {
  const probes = new Map(
    Object.entries(governanceProbes(tenant, now)).map(([resource, probe]) => [resource, once(probe)]),
  );
  const checks: Check[] = [];
  if (config.reports.enabled) {
    checks.push({
      source: 'reports',
      call: 'reports/getMailboxUsageMailboxCounts',
      run: (signal) => tenant.readProbeReport(signal),
    });
    checks.push({
      source: 'reports',
      call: 'admin/reportSettings',
      optional: 'without it, whether names are concealed is told from the per-entity rows',
      run: probe(probes, 'admin/reportSettings'),
    });
  }
  if (config.serviceHealth.enabled) {
    checks.push({
      source: 'service-health',
      call: 'admin/serviceAnnouncement/healthOverviews',
      run: (signal) => tenant.serviceHealth.listHealthOverviews({ signal }),
    });
    if (config.serviceHealth.messages)
      checks.push({
        source: 'service-health',
        call: 'admin/serviceAnnouncement/messages',
        run: (signal) => tenant.serviceHealth.listMessages({ signal }),
      });
  }
  if (config.audit.enabled) {
    // One list for every content type: `run` starts a missing subscription itself, so its state does not matter.
    const subscriptions = once((signal) =>
      tenant
        .activityClient(
          config.audit.publisherId === undefined ? {} : { publisherId: config.audit.publisherId },
        )
        .listSubscriptions({ signal }),
    );
    for (const contentType of config.audit.contentTypes)
      checks.push({ source: `audit ${contentType}`, call: 'subscriptions/list', run: subscriptions });
  }
  for (const signal of polledGovernanceSignals(config.governance, config.enabledMetrics)) {
    const grants = new Set<string>();
    for (const call of GOVERNANCE_CALLS[signal]) {
      const grant = `${call.grant.kind} ${call.grant.permission}`;
      if (
        !callNeeded(call, config.enabledMetrics) ||
        grants.has(grant) ||
        UNPROBED_RESOURCES.includes(call.resource)
      )
        continue;
      grants.add(grant);
      checks.push({
        source: `governance ${signal}`,
        call: call.resource,
        ...(call.grant.licence !== undefined && { licence: call.grant.licence }),
        ...(call.optional !== undefined && { optional: call.optional }),
        run: probe(probes, call.resource),
      });
    }
  }
  if (config.callQuality.enabled)
    checks.push({
      source: 'call-quality',
      call: 'communications/callRecords',
      run: (signal) =>
        tenant.callRecords.listCallRecords(
          { from: new Date(now() - RECENT_MS), to: new Date(now()) },
          { signal },
        ),
    });
  return checks;
}

/** The call made on first use; later uses share its answer (or its failure). */
function once(call: Probe): Probe {
  let answer: Promise<unknown> | undefined;
  return (signal) => {
    answer ??= call(signal);
    return answer;
  };
}

function probe(probes: ReadonlyMap<string, Probe>, resource: string): Probe {
  const found = probes.get(resource);
  if (found === undefined) throw new Error(`diagnostic has no probe for ${resource}`);
  return found;
}
