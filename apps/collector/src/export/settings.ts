import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import type { CollectorConfig, OtlpProtocol } from '../config/types.js';
import { checkProtocol } from '../config/validate.js';

export const DEFAULT_OTLP_BASE_URL = 'http://localhost:4318';
/** The specification's default for OTLP/gRPC, whose target is the endpoint itself (no signal path). */
export const DEFAULT_OTLP_GRPC_URL = 'http://localhost:4317';
export const DEFAULT_EXPORT_INTERVAL_MS = 60_000;
export const DEFAULT_EXPORT_TIMEOUT_MS = 10_000;
/**
 * Longest string an event attribute or body member keeps when no OTEL_*_ATTRIBUTE_VALUE_LENGTH_LIMIT is set. The
 * specification's default is unlimited, which let a 5 MB issue title become a 10 MB logs request; 8 KiB holds any
 * real title or post and keeps a request of 512 events within common backends' body limits.
 */
export const DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT = 8 * 1024;
/** The specification's default attribute count limit. */
export const DEFAULT_ATTRIBUTE_COUNT_LIMIT = 128;

export const DEFAULT_LOG_RECORD_LIMITS: LogRecordLimits = {
  attributeValueLengthLimit: DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT,
  attributeCountLimit: DEFAULT_ATTRIBUTE_COUNT_LIMIT,
};

/** The SDK's logRecordLimits, resolved from the standard variables (the SDK does not read them itself). */
export interface LogRecordLimits {
  /** Characters a string attribute value (and, here, a string in the body) keeps; longer ones are cut. */
  attributeValueLengthLimit: number;
  /** Attributes a record keeps; later ones are dropped. */
  attributeCountLimit: number;
}

/** What differs between the metrics and the logs pipeline: the URL path and the signal's variable names. */
const SIGNALS = {
  metrics: { path: '/v1/metrics', prefix: 'OTEL_EXPORTER_OTLP_METRICS' },
  logs: { path: '/v1/logs', prefix: 'OTEL_EXPORTER_OTLP_LOGS' },
} as const;
type Signal = keyof typeof SIGNALS;
type EndpointSource<S extends Signal> =
  | 'config'
  | `${(typeof SIGNALS)[S]['prefix']}_ENDPOINT`
  | 'OTEL_EXPORTER_OTLP_ENDPOINT'
  | 'default';

export interface ExportSettings {
  /** Full URL the metrics are POSTed to; for gRPC the server's address (scheme http: plaintext, https: TLS). */
  url: string;
  protocol: OtlpProtocol;
  /** From OTEL_EXPORTER_OTLP_HEADERS and ..._METRICS_HEADERS (signal-specific wins). May hold API keys: never log. */
  headers: Record<string, string>;
  /** OTEL_METRIC_EXPORT_INTERVAL: how often the long-running mode re-exports the current snapshots. */
  intervalMs: number;
  /** OTEL_EXPORTER_OTLP_(METRICS_)TIMEOUT: bounds one export, the exporter's retries included. */
  timeoutMs: number;
  /** Where the URL came from, for the summary and the startup log. */
  urlSource: EndpointSource<'metrics'>;
}

/** The OTLP/HTTP logs target, for service-health events: same rules as metrics, with the LOGS_ variables. */
export interface LogExportSettings {
  /** Full URL the log records are POSTed to; for gRPC the server's address, as for metrics. */
  url: string;
  protocol: OtlpProtocol;
  /** From OTEL_EXPORTER_OTLP_HEADERS and ..._LOGS_HEADERS (signal-specific wins). May hold API keys: never log. */
  headers: Record<string, string>;
  /** OTEL_EXPORTER_OTLP_(LOGS_)TIMEOUT. */
  timeoutMs: number;
  urlSource: EndpointSource<'logs'>;
  /** OTEL_LOGRECORD_ATTRIBUTE_*_LIMIT, else OTEL_ATTRIBUTE_*_LIMIT, else the defaults above. */
  limits: LogRecordLimits;
}

/**
 * Resolves the OTLP target: the config file first, then the standard OTEL_* variables, then the OTel Collector's
 * default. The SDK's exporter reads the endpoint, headers and timeout variables itself, but only from process.env and
 * never the protocol or the interval; reading them all here keeps every choice in one place, validated, and testable
 * with an injected env. (Values passed to the exporter win over what it reads from process.env.)
 */
export function resolveExportSettings(
  otlp: CollectorConfig['otlp'],
  env: Record<string, string | undefined>,
): { settings: ExportSettings; problems: [] } | { settings?: undefined; problems: string[] } {
  const problems: string[] = [];
  const protocol = resolveProtocol('metrics', otlp, env, problems);
  const target = resolveUrl('metrics', protocol, otlp, env, problems);
  const headers = resolveHeaders('metrics', protocol, env, problems);
  const intervalMs = positiveMs(env, ['OTEL_METRIC_EXPORT_INTERVAL'], DEFAULT_EXPORT_INTERVAL_MS, problems);
  const timeoutMs = resolveTimeout('metrics', env, problems);
  if (!target || !protocol || !headers || intervalMs === undefined || timeoutMs === undefined)
    return { problems };
  return {
    settings: {
      url: target.url,
      urlSource: target.source,
      protocol,
      headers,
      intervalMs,
      timeoutMs,
    },
    problems: [],
  };
}

/**
 * The logs counterpart of resolveExportSettings: export.otlp.endpoint + /v1/logs, else
 * OTEL_EXPORTER_OTLP_LOGS_ENDPOINT as given, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/logs, else localhost:4318; the
 * protocol, headers and timeout likewise prefer their LOGS_ variants (for gRPC no path is appended, see resolveUrl). A backend can take metrics and logs at different
 * places (a Prometheus-compatible store and a log store), which is what the LOGS_ variables are for.
 */
export function resolveLogExportSettings(
  otlp: CollectorConfig['otlp'],
  env: Record<string, string | undefined>,
): { settings: LogExportSettings; problems: [] } | { settings?: undefined; problems: string[] } {
  const problems: string[] = [];
  const protocol = resolveProtocol('logs', otlp, env, problems);
  const target = resolveUrl('logs', protocol, otlp, env, problems);
  const headers = resolveHeaders('logs', protocol, env, problems);
  const timeoutMs = resolveTimeout('logs', env, problems);
  const attributeValueLengthLimit = wholeNumber(
    env,
    ['OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT', 'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT'],
    DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT,
    problems,
  );
  const attributeCountLimit = wholeNumber(
    env,
    ['OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT', 'OTEL_ATTRIBUTE_COUNT_LIMIT'],
    DEFAULT_ATTRIBUTE_COUNT_LIMIT,
    problems,
  );
  if (
    !target ||
    !protocol ||
    !headers ||
    timeoutMs === undefined ||
    attributeValueLengthLimit === undefined ||
    attributeCountLimit === undefined
  )
    return { problems };
  return {
    settings: {
      url: target.url,
      urlSource: target.source,
      protocol,
      headers,
      timeoutMs,
      limits: { attributeValueLengthLimit, attributeCountLimit },
    },
    problems: [],
  };
}

/**
 * OTLP/HTTP appends the signal's path to a base endpoint. OTLP/gRPC names a server, not a URL: every endpoint is used
 * as is and a path is refused (the SDK would silently drop it), the default being localhost:4317.
 */
function resolveUrl<S extends Signal>(
  signal: S,
  protocol: OtlpProtocol | undefined,
  otlp: CollectorConfig['otlp'],
  env: Record<string, string | undefined>,
  problems: string[],
): { url: string; source: EndpointSource<S> } | undefined {
  const { path, prefix } = SIGNALS[signal];
  const grpc = protocol === 'grpc';
  const target = <T extends EndpointSource<S>>(url: string, source: T, name: string) =>
    grpc && !checkGrpcAddress(url, name, problems) ? undefined : { url, source };
  if (otlp.endpoint) {
    return target(grpc ? otlp.endpoint : appendPath(otlp.endpoint, path), 'config', 'export.otlp.endpoint');
  }
  const specificName = `${prefix}_ENDPOINT` as const;
  const specific = nonEmpty(env[specificName]);
  if (specific !== undefined) {
    return checkHttpUrl(specific, specificName, problems)
      ? target(specific, specificName, specificName)
      : undefined;
  }
  const base = nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (base !== undefined) {
    return checkHttpUrl(base, 'OTEL_EXPORTER_OTLP_ENDPOINT', problems)
      ? target(
          grpc ? base : appendPath(base, path),
          'OTEL_EXPORTER_OTLP_ENDPOINT',
          'OTEL_EXPORTER_OTLP_ENDPOINT',
        )
      : undefined;
  }
  return { url: grpc ? DEFAULT_OTLP_GRPC_URL : appendPath(DEFAULT_OTLP_BASE_URL, path), source: 'default' };
}

function checkGrpcAddress(value: string, name: string, problems: string[]): boolean {
  const { pathname, search, hash } = new URL(value);
  if ((pathname === '' || pathname === '/') && search === '' && hash === '') return true;
  problems.push(
    `${name}: an OTLP/gRPC endpoint is a scheme, host and port (for example http://localhost:4317), got ${JSON.stringify(value)}`,
  );
  return false;
}

function appendPath(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

function checkHttpUrl(value: string, name: string, problems: string[]): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return true;
  } catch {
    // reported below
  }
  problems.push(`${name}: must be an http or https URL, got ${JSON.stringify(value)}`);
  return false;
}

function resolveProtocol(
  signal: Signal,
  otlp: CollectorConfig['otlp'],
  env: Record<string, string | undefined>,
  problems: string[],
): OtlpProtocol | undefined {
  if (otlp.protocol) return otlp.protocol;
  for (const name of [`${SIGNALS[signal].prefix}_PROTOCOL`, 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const value = nonEmpty(env[name]);
    if (value === undefined) continue;
    const protocol = checkProtocol(value);
    if (typeof protocol === 'string') return protocol;
    problems.push(`${name}: ${protocol.problem}`);
    return undefined;
  }
  return 'http/protobuf';
}

/** The first of `names` that is set, as a positive whole number of milliseconds. */
function positiveMs(
  env: Record<string, string | undefined>,
  names: readonly string[],
  fallback: number,
  problems: string[],
): number | undefined {
  for (const name of names) {
    const value = nonEmpty(env[name]);
    if (value === undefined) continue;
    const ms = Number(value);
    if (Number.isSafeInteger(ms) && ms > 0) return ms;
    problems.push(`${name}: must be a positive whole number of milliseconds, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return fallback;
}

/** The first of `names` that is set, as a whole number (0 allowed: a limit of 0 keeps nothing). */
function wholeNumber(
  env: Record<string, string | undefined>,
  names: readonly string[],
  fallback: number,
  problems: string[],
): number | undefined {
  for (const name of names) {
    const value = nonEmpty(env[name]);
    if (value === undefined) continue;
    const number = Number(value);
    if (Number.isSafeInteger(number) && number >= 0) return number;
    problems.push(`${name}: must be a whole number, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return fallback;
}

function resolveTimeout(
  signal: Signal,
  env: Record<string, string | undefined>,
  problems: string[],
): number | undefined {
  const names = [`${SIGNALS[signal].prefix}_TIMEOUT`, 'OTEL_EXPORTER_OTLP_TIMEOUT'];
  return positiveMs(env, names, DEFAULT_EXPORT_TIMEOUT_MS, problems);
}

/** gRPC metadata keys (grpc-js lower-cases them first); `-bin` keys would need binary values, which headers are not. */
const GRPC_METADATA_KEY = /^(?!.*-bin$)[0-9a-z_.-]+$/;
/** gRPC metadata text values: printable ASCII. */
const GRPC_METADATA_VALUE = /^[\x20-\x7e]*$/;

function resolveHeaders(
  signal: Signal,
  protocol: OtlpProtocol | undefined,
  env: Record<string, string | undefined>,
  problems: string[],
): Record<string, string> | undefined {
  const specificName = `${SIGNALS[signal].prefix}_HEADERS`;
  const headers = {
    ...parseKeyPairsIntoRecord(env.OTEL_EXPORTER_OTLP_HEADERS),
    ...parseKeyPairsIntoRecord(env[specificName]),
  };
  if (protocol !== 'grpc') return headers;
  const count = problems.length;
  for (const [name, value] of Object.entries(headers)) {
    // Values may be API keys: only the name is ever echoed.
    if (!GRPC_METADATA_KEY.test(name.toLowerCase()) || !GRPC_METADATA_VALUE.test(value)) {
      problems.push(
        `${specificName} / OTEL_EXPORTER_OTLP_HEADERS: header ${JSON.stringify(name)} cannot be sent as gRPC metadata (names: letters, digits, _ . -, not ending in -bin; values: printable ASCII)`,
      );
    }
  }
  return problems.length === count ? headers : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}
