import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import type { CollectorConfig, OtlpProtocol } from '../config/types.js';
import { checkProtocol } from '../config/validate.js';

export const DEFAULT_OTLP_BASE_URL = 'http://localhost:4318';
export const DEFAULT_EXPORT_INTERVAL_MS = 60_000;
export const DEFAULT_EXPORT_TIMEOUT_MS = 10_000;
const METRICS_PATH = '/v1/metrics';

export interface ExportSettings {
  /** Full URL the metrics are POSTed to. */
  url: string;
  protocol: OtlpProtocol;
  /** From OTEL_EXPORTER_OTLP_HEADERS and ..._METRICS_HEADERS (signal-specific wins). May hold API keys: never log. */
  headers: Record<string, string>;
  /** OTEL_METRIC_EXPORT_INTERVAL: how often the long-running mode re-exports the current snapshots. */
  intervalMs: number;
  /** OTEL_EXPORTER_OTLP_(METRICS_)TIMEOUT: bounds one export, the exporter's retries included. */
  timeoutMs: number;
  /** Where the URL came from, for the summary and the startup log. */
  urlSource: 'config' | 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'default';
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
  const target = resolveUrl(otlp, env, problems);
  const protocol = resolveProtocol(otlp, env, problems);
  const intervalMs = positiveMs(env, ['OTEL_METRIC_EXPORT_INTERVAL'], DEFAULT_EXPORT_INTERVAL_MS, problems);
  const timeoutMs = positiveMs(
    env,
    ['OTEL_EXPORTER_OTLP_METRICS_TIMEOUT', 'OTEL_EXPORTER_OTLP_TIMEOUT'],
    DEFAULT_EXPORT_TIMEOUT_MS,
    problems,
  );
  if (!target || !protocol || intervalMs === undefined || timeoutMs === undefined) return { problems };
  const headers = resolveHeaders(env);
  return {
    settings: { url: target.url, urlSource: target.source, protocol, headers, intervalMs, timeoutMs },
    problems: [],
  };
}

function resolveUrl(
  otlp: CollectorConfig['otlp'],
  env: Record<string, string | undefined>,
  problems: string[],
): { url: string; source: ExportSettings['urlSource'] } | undefined {
  if (otlp.endpoint) return { url: appendMetricsPath(otlp.endpoint), source: 'config' };
  const specific = nonEmpty(env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT);
  if (specific !== undefined) {
    return checkHttpUrl(specific, 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', problems)
      ? { url: specific, source: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT' }
      : undefined;
  }
  const base = nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (base !== undefined) {
    return checkHttpUrl(base, 'OTEL_EXPORTER_OTLP_ENDPOINT', problems)
      ? { url: appendMetricsPath(base), source: 'OTEL_EXPORTER_OTLP_ENDPOINT' }
      : undefined;
  }
  return { url: appendMetricsPath(DEFAULT_OTLP_BASE_URL), source: 'default' };
}

function appendMetricsPath(base: string): string {
  return `${base.replace(/\/+$/, '')}${METRICS_PATH}`;
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
  otlp: CollectorConfig['otlp'],
  env: Record<string, string | undefined>,
  problems: string[],
): OtlpProtocol | undefined {
  if (otlp.protocol) return otlp.protocol;
  for (const name of ['OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
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

function resolveHeaders(env: Record<string, string | undefined>): Record<string, string> {
  return {
    ...parseKeyPairsIntoRecord(env.OTEL_EXPORTER_OTLP_HEADERS),
    ...parseKeyPairsIntoRecord(env.OTEL_EXPORTER_OTLP_METRICS_HEADERS),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}
