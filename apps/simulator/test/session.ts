import { REPORT_CATALOG, REPORT_ENDPOINTS, type ReportName } from '@m365-otel/report-catalog';
import type { RunningSimulator } from '../src/index.js';
import { form, json, type RawResponse, TestClient } from './https-client.js';

export interface ParsedCsv {
  bytes: Buffer;
  header: string[];
  rows: string[][];
}

/** Splits a simulator CSV (no quoted cells in its data) into header and rows, checking the framing on the way. */
export function parseCsv(bytes: Buffer): ParsedCsv {
  const text = bytes.toString('utf8');
  if (!text.startsWith('\uFEFF')) throw new Error('CSV does not start with a BOM');
  if (!text.endsWith('\r\n')) throw new Error('CSV does not end with CRLF');
  const lines = text.slice(1, -2).split('\r\n');
  const [headerLine, ...dataLines] = lines;
  if (headerLine === undefined) throw new Error('CSV has no header');
  return { bytes, header: headerLine.split(','), rows: dataLines.map((line) => line.split(',')) };
}

/** Column accessor by header name, like the collector's parser (but naive about quoting). */
export function cell(csv: ParsedCsv, row: string[], column: string): string {
  const index = csv.header.indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  return row[index] ?? '';
}

/**
 * The path (from the Graph root) of a report function call where the catalog places it, with `args` (default
 * `(period='D7')`, nothing for a parameterless function), asking for CSV where JSON is the default.
 */
export function reportPath(report: ReportName, args?: string): string {
  const definition = REPORT_CATALOG[report];
  const endpoint = REPORT_ENDPOINTS[definition.endpoint];
  const call = args ?? (definition.parameters === 'none' ? '' : "(period='D7')");
  const format = endpoint.defaultFormat === 'json' ? '?$format=text/csv' : '';
  return `${endpoint.path}/${report}${call}${format}`;
}

/**
 * The client credentials grant of the simulated tenant's app for `scope` (Graph's by default), the answer as it
 * comes: for tests of the token endpoint itself and of faults injected on it.
 */
export function requestToken(
  sim: RunningSimulator,
  client: TestClient,
  scope = `${sim.graphUrl}/.default`,
): Promise<RawResponse> {
  return client.request(
    `${sim.authorityUrl}/${sim.tenantId}/oauth2/v2.0/token`,
    form({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope,
    }),
  );
}

/** An access token of the simulated tenant's app for `scope` (Graph's by default); a refusal is an error. */
export async function issueToken(sim: RunningSimulator, client: TestClient, scope?: string): Promise<string> {
  const response = await requestToken(sim, client, scope);
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  return String(json(response).access_token);
}

/** A client session: one Graph token, report calls and downloads. */
export class Session {
  readonly sim: RunningSimulator;
  readonly client: TestClient;
  readonly token: string;

  private constructor(sim: RunningSimulator, client: TestClient, token: string) {
    this.sim = sim;
    this.client = client;
    this.token = token;
  }

  static async open(sim: RunningSimulator): Promise<Session> {
    const client = await TestClient.forCa(sim.caFile);
    return new Session(sim, client, await issueToken(sim, client));
  }

  /** The report function call alone (expects nothing). */
  call(segment: string, headers: Record<string, string> = {}): Promise<RawResponse> {
    return this.client.request(`${this.sim.graphUrl}/v1.0/reports/${segment}`, {
      headers: { Authorization: `Bearer ${this.token}`, ...headers },
    });
  }

  /** Any Graph request with this session's token, `path` from the root, e.g. `/beta/reports/...`. */
  request(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    return this.client.request(`${this.sim.graphUrl}${path}`, {
      ...options,
      headers: { Authorization: `Bearer ${this.token}`, ...options.headers },
    });
  }

  /** A report file where the catalog places the function (see reportPath). */
  async reportCsv(report: ReportName, args?: string): Promise<ParsedCsv> {
    const response = await this.request(reportPath(report, args));
    if (response.status !== 302) {
      throw new Error(`${report}: expected 302, got ${response.status} ${response.body.toString()}`);
    }
    const file = await this.client.request(String(response.headers.location));
    if (file.status !== 200) throw new Error(`${report}: download answered ${file.status}`);
    return parseCsv(file.body);
  }

  /** Any Graph v1.0 GET with this session's token, e.g. `admin/serviceAnnouncement/issues`. */
  get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
    return this.client.request(`${this.sim.graphUrl}/v1.0/${path}`, {
      headers: { Authorization: `Bearer ${this.token}`, ...headers },
    });
  }

  /** 302 then download without Authorization; returns the raw CSV bytes. */
  async download(segment: string): Promise<Buffer> {
    const response = await this.call(segment);
    if (response.status !== 302)
      throw new Error(`${segment}: expected 302, got ${response.status} ${response.body.toString()}`);
    const file = await this.client.request(String(response.headers.location));
    if (file.status !== 200) throw new Error(`${segment}: download answered ${file.status}`);
    return file.body;
  }

  async csv(segment: string): Promise<ParsedCsv> {
    return parseCsv(await this.download(segment));
  }
}
