import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, USAGE } from './main.js';

const TENANT = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const CLIENT = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const SECRET = 'never-print-this-secret-value';

let dir: string;
let validFile: string;
let invalidFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'm365-otel-cli-'));
  validFile = join(dir, 'valid.yaml');
  writeFileSync(
    validFile,
    `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: \${env:M365_CLIENT_SECRET}\n`,
  );
  invalidFile = join(dir, 'invalid.yaml');
  writeFileSync(
    invalidFile,
    `tenants:\n  - tenantId: abc\n    clientId: ${CLIENT}\n    clientSecret: ${SECRET}\nreports: { interval: soon }\n`,
  );
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('usage', () => {
  it('prints help with exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['run', '--help'], ['demo', '-h']]) {
      expect(await cli(argv)).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    }
  });

  it.each([
    [[], 'a command is required'],
    [['collect'], 'unknown command "collect"'],
    [['run', '--config', 'x', '--bogus'], "run: Unknown option '--bogus'"],
    [['validate', '--config', 'x', '--once'], "validate: Unknown option '--once'"],
    [['demo', '--config', 'x'], "demo: Unknown option '--config'"],
    [['run', 'extra'], 'run: Unexpected argument'],
    [['run'], 'run: --config FILE is required'],
    [['validate', '--once'], "validate: Unknown option '--once'"],
    [['diagnostic'], 'diagnostic: --config FILE is required'],
    [['diagnostic', '--config', 'x', '--output', 'xml'], 'diagnostic: --output must be table or json'],
  ])('%j -> usage and exit 2', async (argv, message) => {
    const { code, stderr, stdout } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`m365-otel: ${message}`);
    expect(stderr).toContain(USAGE);
  });

  it('rejects a bad M365_OTEL_LOG_LEVEL as a usage error', async () => {
    const { code, stderr } = await cli(['validate', '--config', validFile], { M365_OTEL_LOG_LEVEL: 'loud' });
    expect(code).toBe(2);
    expect(stderr).toContain('M365_OTEL_LOG_LEVEL: must be one of debug, info, warn, error, got "loud"');
  });
});

describe('validate', () => {
  it('prints a redacted summary with exit 0', async () => {
    const { code, stdout, stderr } = await cli(['validate', '--config', validFile], {
      M365_CLIENT_SECRET: SECRET,
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=hidden-key-value',
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`${validFile}: valid`);
    expect(stdout).toContain(`tenant ${TENANT}: client ${CLIENT}, client secret (redacted)`);
    expect(stdout).toContain('reports: period D7, every 6h, time latest; reads getEmailActivityCounts');
    expect(stdout).toContain(
      'export: OTLP http/protobuf to http://localhost:4318/v1/metrics (from default), headers api-key (values redacted)',
    );
    expect(stdout).toContain(
      'service health: every 5m, issue events (message-center events off); all services and features\n' +
        '  healthy statuses: serviceOperational, serviceRestored, postIncidentReviewPublished, resolved, ' +
        'resolvedExternal, mitigated, mitigatedExternal, falsePositive\n' +
        `state: ${join(dir, 'state')}\n`,
    );
    expect(stdout).toContain(
      'events: OTLP http/protobuf to http://localhost:4318/v1/logs (from default), headers api-key (values redacted)',
    );
    expect(stdout).not.toContain(SECRET);
    expect(stdout).not.toContain('hidden-key-value');
  });

  it('summarises a workload identity by its token file, whose content it never prints', async () => {
    const tokenFile = join(dir, 'azure-identity-token');
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3aSJ9.never-print-this-signature';
    writeFileSync(tokenFile, token);
    const file = join(dir, 'workload-identity.yaml');
    writeFileSync(
      file,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    workloadIdentity:\n      tokenFile: \${env:AZURE_FEDERATED_TOKEN_FILE}\n`,
    );
    const { code, stdout, stderr } = await cli(['validate', '--config', file], {
      AZURE_FEDERATED_TOKEN_FILE: tokenFile,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      `tenant ${TENANT}: client ${CLIENT}, workload identity, federated token file ${tokenFile} (read at each token request)`,
    );
    expect(stdout).not.toContain(token);
  });

  it('refuses a workload identity whose token file is missing, exit 2', async () => {
    const file = join(dir, 'workload-identity-missing.yaml');
    writeFileSync(
      file,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    workloadIdentity:\n      tokenFile: ${join(dir, 'no-token')}\n`,
    );
    const { code, stderr } = await cli(['validate', '--config', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `tenants[0].workloadIdentity.tokenFile: file ${join(dir, 'no-token')} does not exist or cannot be read`,
    );
  });

  it('summarises service-health filters and the logs endpoint', async () => {
    const file = join(dir, 'filters.yaml');
    writeFileSync(
      file,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: x\n` +
        'serviceHealth:\n  interval: 2m\n  messages: true\n' +
        '  include: { services: [Exchange Online, "/^Microsoft/i"] }\n  exclude: { features: [Sites] }\n' +
        '  healthyStatuses: [serviceOperational]\nstate: { directory: /var/lib/m365-otel }\n',
    );
    const { code, stdout } = await cli(['validate', '--config', file], {
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://logs.example:4318/v1/logs',
      OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/json',
    });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'service health: every 2m, issue events and message-center events; ' +
        'include services "Exchange Online", /^Microsoft/i; exclude features "Sites"\n' +
        '  healthy statuses: serviceOperational\nstate: /var/lib/m365-otel\n',
    );
    expect(stdout).toContain(
      'events: OTLP http/json to https://logs.example:4318/v1/logs (from OTEL_EXPORTER_OTLP_LOGS_ENDPOINT)',
    );
  });

  it("summarises governance, call quality and a custom cloud's endpoints", async () => {
    const file = join(dir, 'governance.yaml');
    writeFileSync(
      file,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: x\n    cloud: custom\n` +
        '    endpoints: { authority: https://login.example, graph: https://graph.example, arm: https://arm.example }\n' +
        'governance: { enabled: true, interval: 1h, tenantSettings: false, connectHealth: true }\n' +
        'callQuality: { enabled: true, records: true }\n',
    );
    const { code, stdout } = await cli(['validate', '--config', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '    cloud custom (authority https://login.example, graph https://graph.example, arm https://arm.example)\n',
    );
    // What to grant, from the clients' declarations, each with the signals that need it.
    expect(stdout).toContain(
      'governance: every 1h; licences, appCredentials, directorySync, connectHealth\n' +
        '  needs granted:\n' +
        '    - LicenseAssignment.Read.All (application): licences\n' +
        '    - Organization.Read.All (application): licences; directorySync\n' +
        '    - Application.Read.All (application): appCredentials\n' +
        '    - OnPremDirectorySynchronization.Read.All (application): directorySync, optional\n' +
        '    - User.Read.All (application): directorySync\n' +
        "    - the Azure role Reader on Microsoft Entra Connect Health (granted to the app's service principal) with Microsoft Entra ID P1 or P2: connectHealth\n" +
        'call quality: every 15m, a log record per call\n',
    );
  });

  it('leaves out of the governance poll a signal whose metrics are all off', async () => {
    const file = join(dir, 'governance-metrics.yaml');
    writeFileSync(
      file,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: x\n` +
        'governance: { enabled: true, appCredentials: false, tenantSettings: false, directorySync: false }\n' +
        'metrics:\n  m365.license.units: { enabled: false }\n  m365.license.utilization: { enabled: false }\n' +
        '  m365.license.sku.status: { enabled: false }\n  m365.subscription.count: { enabled: false }\n' +
        '  m365.subscription.lifecycle.remaining: { enabled: false }\n',
    );
    const { code, stdout } = await cli(['validate', '--config', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'governance: every 6h; no signal polled; not polled, every metric of theirs off: licences\n',
    );
  });

  it('summarises a gRPC export: the server as is, the default being localhost:4317', async () => {
    const { code, stdout } = await cli(['validate', '--config', validFile], {
      M365_CLIENT_SECRET: SECRET,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://logs.example:4317',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('export: OTLP grpc to http://localhost:4317/ (from default)');
    expect(stdout).toContain(
      'events: OTLP grpc to https://logs.example:4317/ (from OTEL_EXPORTER_OTLP_LOGS_ENDPOINT)',
    );
  });

  it('says when service health is off, and then ignores the LOGS_ variables', async () => {
    const file = join(dir, 'off.yaml');
    writeFileSync(
      file,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: x\nserviceHealth: { enabled: false }\n`,
    );
    const { code, stdout } = await cli(['validate', '--config', file], {
      OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/thrift',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('service health: disabled\n');
    expect(stdout).not.toContain('events:');
    // The reports still keep their refresh dates there.
    expect(stdout).toContain(`state: ${join(dir, 'state')}\n`);
  });

  it('summarises the audit log, which needs the logs endpoint and the state directory as service health does', async () => {
    const file = join(dir, 'audit.yaml');
    writeFileSync(
      file,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: x\n` +
        'serviceHealth: { enabled: false }\naudit: { enabled: true, contentTypes: [Audit.Exchange, DLP.All] }\n' +
        'state: { directory: /var/lib/m365-otel }\n',
    );
    const { code, stdout } = await cli(['validate', '--config', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'audit log: Audit.Exchange, DLP.All; every 3m, first run from 24h back, overlap 15m, publisher each ' +
        'tenant id, 100000 record Ids remembered per content type\nservice health: disabled\nstate: /var/lib/m365-otel\n',
    );
    expect(stdout).toContain('events: OTLP http/protobuf to http://localhost:4318/v1/logs (from default)');
  });

  it('lists every problem with exit 2, without the secret', async () => {
    const { code, stdout, stderr } = await cli(['validate', '--config', invalidFile]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `${invalidFile}: invalid\n` +
        '  - tenants[0].tenantId: must be a GUID, got a 3-character string\n' +
        '  - reports.interval: must be a duration like 30m or 6h, got "soon"\n',
    );
  });

  it('names an unset variable', async () => {
    const { code, stderr } = await cli(['validate', '--config', validFile]);
    expect(code).toBe(2);
    expect(stderr).toContain('tenants[0].clientSecret: environment variable M365_CLIENT_SECRET is not set');
  });

  it('refuses a state directory that cannot hold state, with exit 2', async () => {
    const onProc = join(dir, 'proc.yaml');
    writeFileSync(
      onProc,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: x\nstate: { directory: /proc/m365-otel }\n`,
    );
    const blocked = join(dir, 'blocked.yaml');
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    writeFileSync(
      blocked,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: x\nstate: { directory: a-file/state }\n`,
    );
    const proc = await cli(['validate', '--config', onProc]);
    expect(proc.code).toBe(2);
    expect(proc.stderr).toContain(
      "state.directory: /proc/m365-otel lies on /proc, a kernel pseudo-filesystem that cannot hold the collector's files",
    );
    const unwritable = await cli(['run', '--once', '--config', blocked]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain(`state directory ${join(dir, 'a-file', 'state')} is not writable`);
  });

  it.each([['validate'], ['run', '--once'], ['run'], ['diagnostic']])(
    '%s refuses NODE_TLS_REJECT_UNAUTHORIZED=0 with exit 2',
    async (...command) => {
      const { code, stdout, stderr } = await cli([...command, '--config', validFile], {
        M365_CLIENT_SECRET: SECRET,
        NODE_TLS_REJECT_UNAUTHORIZED: '0',
      });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        /NODE_TLS_REJECT_UNAUTHORIZED: set to .+0.+, which turns off TLS certificate verification/,
      );
    },
  );

  it('includes OTEL_* problems', async () => {
    const { code, stderr } = await cli(['validate', '--config', validFile], {
      M365_CLIENT_SECRET: SECRET,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/thrift',
      OTEL_RESOURCE_ATTRIBUTES: 'broken',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('OTEL_EXPORTER_OTLP_PROTOCOL: must be one of http/protobuf, http/json, grpc');
    expect(stderr).toContain('OTEL_RESOURCE_ATTRIBUTES: expected key=value pairs');
  });
});

describe('run', () => {
  it('exits 2 on an invalid config, logging the problems as JSON', async () => {
    const { code, stderr } = await cli(['run', '--once', '--config', invalidFile]);
    expect(code).toBe(2);
    const record = JSON.parse(stderr.trim().split('\n')[0] ?? '') as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'error', msg: 'invalid configuration', config: invalidFile });
    expect(record.problems).toContain('tenants[0].tenantId: must be a GUID, got a 3-character string');
    expect(stderr).not.toContain(SECRET);
  });

  it('exits 1 when another live process holds the state directory, naming it', async () => {
    const locked = join(dir, 'locked.yaml');
    mkdirSync(join(dir, 'locked-state'));
    // The test runner's parent process: alive, and not this process.
    writeFileSync(join(dir, 'locked-state', '.lock'), `${process.ppid}\n`);
    writeFileSync(
      locked,
      `tenants:\n  - tenantId: ${TENANT}\n    clientId: ${CLIENT}\n    clientSecret: x\nstate: { directory: locked-state }\n`,
    );
    const { code, stderr } = await cli(['run', '--once', '--config', locked]);
    expect(code).toBe(1);
    expect(stderr).toContain(`is in use by process ${process.ppid}`);
  });
});
