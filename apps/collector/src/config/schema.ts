import { CLOUD_PRESETS, type CloudName, type PresetCloudName } from '@m365-otel/auth';
import { CALL_RECORDS_PERMISSION } from '@m365-otel/call-records';
import { isReportName, REPORT_CATALOG, REPORT_PERIODS, type ReportName } from '@m365-otel/graph-reports';
import { CONTENT_TYPES } from '@m365-otel/management-api';
import { DEFAULT_HEALTHY_STATUSES, METRIC_CATALOG } from '@m365-otel/mappers';
import { SERVICE_HEALTH_STATUSES } from '@m365-otel/service-health';
import { z } from 'zod';
import { describeGrant, signalGrantsSentence } from '../governance/signal-calls.js';
import { ENDPOINT_PROBLEM, parseEndpoint } from '../health/endpoint.js';
import { parseNameMatcher } from '../service-health/filter.js';
import { LOG_LEVELS, OTLP_PROTOCOLS, REPORT_TIME_MODES } from './choices.js';
import {
  AUDIT_DEFAULTS,
  CALL_QUALITY_DEFAULTS,
  DEFAULT_STATE_DIRECTORY,
  EXPORT_BUFFER_DEFAULTS,
  GOVERNANCE_DEFAULTS,
  HEALTH_DEFAULTS,
  MAX_REFETCH_DAYS,
  MIN_REFETCH_DAYS,
  PER_ENTITY_REPORTS,
  REPORT_DEFAULTS,
  SERVICE_HEALTH_DEFAULTS,
} from './defaults.js';
import { configFields, type SchemaContext } from './fields.js';

export type { SchemaContext };

const CLOUD_NAMES: readonly CloudName[] = [...(Object.keys(CLOUD_PRESETS) as PresetCloudName[]), 'custom'];
const GUID = z.guid();
const REQUIRED_WITH_CUSTOM = 'required with cloud: custom (an https URL)';

/** Marks a problem about a whole value: problems about its parts are noise beside it and are left out. */
export const SUPERSEDES_PARTS = 'supersedesParts';

/**
 * The config file's schema, bound to the file it reads (relative paths, substituted values). Its input side is the
 * YAML document as written (it generates m365-otel.schema.json and docs/config.md), its output the
 * CollectorConfig the collector runs on.
 */
export function configSchema(context: SchemaContext) {
  const field = configFields(context);

  const tls = field.section({
    caFile: field
      .existingFile()
      .optional()
      .describe("An extra CA (PEM), trusted in addition to Node's roots for this tenant's HTTPS calls."),
  });

  const endpoints = field
    .mapping({
      authority: field
        .url(['https'], REQUIRED_WITH_CUSTOM)
        .describe('Entra ID authority base URL, for example https://login.microsoftonline.com.'),
      graph: field
        .url(['https'], REQUIRED_WITH_CUSTOM)
        .describe('Microsoft Graph base URL, for example https://graph.microsoft.com.'),
      management: field
        .url(['https'])
        .optional()
        .describe('Office 365 Management Activity API base URL, for example https://manage.office.com.'),
      arm: field
        .url(['https'])
        .optional()
        .describe(
          'Azure Resource Manager base URL, for example https://management.azure.com; needed when governance.connectHealth is on.',
        ),
    })
    .describe('Base URLs (https, no query): required with cloud custom, rejected with a preset cloud.');

  const certificate = field
    .mapping({
      keyFile: field.existingFile().describe('The unencrypted RSA private key, PEM.'),
      certFile: field
        .existingFile()
        .describe('The certificate uploaded to the app registration, PEM (may be the same file as keyFile).'),
    })
    .describe('Certificate credential; the key must belong to the certificate.');

  const workloadIdentity = field
    .mapping({
      tokenFile: field.readableFile().describe(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own reference syntax, not a template.
        'The projected service account token: ${env:AZURE_FEDERATED_TOKEN_FILE}, which the Workload Identity webhook sets (/var/run/secrets/azure/tokens/azure-identity-token). Read at every token request, as the kubelet rotates it.',
      ),
    })
    .describe(
      "Azure Workload Identity (Kubernetes): the pod's federated token is the client assertion; the app needs a federated credential for the pod's service account (issuer, subject, audience api://AzureADTokenExchange).",
    );

  const tenant = field
    .mapping({
      tenantId: field.guid().describe('Directory (tenant) ID; unique across tenants.'),
      clientId: field.guid().describe('Application (client) ID of the app registration.'),
      clientSecret: z
        .string({ error: 'must be a non-empty string' })
        .refine((secret) => secret.trim() !== '', 'must be a non-empty string')
        .optional()
        .describe(
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own reference syntax, not a template.
          'Client secret; set exactly one of clientSecret, certificate or workloadIdentity. Use ${env:NAME} or ${file:PATH}.',
        ),
      certificate: certificate.optional(),
      workloadIdentity: workloadIdentity.optional(),
      cloud: field
        .oneOf(CLOUD_NAMES)
        .default('global')
        .describe('National cloud: a preset sets the authority, Graph and Management hosts together.'),
      endpoints: endpoints.optional(),
      tls: tls.describe('TLS settings for this tenant.'),
    })
    .superRefine(
      (raw, check) => {
        const credentials = [raw.clientSecret, raw.certificate, raw.workloadIdentity].filter(
          (credential) => credential !== undefined,
        );
        if (credentials.length !== 1)
          check.addIssue({
            code: 'custom',
            message: 'set exactly one of clientSecret, certificate or workloadIdentity',
            path: [],
          });
        if (!CLOUD_NAMES.includes(raw.cloud)) return;
        if (raw.cloud === 'custom' && raw.endpoints === undefined)
          check.addIssue({
            code: 'custom',
            message: 'cloud: custom requires endpoints.authority and endpoints.graph',
            path: ['endpoints'],
          });
        if (raw.cloud !== 'custom' && raw.endpoints !== undefined)
          check.addIssue({
            code: 'custom',
            message: `only allowed with cloud: custom (cloud ${raw.cloud} sets its own endpoints)`,
            path: ['endpoints'],
            params: { [SUPERSEDES_PARTS]: true },
          });
      },
      // Checked beside every other problem of the tenant, not only once the rest is valid.
      { when: ({ value }) => isRecord(value) },
    )
    .transform(
      ({ tenantId, clientId, clientSecret, certificate, workloadIdentity, cloud, endpoints, tls }) => ({
        tenantId,
        clientId,
        credential:
          clientSecret !== undefined
            ? { kind: 'secret' as const, secret: clientSecret }
            : workloadIdentity !== undefined
              ? { kind: 'workloadIdentity' as const, tokenFile: workloadIdentity.tokenFile }
              : // The rule above leaves a certificate when there is neither; the transform runs only on valid input.
                { kind: 'certificate' as const, ...(certificate ?? z.NEVER) },
        cloud,
        ...(endpoints ? { endpoints } : {}),
        ...(tls.caFile ? { caFile: tls.caFile } : {}),
      }),
    );

  const tenants = z
    .array(tenant, { error: 'must be a list with at least one tenant' })
    .min(1, 'must be a list with at least one tenant')
    .superRefine(
      (list, check) => {
        const firstIndexById = new Map<string, number>();
        list.forEach((item, index) => {
          const id =
            isRecord(item) && typeof item.tenantId === 'string' ? item.tenantId.toLowerCase() : undefined;
          if (id === undefined || !GUID.safeParse(id).success) return;
          const first = firstIndexById.get(id);
          if (first === undefined) firstIndexById.set(id, index);
          else
            check.addIssue({
              code: 'custom',
              message: `duplicate of tenants[${first}].tenantId`,
              path: [index, 'tenantId'],
            });
        });
      },
      { when: ({ value }) => Array.isArray(value) },
    )
    .describe('The Microsoft 365 tenants to collect from, each with its app registration.');

  const entityFilter = field
    .section({
      users: matcherList('user name').describe(
        'Users, matched against the user principal name or display name.',
      ),
      mailboxes: matcherList('mailbox name').describe(
        "Mailboxes, matched against the owner's user principal name or display name.",
      ),
      sites: matcherList('site').describe('Sites, matched against the site URL or owner.'),
      groups: matcherList('group name').describe('Groups and teams, matched against the display name.'),
    })
    .describe('Names (case-insensitive) or "/regex/flags".');

  const reports = field
    .section({
      enabled: field.boolean(REPORT_DEFAULTS.enabled).describe('Collect the usage reports.'),
      period: field
        .oneOf(REPORT_PERIODS)
        .default(REPORT_DEFAULTS.period)
        .describe(
          "The reports' period parameter in latest mode; report-date mode asks D30 on its first run and a longer period after a long pause (docs/time.md).",
        ),
      interval: field.duration({
        default: REPORT_DEFAULTS.interval,
        min: '1m',
        max: '7d',
        examples: ['30m', '6h'],
        description:
          'Time from the end of one report cycle to the start of the next; the data changes once a day.',
      }),
      time: field
        .oneOf(REPORT_TIME_MODES)
        .default(REPORT_DEFAULTS.time)
        .describe(
          "latest: each gauge reports its report's newest complete day, stamped at collection time (every backend). report-date: every report day is a point stamped at 00:00 UTC of that day, each exported once, with a backfill of 28 days on the first run (the backend must accept past samples: docs/time.md).",
        ),
      refetchDays: z
        .number({ error: (issue) => `must be a whole number of days, got ${field.got(issue)}` })
        .int({ error: (issue) => `must be a whole number of days, got ${field.got(issue)}` })
        .min(MIN_REFETCH_DAYS, `must be at least ${MIN_REFETCH_DAYS}`)
        .max(MAX_REFETCH_DAYS, `must be at most ${MAX_REFETCH_DAYS} (Microsoft keeps 28 days of daily data)`)
        .default(REPORT_DEFAULTS.refetchDays)
        .describe(
          `report-date mode: how many of the newest report days each cycle reads again, since Microsoft fills and revises them late; a day is exported once, when it has its value. From ${MIN_REFETCH_DAYS} to ${MAX_REFETCH_DAYS}, and at most the days of period.`,
        ),
      details: detailReports().describe(
        'Per-entity log records (one per user, mailbox, site, group or team) for these per-entity reports, each set to true or {}: `details: { getMailboxUsageDetail: true }`. Off for every report by default.',
      ),
      filters: field
        .section({
          include: entityFilter.describe(
            'Only these entities get a log record and count in the aggregates of their per-entity report (include applies first, then exclude).',
          ),
          exclude: entityFilter.describe(
            'Leave these entities out of the log records and the aggregates of their per-entity report.',
          ),
        })
        .describe(
          'Which entities of per-entity reports are kept: names (case-insensitive) or "/regex/flags".',
        ),
    })
    .superRefine(
      (raw, check) => {
        const days = periodDays(raw.period);
        if (days === undefined || typeof raw.refetchDays !== 'number') return;
        if (raw.refetchDays > days)
          check.addIssue({
            code: 'custom',
            message: `must fit in the period ${raw.period} (at most ${days} days), got ${raw.refetchDays}`,
            path: ['refetchDays'],
          });
      },
      { when: ({ value }) => isRecord(value) },
    )
    .transform(({ interval, ...rest }) => ({ ...rest, interval: interval.text, intervalMs: interval.ms }))
    .describe('Microsoft 365 usage reports (Graph reports API).');

  const nameFilter = field
    .section({
      services: matcherList('service or feature name').describe(
        'Services, matched against the display name or id.',
      ),
      features: matcherList('service or feature name').describe(
        'Features, matched against the feature name or group.',
      ),
    })
    .describe('Names (case-insensitive) or "/regex/flags".');

  const serviceHealth = field
    .section({
      enabled: field
        .boolean(SERVICE_HEALTH_DEFAULTS.enabled)
        .describe('Status metrics and issue events from Graph admin/serviceAnnouncement.'),
      interval: field.duration({
        default: SERVICE_HEALTH_DEFAULTS.interval,
        min: '30s',
        max: '1d',
        examples: ['5m', '30s'],
        description:
          'Time between polls. Microsoft allows 240 requests/min and 800/h per app and tenant; a poll makes 2-3 requests (more when a list spans pages).',
      }),
      messages: field
        .boolean(SERVICE_HEALTH_DEFAULTS.messages)
        .describe('Message-center posts as events too (needs ServiceMessage.Read.All).'),
      include: nameFilter.describe(
        'Only these services and features (include applies first, then exclude). Names (case-insensitive) or "/regex/flags".',
      ),
      exclude: nameFilter.describe(
        "Leave these services and features out; an excluded feature's issues are neither counted nor announced.",
      ),
      healthyStatuses: healthyStatuses().describe(
        `The serviceHealthStatus values that make m365.service.healthy 1, each one of the ${SERVICE_HEALTH_STATUSES.length} values of the enum, in either case (default: ${DEFAULT_HEALTHY_STATUSES.join(', ')}).`,
      ),
    })
    .transform(({ interval, ...rest }) => ({ ...rest, interval: interval.text, intervalMs: interval.ms }))
    .describe('Microsoft 365 service health: status metrics, issue and message-center events.');

  const audit = field
    .section({
      enabled: field
        .boolean(AUDIT_DEFAULTS.enabled)
        .describe(
          'Read the unified audit log (Office 365 Management Activity API) into OTLP log records; needs ActivityFeed.Read, and ActivityFeed.ReadDlp for DLP.All (docs/audit.md).',
        ),
      contentTypes: contentTypeList().describe(
        `The content types to read, each its own stream with its own checkpoint (default all: ${CONTENT_TYPES.join(', ')}).`,
      ),
      pollInterval: field.duration({
        default: AUDIT_DEFAULTS.pollInterval,
        min: '30s',
        max: '1h',
        examples: ['3m', '1m'],
        description:
          'Time from the end of one poll of a content type to the start of its next; each poll lists what became available since the last.',
      }),
      startFrom: field.duration({
        default: AUDIT_DEFAULTS.startFrom,
        min: '1m',
        max: '7d',
        examples: ['24h', '7d'],
        description:
          'How far back the first run of a content type starts (no checkpoint yet); Microsoft keeps content for 7 days.',
      }),
      overlap: field.duration({
        default: AUDIT_DEFAULTS.overlap,
        min: '1m',
        max: '12h',
        examples: ['15m', '1h'],
        description:
          'Each poll lists again this far before the last fully listed moment, for content Microsoft lists late; blobs already delivered are recognised and skipped.',
      }),
      publisherId: field
        .guid()
        .optional()
        .describe(
          "Sent as PublisherIdentifier, Microsoft's quota key: a GUID (default each tenant's own id; an ISV sets its own tenant id).",
        ),
      dedupCacheSize: z
        .number({ error: (issue) => `must be a whole number, got ${field.got(issue)}` })
        .int({ error: (issue) => `must be a whole number, got ${field.got(issue)}` })
        .min(1_000, 'must be at least 1000')
        .max(10_000_000, 'must be at most 10000000')
        .default(AUDIT_DEFAULTS.dedupCacheSize)
        .describe(
          "Record Ids remembered per content type to drop a record Microsoft publishes again in a later blob (kept in the state directory; about 30 bytes of memory each, as Microsoft's Ids are GUIDs). From 1000 to 10000000.",
        ),
    })
    .transform(({ pollInterval, startFrom, overlap, ...rest }) => ({
      ...rest,
      pollInterval: pollInterval.text,
      pollIntervalMs: pollInterval.ms,
      startFrom: startFrom.text,
      startFromMs: startFrom.ms,
      overlap: overlap.text,
      overlapMs: overlap.ms,
    }))
    .describe('The Microsoft 365 unified audit log (docs/audit.md).');

  const governance = field
    .section({
      enabled: field
        .boolean(GOVERNANCE_DEFAULTS.enabled)
        .describe(
          'Poll the tenant governance signals turned on below, each on its own: a permission or licence one of them lacks fails that signal alone, logged once with the permission to grant (docs/governance.md).',
        ),
      interval: field.duration({
        default: GOVERNANCE_DEFAULTS.interval,
        min: '15m',
        max: '7d',
        examples: ['6h', '1h'],
        description:
          'Time from the end of one governance poll to the start of the next. What it reads changes slowly, and a poll lists every app registration and service principal of the tenant, so polls are at least 15 minutes apart.',
      }),
      licences: field
        .boolean(GOVERNANCE_DEFAULTS.licences)
        .describe(
          `Licence units per SKU (consumed, enabled, suspended, warning, locked out), their utilisation and the subscriptions' lifecycle; either call failing keeps the other's metrics. ${signalGrantsSentence('licences')}`,
        ),
      appCredentials: field
        .boolean(GOVERNANCE_DEFAULTS.appCredentials)
        .describe(
          `Client secrets and certificates of every app registration and service principal: how many expired or expire within 7 or 30 days, the time left on the collector's own credential, and a log record per credential. ${signalGrantsSentence('appCredentials')}`,
        ),
      tenantSettings: field
        .boolean(GOVERNANCE_DEFAULTS.tenantSettings)
        .describe(
          `The tenant's display name, type and default domain as resource attributes of its metrics and log records (/organization), and whether reports conceal names (/admin/reportSettings). ${signalGrantsSentence('tenantSettings')}`,
        ),
      directorySync: field
        .boolean(GOVERNANCE_DEFAULTS.directorySync)
        .describe(
          `On-premises directory sync: whether it is on, the time since the last object and password sync, its feature flags, and users with provisioning errors by category. ${signalGrantsSentence('directorySync')}`,
        ),
      connectHealth: field
        .boolean(GOVERNANCE_DEFAULTS.connectHealth)
        .describe(
          `Microsoft Entra Connect Health services and their open alerts, through Azure Resource Manager (with cloud: custom, set the tenant's endpoints.arm). ${signalGrantsSentence('connectHealth')}`,
        ),
      riskyUsers: field
        .boolean(GOVERNANCE_DEFAULTS.riskyUsers)
        .describe(
          `Users at risk by risk level and state, and a log record per new risk detection, from Identity Protection. ${signalGrantsSentence('riskyUsers')} Without the licence Microsoft refuses with 403.`,
        ),
    })
    .transform(({ interval, ...rest }) => ({ ...rest, interval: interval.text, intervalMs: interval.ms }))
    .describe(
      'Tenant governance: licences, app credentials, tenant settings, directory sync, Connect Health and risky users (docs/governance.md).',
    );

  const callQuality = field
    .section({
      enabled: field
        .boolean(CALL_QUALITY_DEFAULTS.enabled)
        .describe(
          `Teams call quality from /communications/callRecords: calls and streams by modality, streams Microsoft's call-quality thresholds rate poor, and histograms of jitter, packet loss and round trip; each call record is read once, when final (docs/governance.md). Needs ${describeGrant({ permission: CALL_RECORDS_PERMISSION, kind: 'graph-permission' })}; Teams licences (Microsoft keeps records for 30 days).`,
        ),
      interval: field.duration({
        default: CALL_QUALITY_DEFAULTS.interval,
        min: '5m',
        max: '1d',
        examples: ['15m', '5m'],
        description:
          'Time from the end of one call-quality poll to the start of the next. A record is read only once it is final (an hour after its last change), and each poll lists the calls of the last day again for those Microsoft records late, so polls are at least 5 minutes apart.',
      }),
      records: field
        .boolean(CALL_QUALITY_DEFAULTS.records)
        .describe(
          "A log record per call record read (event m365.call.record), with its streams' figures; one per call, so off by default.",
        ),
    })
    .transform(({ interval, ...rest }) => ({ ...rest, interval: interval.text, intervalMs: interval.ms }))
    .describe('Microsoft Teams call quality from call records (docs/governance.md).');

  const health = field
    .section({
      enabled: field
        .boolean(HEALTH_DEFAULTS.enabled)
        .describe(
          "`run` serves /healthz (alive) and /readyz (a tenant holds a token and the state directory takes writes; each source's status) over HTTP (docs/reliability.md). `run --once` and `validate` never serve them.",
        ),
      endpoint: z
        .string({ error: (issue) => `must be host:port, got ${field.got(issue)}` })
        .default(HEALTH_DEFAULTS.endpoint)
        .refine((text) => parseEndpoint(text) !== undefined, ENDPOINT_PROBLEM)
        .describe(
          'Where the endpoints listen, host:port (an IPv6 host in brackets). The default listens on every interface, for a kubelet probing the pod; 127.0.0.1 keeps them local.',
        ),
    })
    .describe('Health endpoints for liveness and readiness probes.');

  const metrics = field
    .section(
      Object.fromEntries(
        METRIC_CATALOG.map((metric) => [
          metric.name,
          metricToggle()
            .optional()
            .meta({ description: metric.description, default: { enabled: metric.enabledByDefault } }),
        ]),
      ),
      'unknown metric (the catalog is in docs/metrics.md)',
    )
    .transform((toggles) => {
      const enabled = new Set<string>(
        METRIC_CATALOG.filter((metric) => metric.enabledByDefault).map((metric) => metric.name),
      );
      for (const [name, toggle] of Object.entries(toggles)) {
        if (toggle?.enabled === true) enabled.add(name);
        if (toggle?.enabled === false) enabled.delete(name);
      }
      return enabled;
    })
    .describe('Turn catalog metrics on or off (docs/metrics.md lists them and their defaults).');

  const otlp = field
    .section({
      endpoint: field
        .url(['http', 'https'])
        .refine(
          (endpoint) => !endpoint.endsWith('/v1/metrics') && !endpoint.endsWith('/v1/logs'),
          'give the base URL (for example http://localhost:4318): /v1/metrics and /v1/logs are appended',
        )
        .optional()
        .describe(
          'OTLP endpoint: the base URL, to which /v1/metrics and /v1/logs are appended; with protocol grpc the server, used as is. Default: the OTEL_EXPORTER_OTLP_* variables, then http://localhost:4318 (grpc: http://localhost:4317).',
        ),
      protocol: field
        .oneOf(OTLP_PROTOCOLS)
        .optional()
        .describe(
          'Default: OTEL_EXPORTER_OTLP_[METRICS_|LOGS_]PROTOCOL, then http/protobuf. With grpc the endpoint is the server (scheme, host and port: http plaintext, https TLS) and nothing is appended.',
        ),
    })
    .describe('OTLP export.');

  const buffer = field
    .section({
      enabled: field
        .boolean(EXPORT_BUFFER_DEFAULTS.enabled)
        .describe(
          '`run`: keep a batch of log records (events, audit records, per-entity rows) or report-date points that the OTLP backend failed with a retryable error (connection refused, timeout, 408, 429, 5xx) and send it again, with backoff, until it is delivered; its source commits only then. Off: the source fails and reads it from Microsoft again at its next poll. `run --once` never buffers (docs/reliability.md).',
        ),
      maxSize: field.byteSize({
        default: EXPORT_BUFFER_DEFAULTS.maxSize,
        min: '1KiB',
        max: '4GiB',
        examples: ['64MiB', '512MiB'],
        description:
          'Memory the buffered batches may take together (their JSON size). A failed batch that does not fit is dropped, counted in m365otel.export.dropped, and read from Microsoft again by its source later.',
      }),
      maxBackoff: field.duration({
        default: EXPORT_BUFFER_DEFAULTS.maxBackoff,
        min: '1s',
        max: '10m',
        examples: ['1m', '5m'],
        description:
          'Longest wait between two attempts at a buffered batch; the waits start at 1s and double up to this.',
      }),
    })
    .transform(({ maxSize, maxBackoff, ...rest }) => ({
      ...rest,
      maxSize: maxSize.text,
      maxBytes: maxSize.bytes,
      maxBackoff: maxBackoff.text,
      maxBackoffMs: maxBackoff.ms,
    }))
    .describe('What `run` does while the OTLP backend is down or failing (docs/reliability.md).');

  return field
    .section({
      log: field
        .section({
          level: field
            .oneOf(LOG_LEVELS)
            .optional()
            .describe('Log level (default info); the M365_OTEL_LOG_LEVEL variable wins.'),
        })
        .describe("The collector's own JSON log on stderr."),
      tenants,
      reports,
      serviceHealth,
      audit,
      governance,
      callQuality,
      health,
      metrics,
      export: field.section({ otlp, buffer }).describe('Where the telemetry goes.'),
      state: field
        .section({
          directory: field
            .writableDirectory(DEFAULT_STATE_DIRECTORY)
            .describe(
              'Where progress that must survive a restart is kept (the service-health events already announced, the audit checkpoints and record Ids, the refresh date, ETag and kept snapshot of each report, and in report-date mode its high-water marks): JSON files per tenant, written atomically. Relative to the config file; created at start if absent and checked writable (by `validate` too); held by one process at a time (a `.lock` file with its pid); never on a pseudo-filesystem (/proc, /sys, /dev).',
            ),
        })
        .describe('Progress kept across restarts.'),
    })
    .superRefine(
      (raw, check) => {
        if (!Array.isArray(raw.tenants)) return;
        // The endpoints a custom cloud must name because a source that is on calls that API.
        const needed: { key: 'management' | 'arm'; when: string; what: string }[] = [];
        if (isRecord(raw.audit) && raw.audit.enabled === true)
          needed.push({
            key: 'management',
            when: 'audit is enabled',
            what: 'the Management Activity API base URL',
          });
        if (
          isRecord(raw.governance) &&
          raw.governance.enabled === true &&
          raw.governance.connectHealth === true
        )
          needed.push({
            key: 'arm',
            when: 'governance.connectHealth is on',
            what: 'the Azure Resource Manager base URL',
          });
        raw.tenants.forEach((tenant, index) => {
          if (!isRecord(tenant) || tenant.cloud !== 'custom' || !isRecord(tenant.endpoints)) return;
          for (const { key, when, what } of needed)
            if (tenant.endpoints[key] === undefined)
              check.addIssue({
                code: 'custom',
                message: `required with cloud: custom when ${when} (${what}, an https URL)`,
                path: ['tenants', index, 'endpoints', key],
              });
        });
      },
      // Beside every other problem of the file: the raw document is enough to tell.
      { when: ({ value }) => isRecord(value) },
    )
    .transform(({ log, export: exportSection, metrics: enabledMetrics, ...rest }) => ({
      ...(log.level ? { logLevel: log.level } : {}),
      ...rest,
      enabledMetrics,
      otlp: exportSection.otlp,
      exportBuffer: exportSection.buffer,
    }))
    .meta({
      title: 'm365-otel collector configuration',
      description: 'The YAML file m365-otel run and validate read (docs/config.md).',
    });

  function metricToggle() {
    return field.mapping({
      enabled: z.boolean({
        error: (issue) =>
          issue.input === undefined
            ? 'required (true or false)'
            : `must be true or false, got ${field.got(issue)}`,
      }),
    });
  }

  /** A list of names or "/regex/flags"; `what` names an entry in messages ("a user name or /regex/flags"). */
  function matcherList(what: string) {
    const notAName = (issue: { input?: unknown; path?: PropertyKey[] }) =>
      `must be a ${what} or /regex/flags, got ${field.got(issue)}`;
    return z.preprocess(
      (value) => value ?? [],
      z
        .array(
          z
            .string({ error: notAName })
            .refine((name) => name.trim() !== '', { error: notAName, abort: true })
            .refine((text) => nameProblem(text) === undefined, {
              // The parser's message quotes the text, which a substituted value must not show.
              error: (issue) =>
                field.isSubstituted(issue)
                  ? 'is not a valid name or /regex/flags (a value from a substitution)'
                  : nameProblem(String(issue.input)),
            })
            .transform(parseNameMatcher),
          { error: (issue) => `must be a list of names or /regex/flags, got ${field.got(issue)}` },
        )
        .prefault([]),
    );
  }

  /**
   * `{ <report>: true | {} }`: the per-entity reports whose rows become log records. A key that is a report but
   * not a per-entity one, and a key that is no report at all, each get their own message.
   */
  function detailReports() {
    const toggle = z.union([z.boolean(), field.mapping({})], {
      error: (issue) => `must be true, false or {}, got ${field.got(issue)}`,
    });
    return z
      .preprocess(
        (value) => value ?? {},
        z.record(z.string(), toggle, {
          error: (issue) => `must be a mapping of per-entity reports to true, got ${field.got(issue)}`,
        }),
      )
      .superRefine(
        (toggles, check) => {
          for (const name of Object.keys(toggles)) {
            const problem = detailReportProblem(name);
            if (problem !== undefined) check.addIssue({ code: 'custom', message: problem, path: [name] });
          }
        },
        // Beside a problem with another report's value, not only once every value is valid.
        { when: ({ value }) => isRecord(value) },
      )
      .transform(
        (toggles) =>
          new Set(
            Object.entries(toggles)
              .filter(([, toggle]) => toggle !== false)
              .map(([name]) => name as ReportName),
          ) as ReadonlySet<ReportName>,
      )
      .meta({ propertyNames: { enum: [...PER_ENTITY_REPORTS] } });
  }

  function contentTypeList() {
    return z
      .preprocess(
        (value) => value ?? [...CONTENT_TYPES],
        z
          .array(field.oneOf(CONTENT_TYPES), {
            error: (issue) => `must be a list of content types, got ${field.got(issue)}`,
          })
          .min(1, 'must list at least one content type (or set enabled: false)')
          .prefault([...CONTENT_TYPES]),
      )
      .transform((types) => [...new Set(types)]);
  }

  function healthyStatuses() {
    const canonical = new Map(SERVICE_HEALTH_STATUSES.map((status) => [status.toLowerCase(), status]));
    const notAStatus = (issue: { input?: unknown; path?: PropertyKey[] }) =>
      `must be a service health status (${SERVICE_HEALTH_STATUSES.join(', ')}), got ${field.got(issue)}`;
    const status = z
      .string({ error: notAStatus })
      .refine((text) => canonical.has(text.toLowerCase()), { error: notAStatus })
      // Microsoft sends camelCase or PascalCase depending on the endpoint's version, so either spelling is accepted.
      .transform((text) => canonical.get(text.toLowerCase()) ?? text);
    return z
      .preprocess(
        (value) => value ?? [...DEFAULT_HEALTHY_STATUSES],
        z
          .array(status, {
            error: (issue) => `must be a list of service health statuses, got ${field.got(issue)}`,
          })
          .min(1, 'must list at least one status (with none, every service would count as unhealthy)')
          .prefault([...DEFAULT_HEALTHY_STATUSES]),
      )
      .transform((statuses) => [...new Set(statuses)]);
  }
}

export type ConfigSchema = ReturnType<typeof configSchema>;

/** What the service-health filter's own parser says about a name, so the config accepts exactly what it understands. */
function nameProblem(text: string): string | undefined {
  try {
    parseNameMatcher(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function detailReportProblem(name: string): string | undefined {
  if (!isReportName(name)) return 'unknown report function (docs/reports.md lists them)';
  if (PER_ENTITY_REPORTS.includes(name)) return undefined;
  // The per-entity report of the same family is what someone asking for this one's details most likely means.
  const family = REPORT_CATALOG[name].family;
  const siblings = PER_ENTITY_REPORTS.filter((report) => REPORT_CATALOG[report].family === family);
  return `${name} has no per-entity rows: details are for per-entity reports${siblings.length > 0 ? ` (of its family: ${siblings.join(', ')})` : ''}; docs/reports.md lists them`;
}

/** The days a period spans (`D30` -> 30), or undefined when it is no period. */
function periodDays(period: unknown): number | undefined {
  return typeof period === 'string' && (REPORT_PERIODS as readonly string[]).includes(period)
    ? Number(period.slice(1))
    : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
