import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './cli-options.js';
import type { SimulatorOptions } from './server.js';

function parseCliOptions(argv: string[]): SimulatorOptions {
  return parseCliArguments(argv).simulator;
}

describe('parseCliArguments', () => {
  it('maps every flag', () => {
    expect(
      parseCliOptions([
        '--seed',
        '4',
        '--users',
        '1000',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--data-dir',
        '/tmp/sim',
        '--download-host',
        'downloads.localhost',
        '--token-lifetime',
        '60',
        '--download-url-lifetime',
        '30',
        '--concealed-names',
        '--report-settings-shape',
        'wrapped',
        '--header-drift',
        'rename',
        '--enum-case',
        'pascal',
        '--service-health-step',
        '3',
        '--management-host',
        'manage.localhost',
        '--content-page-size',
        '7',
        '--audit-records-per-blob',
        '700',
        '--audit-slot-minutes',
        '5',
        '--clock-skew-ms=-600000',
      ]),
    ).toEqual({
      seed: 4,
      users: 1000,
      host: '127.0.0.1',
      port: 0,
      dataDir: '/tmp/sim',
      downloadHostName: 'downloads.localhost',
      tokenLifetimeSeconds: 60,
      downloadUrlLifetimeSeconds: 30,
      concealedNames: true,
      reportSettingsShape: 'wrapped',
      headerDrift: 'rename',
      enumCase: 'pascal',
      managementHostName: 'manage.localhost',
      contentPageSize: 7,
      serviceHealthStep: 3,
      auditBacklog: { recordsPerBlob: 700, slotMinutes: 5 },
      clockSkewMs: -600_000,
    });
  });

  it('maps the governance flags: the ARM host, each permission denied, no Entra ID P2', () => {
    const options = parseCliOptions([
      '--arm-host',
      'arm.example.test',
      '--deny-permission',
      'Application.Read.All',
      '--deny-permission',
      'Microsoft.ADHybridHealthService/services/alerts/read',
      '--no-entra-id-p2',
    ]);
    expect(options.armHostName).toBe('arm.example.test');
    expect(options.entraIdP2).toBe(false);
    expect(options.grantedPermissions).toContain('User.Read.All');
    expect(options.grantedPermissions).toContain('Microsoft.ADHybridHealthService/services/read');
    expect(options.grantedPermissions).not.toContain('Application.Read.All');
    expect(options.grantedPermissions).not.toContain('Microsoft.ADHybridHealthService/services/alerts/read');
    expect(() => parseCliOptions(['--deny-permission', 'Directory.Read.All'])).toThrow(
      /--deny-permission must name one of .*, got 'Directory\.Read\.All'/,
    );
  });

  it('leaves defaults to the simulator and writes no config unless asked', () => {
    const parsed = parseCliArguments([]);
    expect(Object.values(parsed.simulator).every((value) => value === undefined)).toBe(true);
    expect(parsed.writeConfig).toBeUndefined();
  });

  it('--write-config FILE names the config to write, apart from the simulator options', () => {
    const parsed = parseCliArguments(['--write-config', 'm365-otel.yaml', '--arm-host', 'localhost']);
    expect(parsed.writeConfig).toBe('m365-otel.yaml');
    expect(parsed.simulator.armHostName).toBe('localhost');
    expect(parsed.simulator).not.toHaveProperty('writeConfig');
    expect(() => parseCliArguments(['--write-config', ' '])).toThrow('--write-config needs a file name');
    expect(() => parseCliArguments(['--write-config'])).toThrow(/write-config/);
  });

  it('--deny-permission CallRecords.Read.All keeps every other permission', () => {
    const granted = parseCliOptions(['--deny-permission', 'CallRecords.Read.All']).grantedPermissions;
    expect(granted).not.toContain('CallRecords.Read.All');
    expect(granted).toContain('Application.Read.All');
  });

  it('rejects non-integers and unknown flags precisely', () => {
    expect(() => parseCliOptions(['--users', '1e6'])).toThrow(
      "--users must be a non-negative integer, got '1e6'",
    );
    expect(() => parseCliOptions(['--colour'])).toThrow(/colour/);
    expect(() => parseCliOptions(['--enum-case', 'snake'])).toThrow(
      "--enum-case must be 'camel' or 'pascal', got 'snake'",
    );
    expect(() => parseCliOptions(['--header-drift', 'shuffle'])).toThrow(
      "--header-drift must be one of reorder, rename, missing, extra, got 'shuffle'",
    );
    expect(() => parseCliOptions(['--report-settings-shape', 'flat'])).toThrow(
      "--report-settings-shape must be one of entity, wrapped, got 'flat'",
    );
    expect(() => parseCliOptions(['--service-health-step', '7'])).toThrow(
      '--service-health-step must be 0..6, got 7',
    );
    expect(() => parseCliOptions(['--clock-skew-ms', '10min'])).toThrow(
      "--clock-skew-ms must be an integer, got '10min'",
    );
    expect(() => parseCliOptions(['--audit-records-per-blob', '700'])).toThrow(
      '--audit-records-per-blob and --audit-slot-minutes go together',
    );
  });
});
