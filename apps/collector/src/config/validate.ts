import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { CLOUD_PRESETS, type CloudName } from '@m365-otel/auth';
import { REPORT_PERIODS } from '@m365-otel/graph-reports';
import { DEFAULT_HEALTHY_STATUSES, METRIC_CATALOG } from '@m365-otel/mappers';
import { SERVICE_HEALTH_STATUSES } from '@m365-otel/service-health';
import { type NameMatcher, parseNameMatcher } from '../service-health/filter.js';
import { parseDuration } from './duration.js';
import { formatPath, type Path } from './path.js';
import {
  type CollectorConfig,
  LOG_LEVELS,
  type LogLevel,
  OTLP_PROTOCOLS,
  type OtlpProtocol,
  type ReportsConfig,
  type ServiceHealthConfig,
  type TenantConfig,
  type TenantCredentialConfig,
} from './types.js';

export const REPORT_DEFAULTS = { enabled: true, period: 'D7', interval: '6h', time: 'latest' } as const;
export const SERVICE_HEALTH_DEFAULTS = { enabled: true, interval: '5m', messages: false } as const;
/** state.directory when the file does not set one: beside the config file, so a restart finds it again. */
export const DEFAULT_STATE_DIRECTORY = 'state';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLOUD_NAMES: readonly CloudName[] = [...(Object.keys(CLOUD_PRESETS) as CloudName[]), 'custom'];

/** Collects `path: reason` problems while walking the document, so one run reports all of them. */
class Checker {
  readonly problems: string[] = [];
  readonly baseDir: string;

  constructor(baseDir: string) {
    this.baseDir = baseDir;
  }

  fail(path: Path, reason: string): undefined {
    this.problems.push(`${formatPath(path)}: ${reason}`);
    return undefined;
  }

  /** A mapping with only the allowed keys; an absent optional section is `{}`. */
  mapping(value: unknown, path: Path, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value))
      return this.fail(path, `must be a mapping, got ${describe(value)}`);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.fail([...path, key], `unknown key (allowed: ${allowed.join(', ')})`);
    }
    return record;
  }

  oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(path, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }

  boolean(value: unknown, path: Path): boolean | undefined {
    if (typeof value === 'boolean') return value;
    return this.fail(path, `must be true or false, got ${describe(value)}`);
  }

  guid(value: unknown, path: Path): string | undefined {
    if (typeof value === 'string' && GUID.test(value)) return value.toLowerCase();
    return this.fail(path, `must be a GUID, got ${describe(value)}`);
  }

  url(value: unknown, path: Path, protocols: readonly string[]): string | undefined {
    const expected = `must be an ${protocols.join(' or ')} URL`;
    if (typeof value !== 'string') return this.fail(path, `${expected}, got ${describe(value)}`);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return this.fail(path, `${expected}, got ${describe(value)}`);
    }
    if (!protocols.includes(url.protocol.slice(0, -1)))
      return this.fail(path, `${expected}, got ${describe(value)}`);
    if (url.search !== '' || url.hash !== '') return this.fail(path, 'must not carry a query or fragment');
    return value.replace(/\/+$/, '');
  }

  /** A path to an existing file, resolved against the config file's directory. */
  existingFile(value: unknown, path: Path): string | undefined {
    if (typeof value !== 'string' || value === '')
      return this.fail(path, `must be a file path, got ${describe(value)}`);
    const file = isAbsolute(value) ? value : resolve(this.baseDir, value);
    try {
      if (statSync(file).isFile()) return file;
      return this.fail(path, `${file} is not a file`);
    } catch {
      return this.fail(path, `file ${file} does not exist or cannot be read`);
    }
  }
}

export interface ValidationContext {
  /** Relative file paths in the config resolve against this directory (the config file's). */
  baseDir: string;
}

/** Validates an already-substituted document; throws nothing, returns the config or every problem found. */
export function validateConfig(
  document: unknown,
  context: ValidationContext,
): { config: CollectorConfig; problems: [] } | { config?: undefined; problems: string[] } {
  const check = new Checker(context.baseDir);
  const root = check.mapping(
    document,
    [],
    ['log', 'tenants', 'reports', 'serviceHealth', 'metrics', 'export', 'state'],
  );
  if (root === undefined) return { problems: check.problems };

  const logLevel = validateLog(check, root.log);
  const tenants = validateTenants(check, root.tenants);
  const reports = validateReports(check, root.reports);
  const serviceHealth = validateServiceHealth(check, root.serviceHealth);
  const enabledMetrics = validateMetrics(check, root.metrics);
  const otlp = validateExport(check, root.export);
  const state = validateState(check, root.state);

  if (
    check.problems.length > 0 ||
    !tenants ||
    !reports ||
    !serviceHealth ||
    !enabledMetrics ||
    !otlp ||
    !state
  ) {
    return { problems: check.problems };
  }
  const config: CollectorConfig = { tenants, reports, serviceHealth, enabledMetrics, otlp, state };
  if (logLevel) config.logLevel = logLevel;
  return { config, problems: [] };
}

function validateLog(check: Checker, value: unknown): LogLevel | undefined {
  const log = check.mapping(value, ['log'], ['level']);
  if (log?.level === undefined) return undefined;
  return check.oneOf(log.level, ['log', 'level'], LOG_LEVELS);
}

function validateTenants(check: Checker, value: unknown): TenantConfig[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    return check.fail(['tenants'], 'must be a list with at least one tenant');
  }
  const tenants: TenantConfig[] = [];
  const firstIndexById = new Map<string, number>();
  value.forEach((item, index) => {
    const tenant = validateTenant(check, item, ['tenants', index]);
    if (!tenant) return;
    const first = firstIndexById.get(tenant.tenantId);
    if (first !== undefined) {
      check.fail(['tenants', index, 'tenantId'], `duplicate of tenants[${first}].tenantId`);
      return;
    }
    firstIndexById.set(tenant.tenantId, index);
    tenants.push(tenant);
  });
  return tenants;
}

function validateTenant(check: Checker, value: unknown, path: Path): TenantConfig | undefined {
  const keys = ['tenantId', 'clientId', 'clientSecret', 'certificate', 'cloud', 'endpoints', 'tls'];
  if (value === null || value === undefined) return check.fail(path, 'must be a mapping, got null');
  const raw = check.mapping(value, path, keys);
  if (!raw) return undefined;

  const tenantId = check.guid(raw.tenantId, [...path, 'tenantId']);
  const clientId = check.guid(raw.clientId, [...path, 'clientId']);
  const credential = validateCredential(check, raw, path);
  const cloud = raw.cloud === undefined ? 'global' : check.oneOf(raw.cloud, [...path, 'cloud'], CLOUD_NAMES);
  const endpoints = cloud === undefined ? undefined : validateEndpoints(check, raw.endpoints, cloud, path);
  const tls = check.mapping(raw.tls, [...path, 'tls'], ['caFile']);
  const caFile =
    tls?.caFile === undefined ? undefined : check.existingFile(tls.caFile, [...path, 'tls', 'caFile']);

  if (!tenantId || !clientId || !credential || !cloud || endpoints === null) return undefined;
  if (tls?.caFile !== undefined && !caFile) return undefined;
  const tenant: TenantConfig = { tenantId, clientId, credential, cloud };
  if (endpoints) tenant.endpoints = endpoints;
  if (caFile) tenant.caFile = caFile;
  return tenant;
}

function validateCredential(
  check: Checker,
  raw: Record<string, unknown>,
  path: Path,
): TenantCredentialConfig | undefined {
  const hasSecret = raw.clientSecret !== undefined;
  const hasCertificate = raw.certificate !== undefined;
  if (hasSecret === hasCertificate) return check.fail(path, 'set exactly one of clientSecret or certificate');
  if (hasSecret) {
    // The value is never described: whatever was put there may be a real secret.
    if (typeof raw.clientSecret !== 'string' || raw.clientSecret.trim() === '') {
      return check.fail([...path, 'clientSecret'], 'must be a non-empty string');
    }
    return { kind: 'secret', secret: raw.clientSecret };
  }
  const certPath = [...path, 'certificate'];
  const certificate = check.mapping(raw.certificate, certPath, ['keyFile', 'certFile']);
  if (!certificate) return undefined;
  const keyFile = check.existingFile(certificate.keyFile, [...certPath, 'keyFile']);
  const certFile = check.existingFile(certificate.certFile, [...certPath, 'certFile']);
  if (!keyFile || !certFile) return undefined;
  return { kind: 'certificate', keyFile, certFile };
}

/** undefined = no endpoints (a preset cloud); null = invalid. */
function validateEndpoints(
  check: Checker,
  value: unknown,
  cloud: CloudName,
  tenantPath: Path,
): TenantConfig['endpoints'] | null {
  const path = [...tenantPath, 'endpoints'];
  if (cloud !== 'custom') {
    if (value === undefined) return undefined;
    check.fail(path, `only allowed with cloud: custom (cloud ${cloud} sets its own endpoints)`);
    return null;
  }
  if (value === undefined) {
    check.fail(path, 'cloud: custom requires endpoints.authority and endpoints.graph');
    return null;
  }
  const raw = check.mapping(value, path, ['authority', 'graph', 'management']);
  if (!raw) return null;
  const authority =
    raw.authority === undefined
      ? check.fail([...path, 'authority'], 'required with cloud: custom (an https URL)')
      : check.url(raw.authority, [...path, 'authority'], ['https']);
  const graph =
    raw.graph === undefined
      ? check.fail([...path, 'graph'], 'required with cloud: custom (an https URL)')
      : check.url(raw.graph, [...path, 'graph'], ['https']);
  const management =
    raw.management === undefined ? undefined : check.url(raw.management, [...path, 'management'], ['https']);
  if (!authority || !graph || (raw.management !== undefined && !management)) return null;
  return management ? { authority, graph, management } : { authority, graph };
}

function validateReports(check: Checker, value: unknown): ReportsConfig | undefined {
  const path = ['reports'];
  const raw = check.mapping(value, path, ['enabled', 'period', 'interval', 'time']);
  if (!raw) return undefined;
  const enabled =
    raw.enabled === undefined ? REPORT_DEFAULTS.enabled : check.boolean(raw.enabled, [...path, 'enabled']);
  const period =
    raw.period === undefined
      ? REPORT_DEFAULTS.period
      : check.oneOf(raw.period, [...path, 'period'], REPORT_PERIODS);
  const interval = raw.interval === undefined ? REPORT_DEFAULTS.interval : raw.interval;
  const intervalMs = typeof interval === 'string' ? parseDuration(interval) : undefined;
  if (intervalMs === undefined) {
    check.fail([...path, 'interval'], `must be a duration like 30m or 6h, got ${describe(interval)}`);
  }
  if (raw.time !== undefined && raw.time !== 'latest') {
    check.fail(
      [...path, 'time'],
      `must be latest, got ${describe(raw.time)} (report-date mode is not available yet)`,
    );
  }
  if (enabled === undefined || !period || intervalMs === undefined || typeof interval !== 'string')
    return undefined;
  return { enabled, period, interval, intervalMs, time: 'latest' };
}

function validateServiceHealth(check: Checker, value: unknown): ServiceHealthConfig | undefined {
  const path = ['serviceHealth'];
  const raw = check.mapping(value, path, [
    'enabled',
    'interval',
    'messages',
    'include',
    'exclude',
    'healthyStatuses',
  ]);
  if (!raw) return undefined;
  const defaults = SERVICE_HEALTH_DEFAULTS;
  const enabled =
    raw.enabled === undefined ? defaults.enabled : check.boolean(raw.enabled, [...path, 'enabled']);
  const messages =
    raw.messages === undefined ? defaults.messages : check.boolean(raw.messages, [...path, 'messages']);
  const interval = raw.interval === undefined ? defaults.interval : raw.interval;
  const intervalMs = typeof interval === 'string' ? parseDuration(interval) : undefined;
  if (intervalMs === undefined) {
    check.fail([...path, 'interval'], `must be a duration like 5m or 30s, got ${describe(interval)}`);
  }
  const include = validateNameFilter(check, raw.include, [...path, 'include']);
  const exclude = validateNameFilter(check, raw.exclude, [...path, 'exclude']);
  const healthyStatuses = validateHealthyStatuses(check, raw.healthyStatuses, [...path, 'healthyStatuses']);
  if (
    enabled === undefined ||
    messages === undefined ||
    intervalMs === undefined ||
    typeof interval !== 'string' ||
    !include ||
    !exclude ||
    !healthyStatuses
  )
    return undefined;
  return { enabled, interval, intervalMs, messages, include, exclude, healthyStatuses };
}

function validateNameFilter(
  check: Checker,
  value: unknown,
  path: Path,
): ServiceHealthConfig['include'] | undefined {
  const raw = check.mapping(value, path, ['services', 'features']);
  if (!raw) return undefined;
  const services = validateMatchers(check, raw.services, [...path, 'services']);
  const features = validateMatchers(check, raw.features, [...path, 'features']);
  if (!services || !features) return undefined;
  return { services, features };
}

function validateMatchers(check: Checker, value: unknown, path: Path): NameMatcher[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    return check.fail(path, `must be a list of names or /regex/flags, got ${describe(value)}`);
  }
  const matchers: NameMatcher[] = [];
  let valid = true;
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') {
      check.fail(
        [...path, index],
        `must be a service or feature name or /regex/flags, got ${describe(item)}`,
      );
      valid = false;
      return;
    }
    try {
      // The mappers' own parser, so the config accepts exactly what the filter understands.
      matchers.push(parseNameMatcher(item));
    } catch (error) {
      check.fail([...path, index], (error as Error).message);
      valid = false;
    }
  });
  return valid ? matchers : undefined;
}

function validateHealthyStatuses(check: Checker, value: unknown, path: Path): string[] | undefined {
  if (value === undefined || value === null) return [...DEFAULT_HEALTHY_STATUSES];
  if (!Array.isArray(value)) {
    return check.fail(path, `must be a list of service health statuses, got ${describe(value)}`);
  }
  if (value.length === 0) {
    return check.fail(
      path,
      'must list at least one status (with none, every service would count as unhealthy)',
    );
  }
  const canonical = new Map(SERVICE_HEALTH_STATUSES.map((status) => [status.toLowerCase(), status]));
  const statuses = new Set<string>();
  let valid = true;
  value.forEach((item, index) => {
    // Microsoft sends camelCase or PascalCase depending on the endpoint's version, so either spelling is accepted.
    const status = typeof item === 'string' ? canonical.get(item.toLowerCase()) : undefined;
    if (status === undefined) {
      check.fail(
        [...path, index],
        `must be a service health status (${SERVICE_HEALTH_STATUSES.join(', ')}), got ${describe(item)}`,
      );
      valid = false;
    } else {
      statuses.add(status);
    }
  });
  return valid ? [...statuses] : undefined;
}

function validateState(check: Checker, value: unknown): CollectorConfig['state'] | undefined {
  const raw = check.mapping(value, ['state'], ['directory']);
  if (!raw) return undefined;
  const directory = raw.directory ?? DEFAULT_STATE_DIRECTORY;
  if (typeof directory !== 'string' || directory.trim() === '') {
    return check.fail(['state', 'directory'], `must be a directory path, got ${describe(directory)}`);
  }
  const absolute = isAbsolute(directory) ? directory : resolve(check.baseDir, directory);
  // Created on first use; but an existing non-directory there can never work, so say so now.
  try {
    if (!statSync(absolute).isDirectory())
      return check.fail(['state', 'directory'], `${absolute} exists and is not a directory`);
  } catch {
    // Absent: created when the first state is written.
  }
  return { directory: absolute };
}

function validateMetrics(check: Checker, value: unknown): Set<string> | undefined {
  const known = new Map(METRIC_CATALOG.map((metric) => [metric.name, metric]));
  const enabled = new Set(
    METRIC_CATALOG.filter((metric) => metric.enabledByDefault).map((metric) => metric.name),
  );
  if (value === undefined || value === null) return enabled;
  if (typeof value !== 'object' || Array.isArray(value)) {
    return check.fail(
      ['metrics'],
      `must be a mapping of metric name to { enabled: true|false }, got ${describe(value)}`,
    );
  }
  for (const [name, toggle] of Object.entries(value)) {
    if (!known.has(name)) {
      check.fail(['metrics', name], 'unknown metric (the catalog is in docs/metrics.md)');
      continue;
    }
    const settings = check.mapping(toggle, ['metrics', name], ['enabled']);
    if (settings?.enabled === undefined) {
      if (settings) check.fail(['metrics', name, 'enabled'], 'required (true or false)');
      continue;
    }
    const on = check.boolean(settings.enabled, ['metrics', name, 'enabled']);
    if (on === true) enabled.add(name);
    if (on === false) enabled.delete(name);
  }
  return enabled;
}

function validateExport(check: Checker, value: unknown): CollectorConfig['otlp'] | undefined {
  const exportSection = check.mapping(value, ['export'], ['otlp']);
  if (!exportSection) return undefined;
  const path = ['export', 'otlp'];
  const raw = check.mapping(exportSection.otlp, path, ['endpoint', 'protocol']);
  if (!raw) return undefined;
  const otlp: CollectorConfig['otlp'] = {};
  if (raw.endpoint !== undefined) {
    const endpoint = check.url(raw.endpoint, [...path, 'endpoint'], ['http', 'https']);
    if (endpoint?.endsWith('/v1/metrics') || endpoint?.endsWith('/v1/logs')) {
      check.fail(
        [...path, 'endpoint'],
        'give the base URL (for example http://localhost:4318): /v1/metrics and /v1/logs are appended',
      );
    } else if (endpoint) {
      otlp.endpoint = endpoint;
    }
  }
  if (raw.protocol !== undefined) {
    const protocol = checkProtocol(raw.protocol);
    if (typeof protocol === 'string') otlp.protocol = protocol;
    else check.fail([...path, 'protocol'], protocol.problem);
  }
  return otlp;
}

/** Shared with the OTEL_EXPORTER_OTLP_*PROTOCOL variables, which must be held to the same rule. */
export function checkProtocol(value: unknown): OtlpProtocol | { problem: string } {
  if (value === 'grpc') return { problem: 'grpc is not supported; use http/protobuf (default) or http/json' };
  if (typeof value === 'string' && (OTLP_PROTOCOLS as readonly string[]).includes(value))
    return value as OtlpProtocol;
  return { problem: `must be one of ${OTLP_PROTOCOLS.join(', ')}, got ${describe(value)}` };
}

/** A short, quoted rendering of a (non-secret) value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}
