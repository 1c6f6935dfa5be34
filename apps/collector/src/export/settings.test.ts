import { describe, expect, it } from 'vitest';
import { parseResourceAttributes, serviceResource, tenantResource } from './resource.js';
import { resolveExportSettings, resolveLogExportSettings } from './settings.js';

describe('OTLP endpoint and protocol', () => {
  const resolve = (otlp: Parameters<typeof resolveExportSettings>[0], env: Record<string, string>) =>
    resolveExportSettings(otlp, env);

  it('defaults to the OTel Collector on localhost with protobuf and a 60 s interval', () => {
    expect(resolve({}, {}).settings).toEqual({
      url: 'http://localhost:4318/v1/metrics',
      urlSource: 'default',
      protocol: 'http/protobuf',
      headers: {},
      intervalMs: 60_000,
      timeoutMs: 10_000,
    });
  });

  it('prefers config, then the metrics endpoint as given, then the base endpoint plus /v1/metrics', () => {
    const env = {
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://metrics:9999/custom/path',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318/',
    };
    expect(resolve({ endpoint: 'https://config:4318' }, env).settings?.url).toBe(
      'https://config:4318/v1/metrics',
    );
    expect(resolve({}, env).settings).toMatchObject({
      url: 'http://metrics:9999/custom/path',
      urlSource: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
    });
    expect(resolve({}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318/' }).settings).toMatchObject({
      url: 'http://base:4318/v1/metrics',
      urlSource: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    });
  });

  it('prefers config, then the metrics protocol, then the general protocol', () => {
    const env = {
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    };
    expect(resolve({ protocol: 'http/protobuf' }, env).settings?.protocol).toBe('http/protobuf');
    expect(resolve({}, env).settings?.protocol).toBe('http/json');
    expect(resolve({}, { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).settings?.protocol).toBe('http/json');
  });

  it('rejects unknown protocols, bad URLs and bad intervals precisely, all together', () => {
    expect(
      resolve(
        {},
        {
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/thrift',
          OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4317',
          OTEL_METRIC_EXPORT_INTERVAL: '10s',
        },
      ).problems,
    ).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL: must be one of http/protobuf, http/json, grpc, got "http/thrift"',
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an http or https URL, got "localhost:4317"',
      'OTEL_METRIC_EXPORT_INTERVAL: must be a positive whole number of milliseconds, got "10s"',
    ]);
  });

  it('uses a gRPC endpoint as is, wherever it comes from, defaulting to localhost:4317', () => {
    const grpc = { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' };
    expect(resolve({}, grpc).settings).toMatchObject({
      url: 'http://localhost:4317',
      urlSource: 'default',
      protocol: 'grpc',
    });
    expect(resolve({ endpoint: 'https://config:4317', protocol: 'grpc' }, {}).settings?.url).toBe(
      'https://config:4317',
    );
    expect(resolve({}, { ...grpc, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4317' }).settings).toMatchObject({
      url: 'http://base:4317',
      urlSource: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    });
    expect(
      resolve({}, { ...grpc, OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'https://metrics:4317/' }).settings?.url,
    ).toBe('https://metrics:4317/');
  });

  it('refuses a gRPC endpoint with a path, which names no server', () => {
    expect(resolve({ endpoint: 'http://otel:4317/otlp', protocol: 'grpc' }, {}).problems).toEqual([
      'export.otlp.endpoint: an OTLP/gRPC endpoint is a scheme, host and port (for example http://localhost:4317), got "http://otel:4317/otlp"',
    ]);
    expect(
      resolve({}, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4317/v1' })
        .problems,
    ).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT: an OTLP/gRPC endpoint is a scheme, host and port (for example http://localhost:4317), got "http://otel:4317/v1"',
    ]);
  });

  it('sends headers as gRPC metadata, refusing those gRPC cannot carry without echoing their values', () => {
    const env = { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_HEADERS: 'API-Key=secret1' };
    expect(resolve({}, env).settings?.headers).toEqual({ 'API-Key': 'secret1' });
    const problems = resolve(
      {},
      { ...env, OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'token-bin=secret2,x%20y=secret3,ok=caf%C3%A9' },
    ).problems;
    expect(problems).toEqual(
      ['token-bin', 'x y', 'ok'].map(
        (name) =>
          `OTEL_EXPORTER_OTLP_METRICS_HEADERS / OTEL_EXPORTER_OTLP_HEADERS: header "${name}" cannot be sent as gRPC metadata (names: letters, digits, _ . -, not ending in -bin; values: printable ASCII)`,
      ),
    );
    expect(problems.join()).not.toMatch(/secret|café/);
  });

  it('reads the export timeout, the metrics-specific one winning', () => {
    expect(resolve({}, { OTEL_EXPORTER_OTLP_TIMEOUT: '5000' }).settings?.timeoutMs).toBe(5000);
    expect(
      resolve({}, { OTEL_EXPORTER_OTLP_TIMEOUT: '5000', OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '2000' }).settings
        ?.timeoutMs,
    ).toBe(2000);
    expect(resolve({}, { OTEL_EXPORTER_OTLP_TIMEOUT: '-1' }).problems).toEqual([
      'OTEL_EXPORTER_OTLP_TIMEOUT: must be a positive whole number of milliseconds, got "-1"',
    ]);
  });

  it('reads the interval and merges headers, the metrics-specific ones winning', () => {
    const settings = resolve(
      {},
      {
        OTEL_METRIC_EXPORT_INTERVAL: '15000',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=general,x-team=m365',
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'api-key=metrics',
      },
    ).settings;
    expect(settings?.intervalMs).toBe(15_000);
    expect(settings?.headers).toEqual({ 'api-key': 'metrics', 'x-team': 'm365' });
  });
});

describe('OTLP logs endpoint, protocol, headers and timeout', () => {
  const resolve = (otlp: Parameters<typeof resolveLogExportSettings>[0], env: Record<string, string>) =>
    resolveLogExportSettings(otlp, env);

  it('defaults to the OTel Collector on localhost with protobuf', () => {
    expect(resolve({}, {}).settings).toEqual({
      url: 'http://localhost:4318/v1/logs',
      urlSource: 'default',
      protocol: 'http/protobuf',
      headers: {},
      timeoutMs: 10_000,
      limits: { attributeValueLengthLimit: 8192, attributeCountLimit: 128 },
    });
  });

  it('reads the log-record limits, the LOGRECORD_ variables winning over the general ones', () => {
    expect(
      resolve({}, { OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '100', OTEL_ATTRIBUTE_COUNT_LIMIT: '10' }).settings
        ?.limits,
    ).toEqual({ attributeValueLengthLimit: 100, attributeCountLimit: 10 });
    expect(
      resolve(
        {},
        {
          OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '100',
          OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT: '50',
          OTEL_ATTRIBUTE_COUNT_LIMIT: '10',
          OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT: '5',
        },
      ).settings?.limits,
    ).toEqual({ attributeValueLengthLimit: 50, attributeCountLimit: 5 });
    expect(resolve({}, { OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT: '-1' }).problems).toEqual([
      'OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT: must be a whole number, got "-1"',
    ]);
  });

  it('prefers config + /v1/logs, then the logs endpoint as given, then the base endpoint + /v1/logs', () => {
    const env = {
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://logs:9999/custom/path',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://metrics:9999/ignored',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318/',
    };
    expect(resolve({ endpoint: 'https://config:4318' }, env).settings).toMatchObject({
      url: 'https://config:4318/v1/logs',
      urlSource: 'config',
    });
    expect(resolve({}, env).settings).toMatchObject({
      url: 'http://logs:9999/custom/path',
      urlSource: 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
    });
    expect(resolve({}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318/' }).settings).toMatchObject({
      url: 'http://base:4318/v1/logs',
      urlSource: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    });
    // The metrics-specific endpoint never redirects the logs (and vice versa).
    expect(resolve({}, { OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://metrics:1/x' }).settings?.url).toBe(
      'http://localhost:4318/v1/logs',
    );
    expect(
      resolveExportSettings({}, { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://logs:1/x' }).settings?.url,
    ).toBe('http://localhost:4318/v1/metrics');
  });

  it('prefers config, then the logs protocol, then the general protocol', () => {
    const env = {
      OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    };
    expect(resolve({ protocol: 'http/protobuf' }, env).settings?.protocol).toBe('http/protobuf');
    expect(resolve({}, env).settings?.protocol).toBe('http/json');
    expect(resolve({}, { OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json' }).settings?.protocol).toBe(
      'http/protobuf',
    );
  });

  it('merges headers and reads the timeout, the logs-specific ones winning', () => {
    const settings = resolve(
      {},
      {
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=general,x-team=m365',
        OTEL_EXPORTER_OTLP_LOGS_HEADERS: 'api-key=logs',
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'api-key=metrics',
        OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
        OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '2500',
      },
    ).settings;
    expect(settings?.headers).toEqual({ 'api-key': 'logs', 'x-team': 'm365' });
    expect(settings?.timeoutMs).toBe(2500);
  });

  it('names the LOGS_ variable that is wrong', () => {
    expect(
      resolve(
        {},
        {
          OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'logs:4318',
          OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http',
          OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '1s',
        },
      ).problems,
    ).toEqual([
      'OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: must be one of http/protobuf, http/json, grpc, got "http"',
      'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: must be an http or https URL, got "logs:4318"',
      'OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: must be a positive whole number of milliseconds, got "1s"',
    ]);
  });
});

describe('resources', () => {
  it('has our service defaults with the SDK identity', () => {
    const { resource } = serviceResource({});
    expect(resource?.attributes).toMatchObject({
      'service.name': 'm365-otel',
      'service.version': '0.1.0',
      'telemetry.sdk.language': 'nodejs',
    });
  });

  it('lets OTEL_RESOURCE_ATTRIBUTES and then OTEL_SERVICE_NAME override, but never the tenant id', () => {
    const { resource } = serviceResource({
      OTEL_RESOURCE_ATTRIBUTES:
        'service.name=from-attrs,deployment.environment.name=prod,team=a%2Cb,m365.tenant.id=forged',
      OTEL_SERVICE_NAME: 'm365-prod',
    });
    expect(resource?.attributes).toMatchObject({
      'service.name': 'm365-prod',
      'deployment.environment.name': 'prod',
      team: 'a,b',
    });
    const tenant = resource ? tenantResource(resource, 'real-tenant') : undefined;
    expect(tenant?.attributes['m365.tenant.id']).toBe('real-tenant');
    expect(tenant?.attributes['service.name']).toBe('m365-prod');
  });

  it('rejects a malformed OTEL_RESOURCE_ATTRIBUTES instead of dropping it silently', () => {
    expect(serviceResource({ OTEL_RESOURCE_ATTRIBUTES: 'a=1,b' }).problems).toEqual([
      "OTEL_RESOURCE_ATTRIBUTES: expected key=value pairs separated by commas (percent-encode ',' and '=' in values), got \"b\"",
    ]);
    expect(parseResourceAttributes('k=%E0%A4%A')).toBe('invalid percent-encoding in "k=%E0%A4%A"');
    expect(parseResourceAttributes('=v')).toBe('empty key in "=v"');
  });
});
