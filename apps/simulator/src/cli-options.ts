import { parseArgs } from 'node:util';
import { GOVERNANCE_PERMISSIONS } from './access.js';
import { isReportSettingsShape, REPORT_SETTINGS_SHAPES } from './context.js';
import { HEADER_DRIFTS, isHeaderDrift } from './header-drift.js';
import type { SimulatorOptions } from './server.js';
import { SERVICE_HEALTH_LAST_STEP } from './service-health.js';

export const USAGE = `usage: node dist/cli.js [--seed N] [--users N] [--host H] [--port N] [--data-dir DIR]
                       [--download-host NAME] [--token-lifetime SECONDS] [--download-url-lifetime SECONDS]
                       [--concealed-names] [--report-settings-shape entity|wrapped]
                       [--header-drift reorder|rename|missing|extra]
                       [--enum-case camel|pascal] [--service-health-step 0..6]
                       [--management-host NAME] [--content-page-size N]
                       [--audit-records-per-blob N --audit-slot-minutes N] [--clock-skew-ms=[-]N]
                       [--arm-host NAME] [--deny-permission NAME]... [--no-entra-id-p2]
                       [--write-config FILE]`;

function integer(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${flag} must be a non-negative integer, got '${text}'`);
  return Number(text);
}

function signedInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new Error(`--${flag} must be an integer, got '${text}'`);
  return Number(text);
}

export interface CliArguments {
  simulator: SimulatorOptions;
  /** Where to write an m365-otel config for the simulated tenant once it listens (`--write-config FILE`). */
  writeConfig: string | undefined;
}

/** Command-line flags -> simulator options and what the CLI does besides; throws a precise message on bad input. */
export function parseCliArguments(argv: string[]): CliArguments {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      seed: { type: 'string' },
      users: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'download-host': { type: 'string' },
      'token-lifetime': { type: 'string' },
      'download-url-lifetime': { type: 'string' },
      'concealed-names': { type: 'boolean' },
      'report-settings-shape': { type: 'string' },
      'header-drift': { type: 'string' },
      'enum-case': { type: 'string' },
      'service-health-step': { type: 'string' },
      'management-host': { type: 'string' },
      'content-page-size': { type: 'string' },
      'audit-records-per-blob': { type: 'string' },
      'audit-slot-minutes': { type: 'string' },
      // A negative value needs the `--clock-skew-ms=-600000` form: parseArgs takes `-6...` for a flag.
      'clock-skew-ms': { type: 'string' },
      'arm-host': { type: 'string' },
      'deny-permission': { type: 'string', multiple: true },
      'no-entra-id-p2': { type: 'boolean' },
      'write-config': { type: 'string' },
    },
  });
  const writeConfig = values['write-config'];
  if (writeConfig !== undefined && writeConfig.trim() === '') {
    throw new Error('--write-config needs a file name');
  }
  const enumCase = values['enum-case'];
  if (enumCase !== undefined && enumCase !== 'camel' && enumCase !== 'pascal') {
    throw new Error(`--enum-case must be 'camel' or 'pascal', got '${enumCase}'`);
  }
  const headerDrift = values['header-drift'];
  if (headerDrift !== undefined && !isHeaderDrift(headerDrift)) {
    throw new Error(`--header-drift must be one of ${HEADER_DRIFTS.join(', ')}, got '${headerDrift}'`);
  }
  const reportSettingsShape = values['report-settings-shape'];
  if (reportSettingsShape !== undefined && !isReportSettingsShape(reportSettingsShape)) {
    throw new Error(
      `--report-settings-shape must be one of ${REPORT_SETTINGS_SHAPES.join(', ')}, got '${reportSettingsShape}'`,
    );
  }
  const step = integer('service-health-step', values['service-health-step']);
  if (step !== undefined && step > SERVICE_HEALTH_LAST_STEP) {
    throw new Error(`--service-health-step must be 0..${SERVICE_HEALTH_LAST_STEP}, got ${step}`);
  }
  const recordsPerBlob = integer('audit-records-per-blob', values['audit-records-per-blob']);
  const slotMinutes = integer('audit-slot-minutes', values['audit-slot-minutes']);
  if ((recordsPerBlob === undefined) !== (slotMinutes === undefined)) {
    throw new Error('--audit-records-per-blob and --audit-slot-minutes go together: the backlog needs both');
  }
  const denied = values['deny-permission'] ?? [];
  for (const name of denied) {
    if (!GOVERNANCE_PERMISSIONS.includes(name)) {
      throw new Error(
        `--deny-permission must name one of ${GOVERNANCE_PERMISSIONS.join(', ')}, got '${name}'`,
      );
    }
  }
  const simulator: SimulatorOptions = {
    seed: integer('seed', values.seed),
    users: integer('users', values.users),
    host: values.host,
    port: integer('port', values.port),
    dataDir: values['data-dir'],
    downloadHostName: values['download-host'],
    tokenLifetimeSeconds: integer('token-lifetime', values['token-lifetime']),
    downloadUrlLifetimeSeconds: integer('download-url-lifetime', values['download-url-lifetime']),
    concealedNames: values['concealed-names'],
    reportSettingsShape,
    headerDrift,
    enumCase,
    serviceHealthStep: step,
    managementHostName: values['management-host'],
    contentPageSize: integer('content-page-size', values['content-page-size']),
    auditBacklog:
      recordsPerBlob === undefined || slotMinutes === undefined ? undefined : { recordsPerBlob, slotMinutes },
    clockSkewMs: signedInteger('clock-skew-ms', values['clock-skew-ms']),
    armHostName: values['arm-host'],
    grantedPermissions:
      denied.length === 0 ? undefined : GOVERNANCE_PERMISSIONS.filter((name) => !denied.includes(name)),
    entraIdP2: values['no-entra-id-p2'] === true ? false : undefined,
  };
  return { simulator, writeConfig };
}
