// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:...} and ${file:...} are the config syntax under test.
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HEALTHY_STATUSES, METRIC_CATALOG } from '@m365-otel/mappers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, parseConfig } from './load.js';
import { ConfigError } from './types.js';

// Root reads every file whatever its mode, and CI runs as root: the kernel's refusal of a file named
// `unreadable-token` is stood in for, so the refusal is checked under every user.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    accessSync: (path: import('node:fs').PathLike, mode?: number) => {
      if (String(path).endsWith('unreadable-token'))
        throw Object.assign(new Error(`EACCES: permission denied, access '${String(path)}'`), {
          code: 'EACCES',
        });
      fs.accessSync(path, mode);
    },
  };
});

const TENANT = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const CLIENT = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const SECRET = 'Sup3r~Secret.Value_that-must-never-leak';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'm365-otel-config-'));
  writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
  writeFileSync(join(dir, 'secret.txt'), `  ${SECRET}\n\n`);
  writeFileSync(join(dir, 'app.key'), 'key');
  writeFileSync(join(dir, 'app.crt'), 'cert');
  writeFileSync(join(dir, 'token'), 'header.claims.signature\n');
  writeFileSync(join(dir, 'empty-token'), '');
});

function parse(text: string, env: Record<string, string | undefined> = {}) {
  return parseConfig(text, { env, baseDir: dir, label: 'config.yaml' });
}

function problemsOf(text: string, env: Record<string, string | undefined> = {}): readonly string[] {
  try {
    parse(text, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be invalid');
}

/** The tenant block with another clientSecret value (split/join: String.replace would interpret `$$`). */
const withSecret = (value: string) => tenant().split('s3cret-value').join(value);
const tenant = (extra = '') =>
  `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: s3cret-value\n${extra}`;

describe('defaults', () => {
  it('fills reports, cloud and metrics defaults', () => {
    const config = parse(tenant());
    expect(config.reports).toEqual({
      enabled: true,
      period: 'D7',
      interval: '6h',
      intervalMs: 21_600_000,
      time: 'latest',
      refetchDays: 3,
      details: new Set(),
      filters: {
        include: { users: [], mailboxes: [], sites: [], groups: [] },
        exclude: { users: [], mailboxes: [], sites: [], groups: [] },
      },
    });
    expect(config.tenants).toEqual([
      {
        tenantId: TENANT,
        clientId: CLIENT,
        credential: { kind: 'secret', secret: 's3cret-value' },
        cloud: 'global',
      },
    ]);
    expect(config.enabledMetrics).toEqual(
      new Set(METRIC_CATALOG.filter((m) => m.enabledByDefault).map((m) => m.name)),
    );
    expect(config.otlp).toEqual({});
    expect(config.logLevel).toBeUndefined();
    expect(config.serviceHealth).toEqual({
      enabled: true,
      interval: '5m',
      intervalMs: 300_000,
      messages: false,
      include: { services: [], features: [] },
      exclude: { services: [], features: [] },
      healthyStatuses: [...DEFAULT_HEALTHY_STATUSES],
    });
    expect(config.state).toEqual({ directory: join(dir, 'state') });
  });

  it('takes a full custom-cloud tenant with relative paths resolved against the config directory', () => {
    const config = parse(
      `log: { level: debug }
tenants:
  - tenantId: ${TENANT.toUpperCase()}
    clientId: ${CLIENT}
    certificate: { keyFile: app.key, certFile: app.crt }
    cloud: custom
    endpoints: { authority: "https://127.0.0.1:8443/", graph: "https://127.0.0.1:8443" }
    tls: { caFile: ca.pem }
reports: { enabled: false, period: D30, interval: 1h30m, time: latest }
export: { otlp: { endpoint: "http://otel:4318/", protocol: http/json } }
`,
    );
    expect(config.logLevel).toBe('debug');
    expect(config.tenants[0]).toEqual({
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'certificate', keyFile: join(dir, 'app.key'), certFile: join(dir, 'app.crt') },
      cloud: 'custom',
      endpoints: { authority: 'https://127.0.0.1:8443', graph: 'https://127.0.0.1:8443' },
      caFile: join(dir, 'ca.pem'),
    });
    expect(config.reports).toMatchObject({ enabled: false, period: 'D30', intervalMs: 5_400_000 });
    expect(config.otlp).toEqual({ endpoint: 'http://otel:4318', protocol: 'http/json' });
  });

  it('takes a workload identity: the token file from the variable the webhook sets, resolved', () => {
    const config = parse(
      tenant().replace(
        '    clientSecret: s3cret-value\n',
        '    workloadIdentity:\n      tokenFile: ${env:AZURE_FEDERATED_TOKEN_FILE}\n',
      ),
      { AZURE_FEDERATED_TOKEN_FILE: 'token' },
    );
    expect(config.tenants[0]?.credential).toEqual({
      kind: 'workloadIdentity',
      tokenFile: join(dir, 'token'),
    });
  });

  it('names a substituted token file that is missing without showing the path', () => {
    const text = tenant().replace(
      '    clientSecret: s3cret-value\n',
      '    workloadIdentity:\n      tokenFile: ${env:AZURE_FEDERATED_TOKEN_FILE}\n',
    );
    expect(
      problemsOf(text, { AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token' }),
    ).toEqual([
      'tenants[0].workloadIdentity.tokenFile: the file it names does not exist or cannot be read (the path came from a substitution)',
    ]);
  });

  it('refuses a token file the collector cannot read', () => {
    const file = join(dir, 'unreadable-token');
    writeFileSync(file, 'header.claims.signature\n');
    chmodSync(file, 0o200);
    expect(
      problemsOf(
        tenant().replace(
          '    clientSecret: s3cret-value\n',
          `    workloadIdentity: { tokenFile: ${file} }\n`,
        ),
      ),
    ).toEqual([
      `tenants[0].workloadIdentity.tokenFile: file ${file} cannot be read by the collector's user (permission denied)`,
    ]);
  });

  it('takes the export buffer, with its documented defaults, and refuses malformed or out-of-range sizes', () => {
    expect(parse(tenant()).exportBuffer).toEqual({
      enabled: true,
      maxSize: '256MiB',
      maxBytes: 256 * 1024 ** 2,
      maxBackoff: '1m',
      maxBackoffMs: 60_000,
    });
    expect(
      parse(`${tenant()}export: { buffer: { enabled: false, maxSize: 512KiB, maxBackoff: 5m } }\n`)
        .exportBuffer,
    ).toEqual({
      enabled: false,
      maxSize: '512KiB',
      maxBytes: 524_288,
      maxBackoff: '5m',
      maxBackoffMs: 300_000,
    });
    expect(
      problemsOf(`${tenant()}export: { buffer: { maxSize: 64MB, maxBackoff: 0s, spill: /tmp } }\n`),
    ).toEqual([
      'export.buffer.spill: unknown key (allowed: enabled, maxSize, maxBackoff)',
      'export.buffer.maxSize: must be a size like 64MiB or 512MiB (units B, KiB, MiB, GiB), got "64MB"',
      'export.buffer.maxBackoff: must be from 1s to 10m, got "0s"',
    ]);
    expect(problemsOf(`${tenant()}export: { buffer: { maxSize: 5GiB } }\n`)).toEqual([
      'export.buffer.maxSize: must be from 1KiB to 4GiB, got "5GiB"',
    ]);
  });

  it('takes report-date mode with its refetch window, per-entity details and entity filters', () => {
    const config = parse(
      `${tenant()}reports:
  time: report-date
  period: D30
  refetchDays: 27
  details: { getMailboxUsageDetail: true, getEmailActivityUserDetail: {} }
  filters:
    include: { users: [alice@contoso.com, '/@contoso\\.com$/i'] }
    exclude: { mailboxes: ["/^svc-/"], sites: [], groups: [Sales] }
`,
    );
    expect(config.reports).toMatchObject({
      time: 'report-date',
      refetchDays: 27,
      details: new Set(['getMailboxUsageDetail', 'getEmailActivityUserDetail']),
      filters: {
        include: { users: ['alice@contoso.com', /@contoso\.com$/i], mailboxes: [], sites: [], groups: [] },
        exclude: { users: [], mailboxes: [/^svc-/], sites: [], groups: ['Sales'] },
      },
    });
  });

  it('leaves a report whose details are set to false without log records', () => {
    const config = parse(`${tenant()}reports: { details: { getMailboxUsageDetail: false } }\n`);
    expect(config.reports.details).toEqual(new Set());
  });

  it('takes an empty section (`reports:`) as all of its defaults', () => {
    const config = parse(
      `${tenant()}reports:\nserviceHealth:\n  include:\n  healthyStatuses:\nmetrics:\nstate:\n`,
    );
    expect(config.reports).toMatchObject({ enabled: true, period: 'D7', intervalMs: 21_600_000 });
    expect(config.serviceHealth.include).toEqual({ services: [], features: [] });
    expect(config.serviceHealth.healthyStatuses).toEqual([...DEFAULT_HEALTHY_STATUSES]);
    expect(config.state.directory).toBe(join(dir, 'state'));
  });

  it('toggles catalog metrics on and off', () => {
    const [first, second] = METRIC_CATALOG;
    const config = parse(
      `${tenant()}metrics:\n  ${first?.name}: { enabled: false }\n  ${second?.name}: { enabled: true }\n`,
    );
    expect(config.enabledMetrics.has(first?.name ?? '')).toBe(false);
    expect(config.enabledMetrics.has(second?.name ?? '')).toBe(true);
  });
});

describe('substitution', () => {
  it('replaces ${env:NAME} inside values, not only whole values', () => {
    const config = parse(
      withSecret('${env:M365_CLIENT_SECRET}') +
        'export: { otlp: { endpoint: "http://${env:OTEL_HOST}:4318" } }\n',
      { M365_CLIENT_SECRET: SECRET, OTEL_HOST: 'collector' },
    );
    expect(config.tenants[0]?.credential).toEqual({ kind: 'secret', secret: SECRET });
    expect(config.otlp.endpoint).toBe('http://collector:4318');
  });

  it('names the unset variable and the config path', () => {
    expect(problemsOf(withSecret('${env:M365_CLIENT_SECRET}'))).toEqual([
      'tenants[0].clientSecret: environment variable M365_CLIENT_SECRET is not set (referenced as ${env:M365_CLIENT_SECRET})',
    ]);
  });

  it('says who sets AZURE_FEDERATED_TOKEN_FILE when it is missing: the Workload Identity webhook', () => {
    const text = tenant().replace(
      '    clientSecret: s3cret-value\n',
      '    workloadIdentity:\n      tokenFile: ${env:AZURE_FEDERATED_TOKEN_FILE}\n',
    );
    expect(problemsOf(text)).toEqual([
      'tenants[0].workloadIdentity.tokenFile: environment variable AZURE_FEDERATED_TOKEN_FILE is not set (referenced as ${env:AZURE_FEDERATED_TOKEN_FILE}); the Azure Workload Identity webhook sets it in a pod labelled azure.workload.identity/use: "true" whose service account is annotated azure.workload.identity/client-id',
    ]);
  });

  it('reads ${file:PATH} relative to the config, trimmed', () => {
    const config = parse(withSecret('${file:secret.txt}'));
    expect(config.tenants[0]?.credential).toEqual({ kind: 'secret', secret: SECRET });
  });

  it('reports an unreadable file without its content', () => {
    expect(problemsOf(withSecret('${file:missing.txt}'))).toEqual([
      `tenants[0].clientSecret: cannot read ${join(dir, 'missing.txt')} (referenced as \${file:missing.txt}): ENOENT`,
    ]);
  });

  it('keeps $${ as a literal ${ and rejects other references', () => {
    const config = parse(withSecret('"a$${env:X}b"'));
    expect(config.tenants[0]?.credential).toEqual({ kind: 'secret', secret: 'a${env:X}b' });
    expect(problemsOf(withSecret('${HOME}'))).toEqual([
      'tenants[0].clientSecret: unsupported reference ${HOME}; use ${env:NAME} or ${file:PATH} (write $${ for a literal ${)',
    ]);
    expect(problemsOf(withSecret('${env:1BAD}'))).toEqual([
      'tenants[0].clientSecret: ${env:1BAD} is not a valid environment variable name',
    ]);
  });

  it('does not let a substituted value change the YAML structure', () => {
    const config = parse(withSecret('${env:S}'), { S: 'x\n    cloud: china # y' });
    expect(config.tenants[0]?.cloud).toBe('global');
  });
});

describe('validation messages', () => {
  const cases: [string, string, string[]][] = [
    [
      'a tenantId that is not a GUID',
      tenant().replace(TENANT, 'abc'),
      ['tenants[0].tenantId: must be a GUID, got a 3-character string'],
    ],
    [
      'a missing clientId',
      tenant().replace(`    clientId: ${CLIENT}\n`, ''),
      ['tenants[0].clientId: must be a GUID, got nothing'],
    ],
    [
      'both credentials',
      tenant('    certificate: { keyFile: app.key, certFile: app.crt }\n'),
      ['tenants[0]: set exactly one of clientSecret, certificate or workloadIdentity'],
    ],
    [
      'no credential',
      tenant().replace('    clientSecret: s3cret-value\n', ''),
      ['tenants[0]: set exactly one of clientSecret, certificate or workloadIdentity'],
    ],
    [
      'a secret and a workload identity',
      tenant('    workloadIdentity: { tokenFile: token }\n'),
      ['tenants[0]: set exactly one of clientSecret, certificate or workloadIdentity'],
    ],
    [
      'a missing federated token file',
      tenant().replace(
        '    clientSecret: s3cret-value\n',
        '    workloadIdentity: { tokenFile: nope.token }\n',
      ),
      [
        `tenants[0].workloadIdentity.tokenFile: file ${join('/', 'DIR', 'nope.token')} does not exist or cannot be read`,
      ],
    ],
    [
      'an empty federated token file',
      tenant().replace(
        '    clientSecret: s3cret-value\n',
        '    workloadIdentity: { tokenFile: empty-token }\n',
      ),
      [`tenants[0].workloadIdentity.tokenFile: file ${join('/', 'DIR', 'empty-token')} is empty`],
    ],
    [
      'a workload identity without its token file',
      tenant().replace('    clientSecret: s3cret-value\n', '    workloadIdentity: {}\n'),
      ['tenants[0].workloadIdentity.tokenFile: must be a file path, got nothing'],
    ],
    ['an empty secret', withSecret('""'), ['tenants[0].clientSecret: must be a non-empty string']],
    [
      'missing certificate files',
      tenant().replace(
        '    clientSecret: s3cret-value\n',
        '    certificate: { keyFile: nope.key, certFile: app.crt }\n',
      ),
      [
        `tenants[0].certificate.keyFile: file ${join('/', 'DIR', 'nope.key')} does not exist or cannot be read`,
      ],
    ],
    [
      'an unknown root key',
      `${tenant()}tenant: {}\n`,
      [
        'tenant: unknown key (allowed: log, tenants, reports, serviceHealth, audit, governance, callQuality, health, metrics, export, state)',
      ],
    ],
    [
      'an unknown tenant key',
      tenant('    secret: x\n'),
      [
        'tenants[0].secret: unknown key (allowed: tenantId, clientId, clientSecret, certificate, workloadIdentity, cloud, endpoints, tls)',
      ],
    ],
    [
      'an unknown nested key',
      tenant('    tls: { ca: x }\n'),
      ['tenants[0].tls.ca: unknown key (allowed: caFile)'],
    ],
    ['no tenants', 'reports: {}\n', ['tenants: must be a list with at least one tenant']],
    ['an empty tenant list', 'tenants: []\n', ['tenants: must be a list with at least one tenant']],
    ['a tenant that is not a mapping', 'tenants: [~]\n', ['tenants[0]: must be a mapping, got null']],
    [
      'a duplicate tenant',
      `${tenant()}  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: x\n`,
      ['tenants[1].tenantId: duplicate of tenants[0].tenantId'],
    ],
    [
      'a bad interval',
      `${tenant()}reports: { interval: 6 hours }\n`,
      ['reports.interval: must be a duration like 30m or 6h, got "6 hours"'],
    ],
    [
      'a zero interval',
      `${tenant()}reports: { interval: 0s }\n`,
      ['reports.interval: must be from 1m to 7d, got "0s"'],
    ],
    [
      'a bad period',
      `${tenant()}reports: { period: D8 }\n`,
      ['reports.period: must be one of D7, D30, D90, D180, got "D8"'],
    ],
    [
      'an unknown time mode',
      `${tenant()}reports: { time: report }\n`,
      ['reports.time: must be one of latest, report-date, got "report"'],
    ],
    [
      'refetchDays beyond the period',
      `${tenant()}reports: { time: report-date, refetchDays: 10 }\n`,
      ['reports.refetchDays: must fit in the period D7 (at most 7 days), got 10'],
    ],
    [
      'refetchDays beyond the 28 days Microsoft keeps',
      `${tenant()}reports: { period: D90, refetchDays: 28 }\n`,
      ['reports.refetchDays: must be at most 27 (Microsoft keeps 28 days of daily data)'],
    ],
    [
      'a fractional refetchDays',
      `${tenant()}reports: { refetchDays: 1.5 }\n`,
      ['reports.refetchDays: must be a whole number of days, got 1.5'],
    ],
    [
      'details for a daily report, an unknown report and a bad toggle, each on its own',
      `${tenant()}reports: { details: { getEmailActivityCounts: true, getMailbox: true, getMailboxUsageDetail: yes } }\n`,
      [
        'reports.details.getMailboxUsageDetail: must be true, false or {}, got "yes"',
        'reports.details.getEmailActivityCounts: getEmailActivityCounts has no per-entity rows: details are for per-entity reports (of its family: getEmailActivityUserDetail); docs/reports.md lists them',
        'reports.details.getMailbox: unknown report function (docs/reports.md lists them)',
      ],
    ],
    [
      'a filter on an unknown kind of entity and a broken expression',
      `${tenant()}reports: { filters: { include: { users: ["/svc-(/"] }, exclude: { devices: [] } } }\n`,
      [
        'reports.filters.exclude.devices: unknown key (allowed: users, mailboxes, sites, groups)',
        'reports.filters.include.users[0]: "/svc-(/" is not a valid regular expression: Invalid regular expression: /svc-(/: Unterminated group',
      ],
    ],
    [
      'a non-boolean enabled',
      `${tenant()}reports: { enabled: "yes" }\n`,
      ['reports.enabled: must be true or false, got "yes"'],
    ],
    [
      'an unknown cloud',
      tenant('    cloud: azure\n'),
      [
        'tenants[0].cloud: must be one of global, usgov-gcc, usgov-gcchigh, usgov-dod, china, custom, got "azure"',
      ],
    ],
    [
      'custom cloud without endpoints',
      tenant('    cloud: custom\n'),
      ['tenants[0].endpoints: cloud: custom requires endpoints.authority and endpoints.graph'],
    ],
    [
      'custom cloud with a missing and a non-https endpoint',
      tenant('    cloud: custom\n    endpoints: { graph: "http://127.0.0.1:1" }\n'),
      [
        'tenants[0].endpoints.authority: required with cloud: custom (an https URL)',
        'tenants[0].endpoints.graph: must be an https URL, got "http://127.0.0.1:1"',
      ],
    ],
    [
      'endpoints with a preset cloud',
      tenant('    cloud: china\n    endpoints: { graph: "https://x" }\n'),
      ['tenants[0].endpoints: only allowed with cloud: custom (cloud china sets its own endpoints)'],
    ],
    [
      'a missing CA file',
      tenant('    tls: { caFile: /nonexistent/ca.pem }\n'),
      ['tenants[0].tls.caFile: file /nonexistent/ca.pem does not exist or cannot be read'],
    ],
    [
      'an unknown metric',
      `${tenant()}metrics:\n  m365.nope: { enabled: true }\n`,
      ['metrics.m365.nope: unknown metric (the catalog is in docs/metrics.md)'],
    ],
    [
      'a metric toggle without enabled',
      `${tenant()}metrics:\n  ${METRIC_CATALOG[0]?.name}: {}\n`,
      [`metrics.${METRIC_CATALOG[0]?.name}.enabled: required (true or false)`],
    ],
    [
      'a bad log level',
      `${tenant()}log: { level: loud }\n`,
      ['log.level: must be one of debug, info, warn, error, got "loud"'],
    ],
    [
      'an unknown protocol',
      `${tenant()}export: { otlp: { protocol: http/thrift } }\n`,
      ['export.otlp.protocol: must be one of http/protobuf, http/json, grpc, got "http/thrift"'],
    ],
    [
      'a full metrics URL as the endpoint',
      `${tenant()}export: { otlp: { endpoint: "http://otel:4318/v1/metrics" } }\n`,
      [
        'export.otlp.endpoint: give the base URL (for example http://localhost:4318): /v1/metrics and /v1/logs are appended',
      ],
    ],
    [
      'a non-URL endpoint',
      `${tenant()}export: { otlp: { endpoint: otel:4318 } }\n`,
      ['export.otlp.endpoint: must be an http or https URL, got "otel:4318"'],
    ],
  ];

  it.each(cases)('rejects %s', (_name, text, expected) => {
    expect(problemsOf(text).map((problem) => problem.replace(dir, '/DIR'))).toEqual(expected);
  });

  it('collects every problem of a file together', () => {
    const problems = problemsOf(
      `tenants:\n  - tenantId: abc\n    clientId: ${CLIENT}\n    clientSecret: x\nreports: { interval: soon, time: report-date }\nbogus: 1\n`,
    );
    expect(problems).toEqual([
      'bogus: unknown key (allowed: log, tenants, reports, serviceHealth, audit, governance, callQuality, health, metrics, export, state)',
      'tenants[0].tenantId: must be a GUID, got a 3-character string',
      'reports.interval: must be a duration like 30m or 6h, got "soon"',
    ]);
  });
});

describe('serviceHealth and state', () => {
  it('takes every key, with names and /regex/flags, statuses in either case, and a relative state directory', () => {
    const config = parse(
      `${tenant()}serviceHealth:
  enabled: true
  interval: 2m
  messages: true
  include: { services: [Exchange Online, "/^Microsoft (Teams|Intune)$/i"] }
  exclude: { features: ["/^Sites$/"], services: [] }
  healthyStatuses: [serviceOperational, ServiceRestored, serviceOperational]
state: { directory: data/state }
`,
    );
    expect(config.serviceHealth).toEqual({
      enabled: true,
      interval: '2m',
      intervalMs: 120_000,
      messages: true,
      include: { services: ['Exchange Online', /^Microsoft (Teams|Intune)$/i], features: [] },
      exclude: { services: [], features: [/^Sites$/] },
      healthyStatuses: ['serviceOperational', 'serviceRestored'],
    });
    expect(config.state.directory).toBe(join(dir, 'data', 'state'));
  });

  it('keeps an absolute state directory and turns service health off', () => {
    const config = parse(
      `${tenant()}serviceHealth: { enabled: false }\nstate: { directory: /var/lib/m365 }\n`,
    );
    expect(config.serviceHealth.enabled).toBe(false);
    expect(config.state.directory).toBe('/var/lib/m365');
  });

  const cases: [string, string, string[]][] = [
    [
      'an unknown serviceHealth key',
      'serviceHealth: { interval: 5m, message: true }\n',
      [
        'serviceHealth.message: unknown key (allowed: enabled, interval, messages, include, exclude, healthyStatuses)',
      ],
    ],
    [
      'a bad interval and non-boolean flags',
      'serviceHealth: { interval: often, enabled: yes please, messages: 1 }\n',
      [
        'serviceHealth.enabled: must be true or false, got "yes please"',
        'serviceHealth.interval: must be a duration like 5m or 30s, got "often"',
        'serviceHealth.messages: must be true or false, got 1',
      ],
    ],
    [
      'an unknown filter key and a non-list',
      'serviceHealth: { include: { service: [a] }, exclude: { features: Sites } }\n',
      [
        'serviceHealth.include.service: unknown key (allowed: services, features)',
        'serviceHealth.exclude.features: must be a list of names or /regex/flags, got "Sites"',
      ],
    ],
    [
      'broken regexes and non-string names, each at its index',
      'serviceHealth: { exclude: { services: [Exchange Online, "/(unclosed/", 42, "/x/g", "/nope"] } }\n',
      [
        expect.stringMatching(
          /^serviceHealth\.exclude\.services\[1\]: "\/\(unclosed\/" is not a valid regular expression: /,
        ),
        'serviceHealth.exclude.services[2]: must be a service or feature name or /regex/flags, got 42',
        expect.stringMatching(/^serviceHealth\.exclude\.services\[3\]: "\/x\/g": flag g is not allowed/),
        expect.stringMatching(
          /^serviceHealth\.exclude\.services\[4\]: "\/nope" starts with \/ but has no closing \//,
        ),
      ] as unknown as string[],
    ],
    [
      'an unknown healthy status, naming the allowed values',
      'serviceHealth: { healthyStatuses: [serviceOperational, allGood] }\n',
      [
        'serviceHealth.healthyStatuses[1]: must be a service health status (serviceOperational, investigating, restoringService, verifyingService, serviceRestored, postIncidentReviewPublished, serviceDegradation, serviceInterruption, extendedRecovery, falsePositive, investigationSuspended, resolved, mitigatedExternal, mitigated, resolvedExternal, confirmed, reported, unknownFutureValue), got "allGood"',
      ],
    ],
    [
      'a healthy status that is not a string',
      'serviceHealth: { healthyStatuses: [42] }\n',
      [
        'serviceHealth.healthyStatuses[0]: must be a service health status (serviceOperational, investigating, restoringService, verifyingService, serviceRestored, postIncidentReviewPublished, serviceDegradation, serviceInterruption, extendedRecovery, falsePositive, investigationSuspended, resolved, mitigatedExternal, mitigated, resolvedExternal, confirmed, reported, unknownFutureValue), got 42',
      ],
    ],
    [
      'an empty healthy-status list',
      'serviceHealth: { healthyStatuses: [] }\n',
      [
        'serviceHealth.healthyStatuses: must list at least one status (with none, every service would count as unhealthy)',
      ],
    ],
    [
      'an empty state directory',
      'state: { directory: "" }\n',
      ['state.directory: must be a directory path, got ""'],
    ],
    [
      'a state directory that is a file',
      'state: { directory: ca.pem }\n',
      ['state.directory: /DIR/ca.pem exists and is not a directory'],
    ],
    ['an unknown state key', 'state: { dir: x }\n', ['state.dir: unknown key (allowed: directory)']],
  ];

  it.each(cases)('rejects %s', (_name, text, expected) => {
    expect(problemsOf(`${tenant()}${text}`).map((problem) => problem.replace(dir, '/DIR'))).toEqual(expected);
  });
});

describe('secrets stay out of errors', () => {
  it('does not echo a YAML syntax error line that holds a secret', () => {
    const problems = problemsOf(`tenants:\n  - clientSecret: "${SECRET}\n`);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^config\.yaml:\d+:\d+: YAML syntax error: /);
    expect(problems.join('\n')).not.toContain(SECRET);
  });

  it('does not describe a malformed secret value', () => {
    const problems = problemsOf(withSecret(`[${SECRET}]`));
    expect(problems).toEqual(['tenants[0].clientSecret: must be a non-empty string']);
  });

  it('describes a secret swapped into clientId or tenantId by its shape only', () => {
    const swapped = `tenants:\n  - tenantId: ${SECRET}\n    clientId: ${SECRET}\n    clientSecret: ${CLIENT}\n`;
    expect(problemsOf(swapped)).toEqual([
      `tenants[0].tenantId: must be a GUID, got a ${SECRET.length}-character string`,
      `tenants[0].clientId: must be a GUID, got a ${SECRET.length}-character string`,
    ]);
  });

  it('never echoes a value that came from a substitution, whatever the field', () => {
    const problems = problemsOf(
      `${tenant('    cloud: ${env:CLOUD}\n')}reports: { interval: "\${env:INTERVAL}", period: "\${file:secret.txt}" }
serviceHealth: { include: { services: ["\${env:PATTERN}"] }, healthyStatuses: ["\${env:CLOUD}"] }
export: { otlp: { endpoint: "\${env:CLOUD}" } }
state: { directory: "\${env:STATE}" }
`,
      { CLOUD: SECRET, INTERVAL: SECRET, PATTERN: `/${SECRET}`, STATE: join(dir, 'ca.pem') },
    );
    expect(problems).toEqual([
      `tenants[0].cloud: must be one of global, usgov-gcc, usgov-gcchigh, usgov-dod, china, custom, got a ${SECRET.length}-character string`,
      `reports.period: must be one of D7, D30, D90, D180, got a ${SECRET.length}-character string`,
      `reports.interval: must be a duration like 30m or 6h, got a ${SECRET.length}-character string`,
      'serviceHealth.include.services[0]: is not a valid name or /regex/flags (a value from a substitution)',
      expect.stringMatching(
        /^serviceHealth\.healthyStatuses\[0\]: must be a service health status \(.*\), got a \d+-character string$/,
      ),
      `export.otlp.endpoint: must be an http or https URL, got a ${SECRET.length}-character string`,
      'state.directory: the directory it names exists and is not a directory (the path came from a substitution)',
    ]);
    expect(problems.join('\n')).not.toContain(SECRET);
    expect(problems.join('\n')).not.toContain('ca.pem');
  });

  it('does not quote a multi-line value or a URL with credentials', () => {
    const problems = problemsOf(
      `${tenant('    tls: { caFile: "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----" }\n')}` +
        'export: { otlp: { endpoint: "ftp://user:hunter2@otel:4318" } }\n',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^tenants\[0\]\.tls\.caFile: the file it names|^tenants\[0\]\.tls\.caFile: file /,
      ),
      'export.otlp.endpoint: must be an http or https URL, got a 28-character string',
    ]);
    expect(problems.join('\n')).not.toContain('MIIE');
  });
});

describe('durations are bounded', () => {
  const cases: [string, string, string][] = [
    [
      'a report interval beyond the timer limit',
      'reports: { interval: 30d }',
      'reports.interval: must be from 1m to 7d, got "30d"',
    ],
    [
      'a report interval in a tight loop',
      'reports: { interval: 100ms }',
      'reports.interval: must be from 1m to 7d, got "100ms"',
    ],
    [
      'a service-health interval beyond a day',
      'serviceHealth: { interval: 1d1s }',
      'serviceHealth.interval: must be from 30s to 1d, got "1d1s"',
    ],
    [
      'a service-health interval of seconds',
      'serviceHealth: { interval: 5s }',
      'serviceHealth.interval: must be from 30s to 1d, got "5s"',
    ],
    [
      'a duration too long for a number',
      'reports: { interval: 99999999999999999999d }',
      'reports.interval: must be from 1m to 7d, got "99999999999999999999d"',
    ],
  ];

  it.each(cases)('rejects %s', (_name, text, expected) => {
    expect(problemsOf(`${tenant()}${text}\n`)).toEqual([expected]);
  });

  it('accepts the bounds themselves', () => {
    const config = parse(`${tenant()}reports: { interval: 7d }\nserviceHealth: { interval: 30s }\n`);
    expect(config.reports.intervalMs).toBe(7 * 86_400_000);
    expect(config.serviceHealth.intervalMs).toBe(30_000);
  });
});

describe('state directory', () => {
  it.each(['/proc/self/m365', '/sys', '/dev/m365', '/var/../proc/x'])(
    'refuses %s, a pseudo-filesystem',
    (path) => {
      const root = `/${path.split('/').filter((part) => part !== '' && part !== '..' && part !== 'var')[0]}`;
      expect(problemsOf(`${tenant()}state: { directory: "${path}" }\n`)).toEqual([
        `state.directory: ${join(path)} lies on ${root}, a kernel pseudo-filesystem that cannot hold the collector's files`,
      ]);
    },
  );

  it('accepts /dev/shm, a memory file system that holds files (the state is lost at reboot)', () => {
    expect(parse(`${tenant()}state: { directory: /dev/shm/m365 }\n`).state.directory).toBe('/dev/shm/m365');
  });

  it('refuses a link that leads into /proc', () => {
    symlinkSync('/proc', join(dir, 'proc-link'));
    expect(problemsOf(`${tenant()}state: { directory: proc-link/self/m365 }\n`)).toEqual([
      `state.directory: ${join(dir, 'proc-link', 'self', 'm365')} lies on /proc, a kernel pseudo-filesystem that cannot hold the collector's files`,
    ]);
  });
});

describe('loadConfig', () => {
  it('reads the file and resolves paths against its directory', async () => {
    const file = join(dir, 'config.yaml');
    writeFileSync(file, `${withSecret('${file:secret.txt}')}    tls: { caFile: ca.pem }\n`);
    const config = await loadConfig(file, { env: {} });
    expect(config.tenants[0]?.caFile).toBe(join(dir, 'ca.pem'));
  });

  it('names a missing config file', async () => {
    await expect(loadConfig(join(dir, 'absent.yaml'), { env: {} })).rejects.toMatchObject({
      problems: [`${join(dir, 'absent.yaml')}: cannot read the config file (ENOENT)`],
    });
  });
});

describe('audit', () => {
  const CUSTOM =
    '    cloud: custom\n    endpoints: { authority: https://login.example, graph: https://graph.example }\n';

  it('is off by default, with every content type and the documented intervals', () => {
    expect(parse(tenant()).audit).toEqual({
      enabled: false,
      contentTypes: [
        'Audit.AzureActiveDirectory',
        'Audit.Exchange',
        'Audit.SharePoint',
        'Audit.General',
        'DLP.All',
      ],
      pollInterval: '3m',
      pollIntervalMs: 180_000,
      startFrom: '24h',
      startFromMs: 86_400_000,
      overlap: '15m',
      overlapMs: 900_000,
      dedupCacheSize: 100_000,
    });
  });

  it('takes every key; a repeated content type counts once and the publisher id is lower-cased', () => {
    const config = parse(
      `${tenant()}audit:
  enabled: true
  contentTypes: [DLP.All, Audit.Exchange, DLP.All]
  pollInterval: 1m
  startFrom: 7d
  overlap: 1h
  publisherId: 8C3B2F6E-0A4D-4E1B-9F2A-7D6C5B4A3E21
  dedupCacheSize: 5000
`,
    );
    expect(config.audit).toEqual({
      enabled: true,
      contentTypes: ['DLP.All', 'Audit.Exchange'],
      pollInterval: '1m',
      pollIntervalMs: 60_000,
      startFrom: '7d',
      startFromMs: 7 * 86_400_000,
      overlap: '1h',
      overlapMs: 3_600_000,
      publisherId: '8c3b2f6e-0a4d-4e1b-9f2a-7d6c5b4a3e21',
      dedupCacheSize: 5000,
    });
  });

  it('refuses unknown content types, a lookback past the retention and malformed values, all at once', () => {
    expect(
      problemsOf(
        `${tenant()}audit: { contentTypes: [DLP.All, Audit.Teams], startFrom: 8d, pollInterval: 0s, publisherId: contoso, dedupCacheSize: 1.5 }\n`,
      ),
    ).toEqual([
      'audit.contentTypes[1]: must be one of Audit.AzureActiveDirectory, Audit.Exchange, Audit.SharePoint, Audit.General, DLP.All, got "Audit.Teams"',
      'audit.pollInterval: must be from 30s to 1h, got "0s"',
      'audit.startFrom: must be from 1m to 7d, got "8d"',
      'audit.publisherId: must be a GUID, got a 7-character string',
      'audit.dedupCacheSize: must be a whole number, got 1.5',
    ]);
    expect(problemsOf(`${tenant()}audit: { contentTypes: [] }\n`)).toEqual([
      'audit.contentTypes: must list at least one content type (or set enabled: false)',
    ]);
  });

  it('needs endpoints.management with cloud: custom only when audit is enabled', () => {
    expect(parse(tenant(CUSTOM)).audit.enabled).toBe(false);
    expect(problemsOf(`${tenant(CUSTOM)}audit: { enabled: true }\n`)).toEqual([
      'tenants[0].endpoints.management: required with cloud: custom when audit is enabled (the Management Activity API base URL, an https URL)',
    ]);
    const withManagement = tenant(
      '    cloud: custom\n    endpoints: { authority: https://login.example, graph: https://graph.example, management: https://manage.example }\n',
    );
    expect(parse(`${withManagement}audit: { enabled: true }\n`).audit.enabled).toBe(true);
  });
});

describe('governance', () => {
  const CUSTOM =
    '    cloud: custom\n    endpoints: { authority: https://login.example, graph: https://graph.example }\n';

  it('is off by default, with the contract defaults for each signal', () => {
    expect(parse(tenant()).governance).toEqual({
      enabled: false,
      interval: '6h',
      intervalMs: 21_600_000,
      licences: true,
      appCredentials: true,
      tenantSettings: true,
      directorySync: true,
      connectHealth: false,
      riskyUsers: false,
    });
  });

  it('takes every key', () => {
    const config = parse(
      `${tenant()}governance: { enabled: true, interval: 15m, licences: false, appCredentials: false, tenantSettings: false, directorySync: false, connectHealth: true, riskyUsers: true }\n`,
    );
    expect(config.governance).toEqual({
      enabled: true,
      interval: '15m',
      intervalMs: 900_000,
      licences: false,
      appCredentials: false,
      tenantSettings: false,
      directorySync: false,
      connectHealth: true,
      riskyUsers: true,
    });
  });

  it('refuses an interval below 15 minutes or above 7 days, malformed switches and unknown keys, all at once', () => {
    expect(problemsOf(`${tenant()}governance: { interval: 5m, riskyUsers: yes, licenses: true }\n`)).toEqual([
      'governance.licenses: unknown key (allowed: enabled, interval, licences, appCredentials, tenantSettings, directorySync, connectHealth, riskyUsers)',
      'governance.interval: must be from 15m to 7d, got "5m"',
      'governance.riskyUsers: must be true or false, got "yes"',
    ]);
    expect(problemsOf(`${tenant()}governance: { interval: 8d }\n`)).toEqual([
      'governance.interval: must be from 15m to 7d, got "8d"',
    ]);
  });

  it('needs endpoints.arm with cloud: custom only when connectHealth is on in an enabled governance section', () => {
    expect(parse(`${tenant(CUSTOM)}governance: { enabled: true }\n`).governance.enabled).toBe(true);
    expect(parse(`${tenant(CUSTOM)}governance: { connectHealth: true }\n`).governance.connectHealth).toBe(
      true,
    );
    expect(problemsOf(`${tenant(CUSTOM)}governance: { enabled: true, connectHealth: true }\n`)).toEqual([
      'tenants[0].endpoints.arm: required with cloud: custom when governance.connectHealth is on (the Azure Resource Manager base URL, an https URL)',
    ]);
    const withArm = tenant(
      '    cloud: custom\n    endpoints: { authority: https://login.example, graph: https://graph.example, arm: https://arm.example/ }\n',
    );
    const config = parse(`${withArm}governance: { enabled: true, connectHealth: true }\n`);
    expect(config.tenants[0]?.endpoints).toEqual({
      authority: 'https://login.example',
      graph: 'https://graph.example',
      arm: 'https://arm.example',
    });
  });

  it('asks for both missing endpoints when audit and Connect Health need them', () => {
    expect(
      problemsOf(
        `${tenant(CUSTOM)}audit: { enabled: true }\ngovernance: { enabled: true, connectHealth: true }\n`,
      ),
    ).toEqual([
      'tenants[0].endpoints.management: required with cloud: custom when audit is enabled (the Management Activity API base URL, an https URL)',
      'tenants[0].endpoints.arm: required with cloud: custom when governance.connectHealth is on (the Azure Resource Manager base URL, an https URL)',
    ]);
  });

  it('refuses an arm endpoint that is not https, and any endpoints with a preset cloud', () => {
    expect(
      problemsOf(
        tenant(
          '    cloud: custom\n    endpoints: { authority: https://login.example, graph: https://graph.example, arm: http://arm.example }\n',
        ),
      ),
    ).toEqual(['tenants[0].endpoints.arm: must be an https URL, got "http://arm.example"']);
    expect(problemsOf(tenant('    endpoints: { arm: https://arm.example }\n'))).toEqual([
      'tenants[0].endpoints: only allowed with cloud: custom (cloud global sets its own endpoints)',
    ]);
  });
});

describe('callQuality', () => {
  it('is off by default: every 15 minutes, no log record per call', () => {
    expect(parse(tenant()).callQuality).toEqual({
      enabled: false,
      interval: '15m',
      intervalMs: 900_000,
      records: false,
    });
  });

  it('takes every key', () => {
    expect(
      parse(`${tenant()}callQuality: { enabled: true, interval: 5m, records: true }\n`).callQuality,
    ).toEqual({ enabled: true, interval: '5m', intervalMs: 300_000, records: true });
  });

  it('refuses an interval below 5 minutes or above a day, and a malformed switch', () => {
    expect(problemsOf(`${tenant()}callQuality: { interval: 1m, records: 1 }\n`)).toEqual([
      'callQuality.interval: must be from 5m to 1d, got "1m"',
      'callQuality.records: must be true or false, got 1',
    ]);
    expect(problemsOf(`${tenant()}callQuality: { interval: 2d }\n`)).toEqual([
      'callQuality.interval: must be from 5m to 1d, got "2d"',
    ]);
  });
});
