import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { otelcolBinary } from './binary.ts';
import { type OtelcolOutcome, runOtelcol, validateOtelcolConfig } from './run.ts';

// The smallest config that uses every component of the build: OTLP in over gRPC and HTTP behind a bearer token,
// through each processor, out to each exporter (one of them queueing on file_storage), with the health check.
// `validate` resolves and checks it without opening a port or a file.
function allComponentsConfig(outputFile: string, fileFormat = 'json'): string {
  return `extensions:
  bearertokenauth:
    token: validate-only
  health_check:
    endpoint: 127.0.0.1:13133
  file_storage:
    directory: ${outputFile}.queue
    create_directory: true
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:4317
        auth:
          authenticator: bearertokenauth
      http:
        endpoint: 127.0.0.1:4318
        auth:
          authenticator: bearertokenauth
processors:
  memory_limiter:
    check_interval: 1s
    limit_mib: 200
  resource:
    attributes:
      - { key: deployment.environment.name, value: test, action: upsert }
  transform:
    log_statements:
      - set(log.attributes["event.name"], log.event_name)
  groupbyattrs:
    keys: [event.name]
  batch:
exporters:
  debug:
    verbosity: basic
  otlp_http:
    endpoint: http://127.0.0.1:8428/opentelemetry
    sending_queue:
      storage: file_storage
  file:
    path: ${outputFile}
    format: ${fileFormat}
  prometheus_remote_write:
    endpoint: http://127.0.0.1:9090/api/v1/write
service:
  extensions: [bearertokenauth, health_check, file_storage]
  pipelines:
    metrics:
      receivers: [otlp]
      processors: [memory_limiter, resource, batch]
      exporters: [debug, otlp_http, file, prometheus_remote_write]
    logs:
      receivers: [otlp]
      processors: [memory_limiter, resource, transform, groupbyattrs, batch]
      exporters: [debug, otlp_http, file]
`;
}

describe('the built OpenTelemetry Collector', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'm365-otelcol-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function validate(config: string): Promise<OtelcolOutcome> {
    const path = join(dir, 'config.yaml');
    await writeFile(path, config);
    return validateOtelcolConfig(path);
  }

  it('is handed to the tests through M365_OTELCOL_BIN, and its absence is an error', () => {
    expect(() => otelcolBinary({})).toThrow(/M365_OTELCOL_BIN is not set.*scripts\/build-otelcol\.sh/);
  });

  it('lists exactly the components the tests use, all from one Collector release', async () => {
    const { exitCode, stdout } = await runOtelcol(['components']);
    expect(exitCode).toBe(0);
    const listed = parse(stdout) as Record<string, { name: string; module: string }[]>;
    const names = (kind: string) => listed[kind]?.map((component) => component.name).sort();
    expect(names('receivers')).toEqual(['otlp']);
    expect(names('processors')).toEqual(['batch', 'groupbyattrs', 'memory_limiter', 'resource', 'transform']);
    expect(names('exporters')).toEqual(['debug', 'file', 'otlp_http', 'prometheus_remote_write']);
    expect(names('extensions')).toEqual(['bearertokenauth', 'file_storage', 'health_check']);
    const modules = ['receivers', 'processors', 'exporters', 'extensions'].flatMap(
      (kind) => listed[kind] ?? [],
    );
    const releases = new Set(modules.map((component) => component.module.split(' ')[1]));
    expect(releases.size).toBe(1);
  });

  it('validates a config that uses every component', async () => {
    const outcome = await validate(allComponentsConfig(join(dir, 'telemetry.json')));
    expect(outcome).toMatchObject({ exitCode: 0 });
  });

  it('rejects a file exporter format it does not know', async () => {
    const outcome = await validate(allComponentsConfig(join(dir, 'telemetry.json'), 'xml'));
    expect(outcome.exitCode).not.toBe(0);
    expect(outcome.stderr).toContain('exporters::file: format type is not supported');
  });

  it('rejects an OTTL statement it cannot parse', async () => {
    const outcome = await validate(
      allComponentsConfig(join(dir, 'telemetry.json')).replace('log.event_name)', 'log.no_such_path)'),
    );
    expect(outcome.exitCode).not.toBe(0);
    expect(outcome.stderr).toContain('processors::transform');
  });

  it('rejects a component that is not in the build', async () => {
    const outcome = await validate(
      allComponentsConfig(join(dir, 'telemetry.json')).replace(/\bdebug\b/g, 'kafka'),
    );
    expect(outcome.exitCode).not.toBe(0);
    expect(outcome.stderr).toContain(`'exporters' unknown type: "kafka"`);
  });
});
