import {
  ATTR_M365_APP_CREDENTIAL_EXPIRY,
  ATTR_M365_APP_CREDENTIAL_TYPE,
  ATTR_M365_CALL_MODALITY,
  ATTR_M365_CALL_QUALITY_METRIC,
  ATTR_M365_CALL_STREAM_QUALITY,
  ATTR_M365_CALL_TYPE,
  ATTR_M365_CONNECT_HEALTH_ALERT_LEVEL,
  ATTR_M365_CONNECT_HEALTH_SERVICE_NAME,
  ATTR_M365_CONNECT_HEALTH_SERVICE_TYPE,
  ATTR_M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY,
  ATTR_M365_DIRECTORY_SYNC_KIND,
  ATTR_M365_LICENSE_CAPABILITY_STATUS,
  ATTR_M365_LICENSE_SKU,
  ATTR_M365_LICENSE_UNITS_STATE,
  ATTR_M365_RISK_LEVEL,
  ATTR_M365_RISK_STATE,
  METRIC_M365_APP_CREDENTIALS,
  METRIC_M365_APP_OWN_CREDENTIAL_REMAINING,
  METRIC_M365_CALL_RECORDS,
  METRIC_M365_CALL_STREAM_POOR,
  METRIC_M365_CALL_STREAMS,
  METRIC_M365_CONNECT_HEALTH_ALERTS,
  METRIC_M365_CONNECT_HEALTH_SERVICES,
  METRIC_M365_DIRECTORY_PROVISIONING_ERRORS,
  METRIC_M365_DIRECTORY_SYNC_AGE,
  METRIC_M365_DIRECTORY_SYNC_ENABLED,
  METRIC_M365_LICENSE_SKU_STATUS,
  METRIC_M365_LICENSE_UNITS,
  METRIC_M365_LICENSE_UTILIZATION,
  METRIC_M365_RISK_USERS,
} from '@m365-otel/mappers';
import type { ExportedPoint } from './exported-points.js';
import { table } from './table.js';

/** The catalog's expiry buckets, soonest first. */
const EXPIRY_BUCKETS = ['expired', 'within_7_days', 'within_30_days', 'later'];
const CREDENTIAL_TYPES = ['password', 'certificate'];
const QUALITY_FIGURES = ['jitter', 'packet_loss', 'round_trip'];

const pointsOf = (points: readonly ExportedPoint[], metric: string) =>
  points.filter((point) => point.metric === metric);

/** The sum of `metric`'s points whose attributes hold every given value. */
function total(
  points: readonly ExportedPoint[],
  metric: string,
  where: Readonly<Record<string, string>> = {},
): number {
  return pointsOf(points, metric)
    .filter((point) => Object.entries(where).every(([key, value]) => point.attributes[key] === value))
    .reduce((sum, point) => sum + point.value, 0);
}

/** Distinct values of one attribute of `metric`'s points, in first-seen order. */
function valuesOf(points: readonly ExportedPoint[], metric: string, attribute: string): string[] {
  return [...new Set(pointsOf(points, metric).map((point) => point.attributes[attribute] ?? '-'))];
}

/** A duration for a person: seconds, minutes, hours or days, with "ago" or "left" added by the caller. */
export function formatDuration(seconds: number): string {
  const magnitude = Math.abs(seconds);
  if (magnitude < 120) return `${Math.round(magnitude)} s`;
  if (magnitude < 7200) return `${Math.round(magnitude / 60)} min`;
  if (magnitude < 172_800) return `${(magnitude / 3600).toFixed(1)} h`;
  return `${(magnitude / 86_400).toFixed(1)} days`;
}

/**
 * Tenant governance as an administrator scans it, from the gauges the collector exports: licences per SKU, app
 * credentials by expiry and the collector's own, directory sync, Connect Health's open alerts and risky users.
 * A signal with no point (off, or failed: its error is on stderr) says so instead of a table.
 */
export function renderGovernance(points: readonly ExportedPoint[]): string {
  return [
    renderLicences(points),
    renderAppCredentials(points),
    renderDirectorySync(points),
    renderConnectHealth(points),
    renderRiskyUsers(points),
  ].join('\n');
}

function renderLicences(points: readonly ExportedPoint[]): string {
  const skus = valuesOf(points, METRIC_M365_LICENSE_UNITS, ATTR_M365_LICENSE_SKU);
  if (skus.length === 0) return 'Licences: no data\n';
  const rows = skus.map((sku) => {
    const units = (state: string) =>
      String(
        total(points, METRIC_M365_LICENSE_UNITS, {
          [ATTR_M365_LICENSE_SKU]: sku,
          [ATTR_M365_LICENSE_UNITS_STATE]: state,
        }),
      );
    const utilisation = pointsOf(points, METRIC_M365_LICENSE_UTILIZATION).find(
      (point) => point.attributes[ATTR_M365_LICENSE_SKU] === sku,
    );
    const status = pointsOf(points, METRIC_M365_LICENSE_SKU_STATUS).find(
      (point) => point.attributes[ATTR_M365_LICENSE_SKU] === sku && point.value === 1,
    );
    return [
      sku,
      units('consumed'),
      units('enabled'),
      utilisation ? `${(utilisation.value * 100).toFixed(1)} %` : '-',
      status?.attributes[ATTR_M365_LICENSE_CAPABILITY_STATUS] ?? '-',
    ];
  });
  return `Licences (m365.license.*, ${skus.length} SKUs):\n${table(['sku', 'consumed', 'enabled', 'utilisation', 'status'], rows, [1, 2, 3])}`;
}

function renderAppCredentials(points: readonly ExportedPoint[]): string {
  if (pointsOf(points, METRIC_M365_APP_CREDENTIALS).length === 0) return 'App credentials: no data\n';
  const count = (where: Record<string, string>) => total(points, METRIC_M365_APP_CREDENTIALS, where);
  const rows = EXPIRY_BUCKETS.map((expiry) => [
    expiry,
    ...CREDENTIAL_TYPES.map((type) =>
      String(count({ [ATTR_M365_APP_CREDENTIAL_EXPIRY]: expiry, [ATTR_M365_APP_CREDENTIAL_TYPE]: type })),
    ),
    String(count({ [ATTR_M365_APP_CREDENTIAL_EXPIRY]: expiry })),
  ]);
  const own = pointsOf(points, METRIC_M365_APP_OWN_CREDENTIAL_REMAINING).map(
    (point) =>
      `${point.attributes[ATTR_M365_APP_CREDENTIAL_TYPE] ?? '-'} ${
        point.value < 0 ? `expired ${formatDuration(point.value)} ago` : `${formatDuration(point.value)} left`
      }`,
  );
  return (
    `App credentials of applications and service principals (m365.app.credentials, ${count({})} in all):\n` +
    table(['expiry', ...CREDENTIAL_TYPES, 'total'], rows, [1, 2, 3]) +
    `The collector's own credential (m365.app.own_credential.remaining): ${own.length > 0 ? own.join(', ') : 'not found among them'}\n`
  );
}

function renderDirectorySync(points: readonly ExportedPoint[]): string {
  const enabled = pointsOf(points, METRIC_M365_DIRECTORY_SYNC_ENABLED)[0];
  if (!enabled) return 'Directory sync: no data\n';
  const ages = pointsOf(points, METRIC_M365_DIRECTORY_SYNC_AGE).map(
    (point) => `${point.attributes[ATTR_M365_DIRECTORY_SYNC_KIND] ?? '-'} ${formatDuration(point.value)} ago`,
  );
  let text = `Directory sync (m365.directory.sync.*): ${enabled.value === 1 ? 'enabled' : 'not enabled'}${
    ages.length > 0 ? `, last sync: ${ages.join(', ')}` : ''
  }\n`;
  const errors = pointsOf(points, METRIC_M365_DIRECTORY_PROVISIONING_ERRORS);
  if (errors.length === 0) return text;
  text += `Users with provisioning errors (m365.directory.provisioning_errors): ${total(points, METRIC_M365_DIRECTORY_PROVISIONING_ERRORS)}\n`;
  return (
    text +
    table(
      ['category', 'users'],
      errors.map((point) => [
        point.attributes[ATTR_M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY] ?? '-',
        String(point.value),
      ]),
      [1],
    )
  );
}

function renderConnectHealth(points: readonly ExportedPoint[]): string {
  const services = pointsOf(points, METRIC_M365_CONNECT_HEALTH_SERVICES);
  if (services.length === 0) return 'Connect Health: no data\n';
  const open = pointsOf(points, METRIC_M365_CONNECT_HEALTH_ALERTS).filter((point) => point.value > 0);
  const text =
    `Connect Health (m365.connect_health.*): ${total(points, METRIC_M365_CONNECT_HEALTH_SERVICES)} services, ` +
    `${total(points, METRIC_M365_CONNECT_HEALTH_ALERTS)} open alerts\n`;
  if (open.length === 0) return text;
  return (
    text +
    table(
      ['service type', 'service', 'level', 'open alerts'],
      open.map((point) => [
        point.attributes[ATTR_M365_CONNECT_HEALTH_SERVICE_TYPE] ?? '-',
        point.attributes[ATTR_M365_CONNECT_HEALTH_SERVICE_NAME] ?? '-',
        point.attributes[ATTR_M365_CONNECT_HEALTH_ALERT_LEVEL] ?? '-',
        String(point.value),
      ]),
      [3],
    )
  );
}

function renderRiskyUsers(points: readonly ExportedPoint[]): string {
  if (pointsOf(points, METRIC_M365_RISK_USERS).length === 0) return 'Risky users: no data\n';
  const levels = valuesOf(points, METRIC_M365_RISK_USERS, ATTR_M365_RISK_LEVEL);
  const rows = levels.flatMap((level) => {
    const ofLevel = pointsOf(points, METRIC_M365_RISK_USERS).filter(
      (point) => point.attributes[ATTR_M365_RISK_LEVEL] === level && point.value > 0,
    );
    if (ofLevel.length === 0) return [];
    return [
      [
        level,
        String(ofLevel.reduce((sum, point) => sum + point.value, 0)),
        ofLevel.map((point) => `${point.attributes[ATTR_M365_RISK_STATE] ?? '-'} ${point.value}`).join(', '),
      ],
    ];
  });
  const text = `Risky users (m365.risk.users): ${total(points, METRIC_M365_RISK_USERS)}\n`;
  return rows.length === 0 ? text : text + table(['level', 'users', 'by state'], rows, [1]);
}

/**
 * Teams call quality from the counters the collector exports (cumulative: every final call record read so far):
 * calls by type, then streams per modality rated good, poor or unrated, and the poor ones by the figure above
 * Microsoft's threshold (a stream poor by two figures counts under both).
 */
export function renderCallQuality(points: readonly ExportedPoint[]): string {
  const calls = pointsOf(points, METRIC_M365_CALL_RECORDS);
  const callTotal = total(points, METRIC_M365_CALL_RECORDS);
  if (callTotal === 0) return 'Teams call quality: no call records read yet\n';
  const byType = calls.map((point) => `${point.attributes[ATTR_M365_CALL_TYPE] ?? '-'} ${point.value}`);
  const modalities = valuesOf(points, METRIC_M365_CALL_STREAMS, ATTR_M365_CALL_MODALITY);
  const row = (where: Record<string, string>, label: string) => [
    label,
    String(total(points, METRIC_M365_CALL_STREAMS, where)),
    ...['good', 'poor', 'unrated'].map((quality) =>
      String(total(points, METRIC_M365_CALL_STREAMS, { ...where, [ATTR_M365_CALL_STREAM_QUALITY]: quality })),
    ),
    ...QUALITY_FIGURES.map((figure) =>
      String(
        total(points, METRIC_M365_CALL_STREAM_POOR, { ...where, [ATTR_M365_CALL_QUALITY_METRIC]: figure }),
      ),
    ),
  ];
  const rows = [
    ...modalities.map((modality) => row({ [ATTR_M365_CALL_MODALITY]: modality }, modality)),
    row({}, 'all'),
  ];
  return (
    `Teams call quality (m365.call.*): ${callTotal} calls (${byType.join(', ')}), their streams:\n` +
    table(
      ['modality', 'streams', 'good', 'poor', 'unrated', 'poor: jitter', 'packet loss', 'round trip'],
      rows,
      [1, 2, 3, 4, 5, 6, 7],
    )
  );
}
