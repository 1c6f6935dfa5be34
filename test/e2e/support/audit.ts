import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import type { ReceivedLogRecord } from '@m365-otel/otlp-sink';
import type { RunningSimulator } from '@m365-otel/simulator';

// Names as docs/metrics.md declares them, written here rather than imported, so a renamed attribute fails these
// tests instead of following silently.
export const AUDIT_EVENT = 'm365.audit.record';
/** The record's `Id` (OpenTelemetry's record uid). */
export const ATTR_RECORD_ID = 'log.record.uid';
export const ATTR_CONTENT_TYPE = 'm365.audit.content_type';
/** The blob's `contentId`. */
export const ATTR_CONTENT_ID = 'm365.audit.content_id';

export interface AuditConfigOptions {
  stateDir: string;
  /** Default: every content type. */
  contentTypes?: readonly string[];
  /** The first run's lookback, e.g. '24h'. */
  startFrom: string;
  /** OTLP/HTTP base URL both signals go to. */
  otlpBaseUrl: string;
}

/** A config that reads only the audit log of the simulated tenant (reports and service health off). */
export async function writeAuditConfig(
  file: string,
  simulator: RunningSimulator,
  options: AuditConfigOptions,
): Promise<string> {
  const contentTypes =
    options.contentTypes === undefined ? '' : `, contentTypes: [${options.contentTypes.join(', ')}]`;
  const yaml = [
    'tenants:',
    `  - tenantId: ${simulator.tenantId}`,
    `    clientId: ${simulator.clientId}`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the collector's own ${env:NAME} substitution
    '    clientSecret: ${env:M365_CLIENT_SECRET}',
    '    cloud: custom',
    '    endpoints:',
    `      authority: ${simulator.authorityUrl}`,
    `      graph: ${simulator.graphUrl}`,
    `      management: ${simulator.managementUrl}`,
    `    tls: { caFile: ${simulator.caFile} }`,
    'reports: { enabled: false }',
    'serviceHealth: { enabled: false }',
    `audit: { enabled: true, startFrom: ${options.startFrom}${contentTypes} }`,
    `state: { directory: ${options.stateDir} }`,
    `export: { otlp: { endpoint: ${options.otlpBaseUrl}, protocol: http/protobuf } }`,
    '',
  ].join('\n');
  await writeFile(file, yaml);
  return file;
}

/** The environment a run of that config needs. */
export function auditEnv(simulator: RunningSimulator): Record<string, string> {
  return { M365_CLIENT_SECRET: simulator.clientSecret };
}

/** How the audit records a backend received compare with the Ids that had to arrive. */
export interface AuditDelivery {
  /** Log records with the audit event name. */
  delivered: number;
  /** Ids that had to arrive and did not. */
  gaps: string[];
  /** Ids that arrived although they were neither required nor allowed. */
  unexpected: string[];
  /** Deliveries of an Id beyond its first. */
  duplicates: number;
  /** The source blobs (content ids) the repeated deliveries came from. */
  blobsWithDuplicates: Set<string>;
}

function stringAttribute(record: ReceivedLogRecord, name: string): string {
  const value = record.attributes[name];
  if (typeof value !== 'string') {
    throw new Error(`an audit log record has no string ${name}: ${JSON.stringify(record.attributes)}`);
  }
  return value;
}

/**
 * Compares what arrived with the truth: every Id of `required` must arrive, an Id of `allowed` may (a blob at the
 * edge of a window whose exact start the test cannot know), and nothing else; each at most once.
 */
export function auditDelivery(
  records: readonly ReceivedLogRecord[],
  required: ReadonlySet<string>,
  allowed: ReadonlySet<string> = new Set(),
): AuditDelivery {
  const seen = new Set<string>();
  const delivery: AuditDelivery = {
    delivered: 0,
    gaps: [],
    unexpected: [],
    duplicates: 0,
    blobsWithDuplicates: new Set(),
  };
  for (const record of records) {
    if (record.eventName !== AUDIT_EVENT) continue;
    delivery.delivered += 1;
    const id = stringAttribute(record, ATTR_RECORD_ID);
    if (seen.has(id)) {
      delivery.duplicates += 1;
      delivery.blobsWithDuplicates.add(stringAttribute(record, ATTR_CONTENT_ID));
      continue;
    }
    seen.add(id);
    if (!required.has(id) && !allowed.has(id)) delivery.unexpected.push(id);
  }
  for (const id of required) if (!seen.has(id)) delivery.gaps.push(id);
  return delivery;
}

async function httpsJson(
  url: string,
  ca: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<unknown> {
  return new Promise((done, fail) => {
    const outgoing = request(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        if (response.statusCode !== 200) fail(new Error(`${url} answered ${response.statusCode}: ${text}`));
        else done(text === '' ? undefined : JSON.parse(text));
      });
    });
    outgoing.on('error', fail);
    outgoing.end(init.body);
  });
}

/** A token for the simulated Management Activity API, by the client credentials grant. */
async function managementToken(simulator: RunningSimulator, ca: string): Promise<string> {
  const answer = (await httpsJson(`${simulator.authorityUrl}/${simulator.tenantId}/oauth2/v2.0/token`, ca, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: simulator.clientId,
      client_secret: simulator.clientSecret,
      scope: `${simulator.managementUrl}/.default`,
    }).toString(),
  })) as { access_token: string };
  return answer.access_token;
}

function feedUrl(simulator: RunningSimulator, path: string): string {
  return `${simulator.managementUrl}/api/v1.0/${simulator.tenantId}/activity/feed/${path}`;
}

/**
 * The records of some blobs as the Management Activity API serves them, read the plain way (a client credentials
 * token, then a GET of each blob), independently of the collector's client: what the log records must carry.
 */
export async function sourceRecords(
  simulator: RunningSimulator,
  contentIds: Iterable<string>,
): Promise<Map<string, Record<string, unknown>>> {
  const ca = await readFile(simulator.caFile, 'utf8');
  const authorization = `Bearer ${await managementToken(simulator, ca)}`;
  const records = new Map<string, Record<string, unknown>>();
  for (const contentId of contentIds) {
    const url = feedUrl(simulator, `audit/${encodeURIComponent(contentId)}`);
    const blob = (await httpsJson(url, ca, { headers: { authorization } })) as Array<Record<string, unknown>>;
    for (const record of blob) records.set(record.Id as string, record);
  }
  return records;
}

/** Stops a subscription, as an administrator can: its content type has to be started again before it lists. */
export async function stopSubscription(simulator: RunningSimulator, contentType: string): Promise<void> {
  const ca = await readFile(simulator.caFile, 'utf8');
  const url = feedUrl(simulator, `subscriptions/stop?contentType=${encodeURIComponent(contentType)}`);
  await httpsJson(url, ca, {
    method: 'POST',
    headers: { authorization: `Bearer ${await managementToken(simulator, ca)}` },
  });
}

/**
 * A first-run lookback in whole minutes, at least `minutes`, that puts the window's start (from `startMs`, Microsoft's
 * now: the simulator's clock) well between two blobs of a backlog publishing every `slotMinutes`: a run a few
 * seconds later then covers the same blobs, so the test knows exactly which records it must deliver.
 */
export function lookbackBetweenBlobs(startMs: number, minutes: number, slotMinutes: number): number {
  const slotMs = slotMinutes * 60_000;
  for (let extra = 0; extra < slotMinutes; extra += 1) {
    const offset = (startMs - (minutes + extra) * 60_000) % slotMs;
    if (offset > 10_000 && offset < slotMs - 5 * 60_000) return minutes + extra;
  }
  throw new Error('no lookback keeps the first blob away from the start');
}
