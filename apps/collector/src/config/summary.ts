import { describeUrl } from '@m365-otel/http';
import { reportsFor } from '@m365-otel/mappers';
import type { ExportSettings, LogExportSettings } from '../export/settings.js';
import { grantsNeeded, polledGovernanceSignals } from '../governance/signal-calls.js';
import { enabledGovernanceSignals } from '../governance/signals.js';
import type {
  AuditConfig,
  CallQualityConfig,
  CollectorConfig,
  GovernanceConfig,
  NameMatcher,
  ServiceHealthConfig,
} from './types.js';
import { usesState } from './uses.js';

/** A short human summary of a valid config. Secrets and header values are never printed, only that they are set. */
export function summarizeConfig(
  file: string,
  config: CollectorConfig,
  settings: ExportSettings,
  logSettings?: LogExportSettings,
): string {
  const lines = [`${file}: valid`, `tenants (${config.tenants.length}):`];
  for (const tenant of config.tenants) {
    const credential =
      tenant.credential.kind === 'secret'
        ? 'client secret (redacted)'
        : tenant.credential.kind === 'workloadIdentity'
          ? `workload identity, federated token file ${tenant.credential.tokenFile} (read at each token request)`
          : `certificate ${tenant.credential.certFile}, key ${tenant.credential.keyFile}`;
    const given = tenant.endpoints;
    const endpoints = given
      ? ` (${(['authority', 'graph', 'management', 'arm'] as const)
          .flatMap((key) => (given[key] ? [`${key} ${given[key]}`] : []))
          .join(', ')})`
      : '';
    lines.push(`  - tenant ${tenant.tenantId}: client ${tenant.clientId}, ${credential}`);
    lines.push(`    cloud ${tenant.cloud}${endpoints}${tenant.caFile ? `, extra CA ${tenant.caFile}` : ''}`);
  }
  const reports = config.reports;
  const reads = reportsFor(config.enabledMetrics).map((mapping) => mapping.report);
  lines.push(
    reports.enabled
      ? `reports: period ${reports.period}, every ${reports.interval}, time ${reports.time}` +
          (reports.time === 'report-date' ? ` (newest ${reports.refetchDays} days read again)` : '') +
          `; reads ${reads.join(', ') || 'nothing (no metric enabled)'}`
      : 'reports: disabled',
  );
  if (reports.enabled && reports.details.size > 0) {
    const filters = (['include', 'exclude'] as const).flatMap((kind) =>
      (['users', 'mailboxes', 'sites', 'groups'] as const)
        .filter((what) => reports.filters[kind][what].length > 0)
        .map((what) => `${kind} ${what} ${names(reports.filters[kind][what])}`),
    );
    lines.push(
      `  per-entity log records: ${[...reports.details].join(', ')}; ${filters.length > 0 ? filters.join('; ') : 'every entity'}`,
    );
  }
  lines.push(
    ...summarizeGovernance(config.governance, config.enabledMetrics),
    summarizeCallQuality(config.callQuality),
  );
  lines.push(summarizeAudit(config.audit));
  lines.push(...summarizeServiceHealth(config.serviceHealth));
  if (usesState(config)) lines.push(`state: ${config.state.directory}`);
  lines.push(
    `metrics enabled (${config.enabledMetrics.size}): ${[...config.enabledMetrics].join(', ') || 'none'}`,
  );
  const headers = Object.keys(settings.headers);
  lines.push(
    `export: OTLP ${settings.protocol} to ${describeUrl(settings.url)} (from ${settings.urlSource})` +
      (headers.length > 0 ? `, headers ${headers.join(', ')} (values redacted)` : '') +
      `, timeout ${settings.timeoutMs} ms, re-export every ${settings.intervalMs} ms`,
  );
  if (logSettings) {
    const logHeaders = Object.keys(logSettings.headers);
    lines.push(
      `events: OTLP ${logSettings.protocol} to ${describeUrl(logSettings.url)} (from ${logSettings.urlSource})` +
        (logHeaders.length > 0 ? `, headers ${logHeaders.join(', ')} (values redacted)` : '') +
        `, timeout ${logSettings.timeoutMs} ms`,
    );
  }
  if (config.logLevel) lines.push(`log level: ${config.logLevel}`);
  return `${lines.join('\n')}\n`;
}

function summarizeAudit(audit: AuditConfig): string {
  if (!audit.enabled) return 'audit log: disabled';
  return (
    `audit log: ${audit.contentTypes.join(', ')}; every ${audit.pollInterval}, first run from ${audit.startFrom} ` +
    `back, overlap ${audit.overlap}, publisher ${audit.publisherId ?? 'each tenant id'}, ` +
    `${audit.dedupCacheSize} record Ids remembered per content type`
  );
}

/** The signals polled, those `metrics:` leaves without output, and what the app must be granted for them. */
function summarizeGovernance(governance: GovernanceConfig, enabledMetrics: ReadonlySet<string>): string[] {
  if (!governance.enabled) return ['governance: disabled'];
  const signals = polledGovernanceSignals(governance, enabledMetrics);
  const idle = enabledGovernanceSignals(governance).filter((signal) => !signals.includes(signal));
  return [
    `governance: every ${governance.interval}; ${signals.join(', ') || (idle.length > 0 ? 'no signal polled' : 'no signal turned on')}` +
      (idle.length > 0 ? `; not polled, every metric of theirs off: ${idle.join(', ')}` : ''),
    ...(signals.length > 0 ? ['  needs granted:'] : []),
    ...grantsNeeded(signals).map(({ grant, signals: by }) => `    - ${grant}: ${by.join('; ')}`),
  ];
}

function summarizeCallQuality(callQuality: CallQualityConfig): string {
  if (!callQuality.enabled) return 'call quality: disabled';
  return (
    `call quality: every ${callQuality.interval}, ` +
    (callQuality.records ? 'a log record per call' : 'no log record per call')
  );
}

function names(matchers: readonly NameMatcher[]): string {
  return matchers
    .map((matcher) => (typeof matcher === 'string' ? JSON.stringify(matcher) : String(matcher)))
    .join(', ');
}

function summarizeServiceHealth(serviceHealth: ServiceHealthConfig): string[] {
  if (!serviceHealth.enabled) return ['service health: disabled'];
  const filters = (['include', 'exclude'] as const).flatMap((kind) =>
    (['services', 'features'] as const)
      .filter((what) => serviceHealth[kind][what].length > 0)
      .map((what) => `${kind} ${what} ${names(serviceHealth[kind][what])}`),
  );
  return [
    `service health: every ${serviceHealth.interval}, issue events` +
      (serviceHealth.messages ? ' and message-center events' : ' (message-center events off)') +
      `; ${filters.length > 0 ? filters.join('; ') : 'all services and features'}`,
    `  healthy statuses: ${serviceHealth.healthyStatuses.join(', ')}`,
  ];
}
