import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promQlReferences, unknownReferences } from '@m365-otel/dashboards';
import { type GovernanceTruth, type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollector } from './support/collector-cli.js';
import { simulatorTenantEntry, writeCollectorConfig } from './support/collector-config.js';
import { type OtelCollector, startCollector } from './support/otelcol.js';
import { type Prometheus, startPrometheus } from './support/prometheus.js';
import { readUntil } from './support/promql.js';

/**
 * The alerting rules as a deployment loads them: deploy/prometheus/alerts.yaml, unchanged, in a real Prometheus fed
 * by the real OpenTelemetry Collector's remote write with what `run --once` of the collector read from simulated
 * tenants.
 *
 * Production `for:` durations (5 to 30 minutes) are longer than a test may wait, and a `run --once` exports once, so
 * its samples are visible for Prometheus' 5-minute look-back only. Prometheus therefore loads a second file beside
 * the unchanged one: a copy whose every `for:` is 0s (groups renamed `...-for-shortened`). In the unchanged groups an
 * alert whose condition holds is `pending` when it has a `for:` and `firing` when it has none; in the copy it is
 * `firing`. Both are asserted, so the copy proves the condition and the unchanged file proves the rule as shipped.
 */

const repoRoot = resolve(import.meta.dirname, '../..');
const RULE_FILE = join(repoRoot, 'deploy/prometheus/alerts.yaml');
const ALERTS_DOC = join(repoRoot, 'docs/alerts.md');
const SHORTENED = '-for-shortened';
const DAY_MS = 86_400_000;
const LAGGING_CLOCK_MS = 40 * DAY_MS;

interface ApiAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  value: string;
}

interface ApiRule {
  type: 'alerting' | 'recording';
  name: string;
  query: string;
  duration: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  alerts: ApiAlert[];
  health: string;
  lastError?: string;
}

interface ApiGroup {
  name: string;
  file: string;
  rules: ApiRule[];
  lastEvaluation: string;
}

/** An active alert as the assertions compare it: its rule, group file, state and the labels that identify it. */
interface Active {
  alert: string;
  shortened: boolean;
  state: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

let workDir: string;
let shortenedFile: string;
let healthy: RunningSimulator;
let revoked: RunningSimulator;
let failing: RunningSimulator;
let lagging: RunningSimulator;
let prometheus: Prometheus;
let otelcol: OtelCollector;

/** The copy of the rule file with every `for:` at 0s and its groups renamed, as the file's comment says. */
function shortenFor(rules: string): string {
  const shortened = rules
    .replace(/^(\s+)for: \S+$/gm, '$1for: 0s')
    .replace(/^(\s+- name: m365-otel-\S+)$/gm, `$1${SHORTENED}`);
  if (!/for: 0s/.test(shortened)) throw new Error('the rule file has no for: to shorten');
  return shortened;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-alerts-'));
  shortenedFile = join(workDir, 'alerts-for-shortened.yaml');
  await writeFile(shortenedFile, shortenFor(await readFile(RULE_FILE, 'utf8')));
  [healthy, revoked, failing, lagging, prometheus] = await Promise.all([
    // Step 2 of the scripted service-health timeline: Exchange Online and SharePoint Online in serviceDegradation.
    startSimulator({ seed: 31, serviceHealthStep: 2, dataDir: join(workDir, 'sim-healthy') }),
    startSimulator({ seed: 32, dataDir: join(workDir, 'sim-revoked') }),
    startSimulator({ seed: 33, dataDir: join(workDir, 'sim-failing') }),
    // Its clock 40 days behind: its newest report day is 42 days old, and its app registration's dates follow that
    // clock, so the secret the collector signs in with (45 days from the simulator's start) ends in 5 days.
    startSimulator({
      seed: 34,
      dataDir: join(workDir, 'sim-lagging'),
      now: () => new Date(Date.now() - LAGGING_CLOCK_MS),
    }),
    startPrometheus({ ruleFiles: [RULE_FILE, shortenedFile], evaluationInterval: '1s' }),
  ]);
  otelcol = await startCollector({ prometheusWriteUrl: prometheus.remoteWriteUrl });
});

afterAll(async () => {
  await Promise.all([
    healthy?.close(),
    revoked?.close(),
    failing?.close(),
    lagging?.close(),
    prometheus?.stop(),
    otelcol?.stop(),
  ]);
  await rm(workDir, { recursive: true, force: true });
});

async function rules(): Promise<ApiGroup[]> {
  const response = await fetch(`${prometheus.url}/api/v1/rules?type=alert`);
  const body = (await response.json()) as { status: string; data?: { groups: ApiGroup[] } };
  if (body.status !== 'success' || body.data === undefined) throw new Error(`/api/v1/rules: ${body.status}`);
  return body.data.groups;
}

/** The groups loaded from the unchanged file. */
async function shippedGroups(): Promise<ApiGroup[]> {
  return (await rules()).filter((group) => group.file === RULE_FILE);
}

function activeAlerts(groups: ApiGroup[]): Active[] {
  return groups.flatMap((group) =>
    group.rules.flatMap((rule) =>
      rule.alerts.map((alert) => ({
        alert: rule.name,
        shortened: group.name.endsWith(SHORTENED),
        state: alert.state,
        labels: alert.labels,
        annotations: alert.annotations,
      })),
    ),
  );
}

/**
 * Each alert's expression as the file writes it (the `expr: |` block, de-indented), so docs/alerts.md can be held to
 * showing it verbatim.
 */
function fileExpressions(text: string): Map<string, string> {
  const expressions = new Map<string, string>();
  const lines = text.split('\n');
  let alert: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const named = /^\s+- alert: (\S+)$/.exec(line);
    if (named) alert = named[1];
    const block = /^(\s+)expr: \|$/.exec(line);
    if (!block || alert === undefined) continue;
    const indent = (block[1] ?? '').length;
    const body: string[] = [];
    while (index + 1 < lines.length) {
      const next = lines[index + 1] ?? '';
      if (next.trim() !== '' && next.length - next.trimStart().length <= indent) break;
      body.push(next);
      index++;
    }
    while (body.length > 0 && body.at(-1)?.trim() === '') body.pop();
    const strip = Math.min(
      ...body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
    );
    expressions.set(alert, body.map((l) => l.slice(strip)).join('\n'));
  }
  return expressions;
}

/** GitHub's anchor of a heading: lower case, spaces to dashes, other punctuation dropped. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/**
 * A collector config of these tenants, every source on (connectHealth off: the simulator's ARM host name,
 * arm.localhost, need not resolve on a CI machine), each tenant signing in with `M365_CLIENT_SECRET_<n>`.
 */
async function writeConfig(name: string, tenants: RunningSimulator[]): Promise<string> {
  return writeCollectorConfig(join(workDir, `${name}.yaml`), [
    'tenants:',
    ...tenants.flatMap((simulator, index) =>
      simulatorTenantEntry(simulator, [
        // The collector's own ${env:NAME} substitution, escaped in the template.
        `    clientSecret: \${env:M365_CLIENT_SECRET_${index + 1}}`,
      ]).map((line) =>
        line.replace(
          /endpoints: \{ authority: (\S+), graph: (\S+) \}/,
          `endpoints: { authority: $1, graph: $2, management: ${simulator.managementUrl} }`,
        ),
      ),
    ),
    'reports: { enabled: true }',
    'serviceHealth: { enabled: true }',
    'audit: { enabled: true, startFrom: 3h }',
    'governance: { enabled: true, licences: true, appCredentials: true, tenantSettings: true, directorySync: true, connectHealth: false, riskyUsers: true }',
    'callQuality: { enabled: true }',
    `state: { directory: ${join(workDir, 'state')} }`,
  ]);
}

/**
 * One `run --once` through the Collector into Prometheus; resolves once Prometheus holds the run's samples (a
 * tenant series and a self-metric stamped at or after the run's start) and every group was evaluated after that.
 */
async function collect(config: string, secrets: string[], delivering: RunningSimulator[]): Promise<CliRun> {
  const startSeconds = Math.floor(Date.now() / 1000);
  const env: Record<string, string> = { OTEL_EXPORTER_OTLP_ENDPOINT: otelcol.otlpHttpUrl };
  secrets.forEach((secret, index) => {
    env[`M365_CLIENT_SECRET_${index + 1}`] = secret;
  });
  const run = await runCollector(['run', '--once', '--config', config], env);
  // The Collector may split one export into several remote-write requests: wait for each delivering tenant's
  // service status and report ages, and for the collector's own counters.
  const selectors = [
    ...delivering.flatMap((simulator) =>
      ['m365_service_status_ratio', 'm365_report_age_seconds'].map(
        (series) => `${series}{m365_tenant_id="${simulator.tenantId}"}`,
      ),
    ),
    'm365otel_http_requests_total',
  ];
  for (const selector of selectors) {
    const fresh = await prometheus.queryUntil(
      `timestamp(${selector}) >= ${startSeconds}`,
      (found) => found.length > 0,
    );
    expect(fresh.length, `${selector} of this run in Prometheus`).toBeGreaterThan(0);
  }
  const ingestedAt = Date.now();
  // Every group evaluated after the data arrived: what is not active now is quiet on this data.
  const groups = await readUntil(
    rules,
    (all) => all.every((group) => Date.parse(group.lastEvaluation) > ingestedAt),
    15_000,
  );
  expect(groups.filter((group) => Date.parse(group.lastEvaluation) <= ingestedAt)).toEqual([]);
  return run;
}

/** The alerts on a tenant's data (those with `m365_tenant_id`). */
function tenantsOf(active: Active[]): Active[] {
  return active.filter((alert) => alert.labels.m365_tenant_id !== undefined);
}

/** The expected state of an alert whose condition holds: pending while its `for:` runs, firing without one. */
function stateOf(groups: ApiGroup[], alert: string, shortened: boolean): string {
  if (shortened) return 'firing';
  const rule = groups
    .filter((group) => group.file === RULE_FILE)
    .flatMap((group) => group.rules)
    .find((candidate) => candidate.name === alert);
  if (rule === undefined) throw new Error(`no rule ${alert}`);
  return rule.duration > 0 ? 'pending' : 'firing';
}

/** `alert state label=value...` for each active alert, both files, sorted: the form the expectations are in. */
function describeActive(active: Active[], keys: readonly string[]): string[] {
  return active
    .map((one) => {
      const labels = keys
        .filter((key) => one.labels[key] !== undefined)
        .map((key) => `${key}=${one.labels[key]}`);
      return [`${one.alert}${one.shortened ? SHORTENED : ''}`, one.state, ...labels].join(' ');
    })
    .sort();
}

/** The credential alerts a tenant's governance truth calls for: (type, owner) pairs with credentials in `bucket`. */
function credentialPairs(truth: GovernanceTruth, bucket: string): string[] {
  const points = truth.metrics['m365.app.credentials'] ?? [];
  const pairs = new Map<string, number>();
  for (const point of points) {
    if (point.attributes['m365.app.credential.expiry'] !== bucket) continue;
    const key = `${point.attributes['m365.app.credential.type']}/${point.attributes['m365.app.credential.owner']}`;
    pairs.set(key, (pairs.get(key) ?? 0) + point.value);
  }
  return [...pairs].filter(([, count]) => count > 0).map(([key]) => key);
}

const KEY_LABELS = [
  'm365_tenant_id',
  'm365_service_name',
  'm365_service_status',
  'm365_app_credential_type',
  'm365_app_credential_owner',
  'm365otel_api',
  'm365otel_source',
  'm365_audit_content_type',
  'm365_report_name',
] as const;

function expectedTenantAlerts(
  groups: ApiGroup[],
  alerts: Array<{ alert: string; labels: Record<string, string> }>,
): string[] {
  return alerts
    .flatMap(({ alert, labels }) =>
      [false, true].map((shortened) =>
        [
          `${alert}${shortened ? SHORTENED : ''}`,
          stateOf(groups, alert, shortened),
          ...KEY_LABELS.filter((key) => labels[key] !== undefined).map((key) => `${key}=${labels[key]}`),
        ].join(' '),
      ),
    )
    .sort();
}

/**
 * The app-credential alerts a tenant's truth calls for, its credentials bucketed at the real time: the collector
 * buckets them by its own clock, which differs from a simulator whose clock is set back.
 */
function credentialAlerts(
  simulator: RunningSimulator,
): Array<{ alert: string; labels: Record<string, string> }> {
  const truth = simulator.governanceTruth(new Date());
  const alerts = (alert: string, bucket: string) =>
    credentialPairs(truth, bucket).map((pair) => {
      const [type = '', owner = ''] = pair.split('/');
      return {
        alert,
        labels: {
          m365_tenant_id: simulator.tenantId,
          m365_app_credential_type: type,
          m365_app_credential_owner: owner,
        },
      };
    });
  return [
    ...alerts('M365AppCredentialsExpiringSoon', 'within_7_days'),
    ...alerts('M365AppCredentialsExpiringWithin30Days', 'within_30_days'),
  ];
}

describe('deploy/prometheus/alerts.yaml in a real Prometheus', () => {
  it('loads unchanged: every group m365-otel-*, every rule evaluated without error', async () => {
    const groups = await readUntil(
      shippedGroups,
      (loaded) =>
        loaded.length > 0 && loaded.every((group) => group.rules.every((rule) => rule.health === 'ok')),
      15_000,
    );
    expect(groups.length).toBeGreaterThanOrEqual(5);
    for (const group of groups) {
      expect(group.name).toMatch(/^m365-otel-[a-z-]+$/);
      for (const rule of group.rules) {
        expect({ rule: rule.name, health: rule.health, lastError: rule.lastError ?? '' }).toEqual({
          rule: rule.name,
          health: 'ok',
          lastError: '',
        });
      }
    }
    const names = groups.flatMap((group) => group.rules.map((rule) => rule.name));
    expect(new Set(names).size, 'alert names are unique').toBe(names.length);
    console.log(
      `alerts.yaml: ${groups.length} groups, ${names.length} alerts, all healthy: ${groups.map((g) => `${g.name} (${g.rules.length})`).join(', ')}`,
    );
  });

  it('names only catalog series, labels and values; each alert has a severity, a summary, a description and a runbook section in docs/alerts.md', async () => {
    // The check's own tests (tooling/dashboards) show it catches a misspelt series, label and value.
    const doc = await readFile(ALERTS_DOC, 'utf8');
    const expressions = fileExpressions(await readFile(RULE_FILE, 'utf8'));
    const anchors = new Set([...doc.matchAll(/^#{2,4} (.+)$/gm)].map(([, heading = '']) => anchor(heading)));
    const groups = await shippedGroups();
    const series = new Set<string>();
    for (const rule of groups.flatMap((group) => group.rules)) {
      expect({ rule: rule.name, problems: unknownReferences(rule.query) }).toEqual({
        rule: rule.name,
        problems: [],
      });
      for (const { series: name } of promQlReferences(rule.query).selectors) series.add(name);
      expect(['critical', 'warning', 'info'], `${rule.name} severity`).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, `${rule.name} summary`).toBeTruthy();
      expect(rule.annotations?.description, `${rule.name} description`).toBeTruthy();
      expect(rule.annotations?.runbook, `${rule.name} runbook`).toBe(`docs/alerts.md#${anchor(rule.name)}`);
      expect(anchors.has(anchor(rule.name)), `docs/alerts.md has a section ${rule.name}`).toBe(true);
      const expression = expressions.get(rule.name);
      expect(expression, `the expression of ${rule.name} in the file`).toBeTruthy();
      expect(doc, `docs/alerts.md shows the expression of ${rule.name} as the file has it`).toContain(
        `\`\`\`promql\n${expression}\n\`\`\``,
      );
      // The tenant is named wherever the series carry it; the collector's counters carry only the job.
      const text = `${rule.annotations?.summary} ${rule.annotations?.description}`;
      expect(text, `${rule.name} names the tenant or the collector`).toMatch(
        /\$labels\.m365_tenant_id|\$labels\.job/,
      );
    }
    console.log(`alert rules reference ${series.size} catalog series: ${[...series].sort().join(', ')}`);
  });

  it('refuses a copy with a broken expression, and one with a misspelt field: Prometheus does not start', async () => {
    const original = await readFile(RULE_FILE, 'utf8');
    const brokenExpression = join(workDir, 'broken-expression.yaml');
    // The first expression gets two opening parentheses it never closes.
    await writeFile(brokenExpression, original.replace(/expr: \|\n(\s+)/, 'expr: |\n$1sum(('));
    expect(await readFile(brokenExpression, 'utf8')).not.toBe(original);
    await expect(startPrometheus({ ruleFiles: [brokenExpression] })).rejects.toThrow(
      /M365ServiceInterruption.*could not parse expression.*unclosed left parenthesis/,
    );

    const misspelt = join(workDir, 'misspelt-field.yaml');
    await writeFile(misspelt, original.replace(/^(\s+)annotations:/m, '$1annotation:'));
    await expect(startPrometheus({ ruleFiles: [misspelt] })).rejects.toThrow(/field annotation not found/);
  });

  it('the PrometheusRule recipe of docs/alerts.md wraps the same rules: its spec, loaded into Prometheus, gives every group and rule', async () => {
    const doc = await readFile(ALERTS_DOC, 'utf8');
    const recipe = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)]
      .map(([, block = '']) => block)
      .find((block) => block.includes('kind: PrometheusRule'));
    expect(recipe, 'docs/alerts.md shows how to wrap the file in a PrometheusRule').toBeDefined();
    const output = join(workDir, 'prometheusrule.yaml');
    // The recipe as shown, writing into the test's directory; `kubectl apply` needs a cluster and is left out.
    const script = (recipe ?? '')
      .split('\n')
      .filter((line) => !line.startsWith('kubectl '))
      .join('\n')
      .replace('> m365-otel-prometheusrule.yaml', `> ${JSON.stringify(output)}`);
    expect(script).toContain(output);
    execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: repoRoot });
    const wrapped = (await readFile(output, 'utf8')).split('\n');
    const specAt = wrapped.indexOf('spec:');
    expect(wrapped.slice(0, specAt + 1)).toEqual([
      'apiVersion: monitoring.coreos.com/v1',
      'kind: PrometheusRule',
      'metadata:',
      '  name: m365-otel',
      '  labels:',
      '    release: kube-prometheus-stack',
      'spec:',
    ]);
    // What the operator does with the resource: its spec becomes a rule file of the Prometheus it manages.
    const spec = join(workDir, 'prometheusrule-spec.yaml');
    await writeFile(
      spec,
      wrapped
        .slice(specAt + 1)
        .map((line) => line.replace(/^ {2}/, ''))
        .join('\n'),
    );
    const operatorLike = await startPrometheus({ ruleFiles: [spec] });
    try {
      const response = await fetch(`${operatorLike.url}/api/v1/rules?type=alert`);
      const body = (await response.json()) as { data: { groups: ApiGroup[] } };
      const summary = (groups: ApiGroup[]) =>
        groups.map(
          (group) => `${group.name}: ${group.rules.map((rule) => `${rule.name} ${rule.query}`).join(', ')}`,
        );
      expect(summary(body.data.groups)).toEqual(summary(await shippedGroups()));
    } finally {
      await operatorLike.stop();
    }
  });

  it('fires on a degraded service and on expiring app credentials of a healthy tenant, and stays quiet otherwise', async () => {
    const config = await writeConfig('healthy', [healthy]);
    const run = await collect(config, [healthy.clientSecret], [healthy]);
    expect(run.code, run.stderr).toBe(0);

    const serviceHealth = healthy.truth.serviceHealth();
    const degraded = serviceHealth.overviews.filter((overview) => overview.status !== 'serviceOperational');
    expect(degraded.map((overview) => `${overview.service}=${overview.status}`).sort()).toEqual([
      'Exchange Online=serviceDegradation',
      'SharePoint Online=serviceDegradation',
    ]);
    // The secret the collector signs in with ends in 45 days: the own-credential alerts (30 and 7 days) stay quiet.
    const own = (healthy.governanceTruth().metrics['m365.app.own_credential.remaining'] ?? []).filter(
      (point) => point.attributes['m365.app.credential.type'] === 'password',
    );
    expect(own.length).toBe(1);
    expect(own[0]?.value ?? 0).toBeGreaterThan(30 * 86_400);

    const groups = await rules();
    const expected = expectedTenantAlerts(groups, [
      ...degraded.map((overview) => ({
        alert: 'M365ServiceDegraded',
        labels: {
          m365_tenant_id: healthy.tenantId,
          m365_service_name: overview.service,
          m365_service_status: overview.status,
        },
      })),
      ...credentialAlerts(healthy),
    ]);
    expect(
      expected.filter((line) => line.startsWith('M365AppCredentialsExpiringSoon')).length,
    ).toBeGreaterThan(0);
    const active = await readUntil(
      async () => activeAlerts(await rules()),
      (found) => JSON.stringify(describeActive(found, KEY_LABELS)) === JSON.stringify(expected),
      15_000,
    );
    // Everything else, the collector's own alerts included, is inactive: a healthy tenant raises no false alarm.
    expect(describeActive(active, KEY_LABELS)).toEqual(expected);
    for (const alert of active) {
      expect(alert.annotations.summary).toContain(healthy.tenantId);
      expect(alert.annotations.description).toContain(healthy.tenantId);
    }
    console.log(
      `healthy tenant, Exchange and SharePoint degraded: ${describeActive(
        active.filter((a) => !a.shortened),
        ['m365_service_name', 'm365_app_credential_type', 'm365_app_credential_owner'],
      ).join('; ')}`,
    );
  });

  it("fires on an interrupted service, stale reports, the collector's secret ending, a revoked secret, failing polls and Microsoft 5xx answers", async () => {
    // The healthy tenant moves on to step 3 (Exchange interrupted, SharePoint still degraded); a second tenant signs
    // in with a secret Entra ID refuses; a third gets 503 from the service-health API until its poll gives up; a
    // fourth lives 40 days in the past (its reports 42 days old, the collector's secret ending in 5 days).
    healthy.serviceHealth.setStep(3);
    failing.faults.inject({ kind: '503', target: 'service-health', times: 50 });
    const config = await writeConfig('faults', [healthy, revoked, failing, lagging]);
    const run = await collect(
      config,
      [healthy.clientSecret, `${revoked.clientSecret}-revoked`, failing.clientSecret, lagging.clientSecret],
      [healthy, lagging],
    );
    // Some sources failed: the run says so.
    expect(run.code, run.stderr).toBe(1);

    // What the lagging tenant's data says, read back from Prometheus: every report more than 5 days behind, the
    // collector's own secret ending within 7 days (45 days from the simulator's start, 40 of them already past).
    const reportAges = await prometheus.query(
      `m365_report_age_seconds{m365_tenant_id="${lagging.tenantId}"}`,
    );
    expect(reportAges.length).toBeGreaterThanOrEqual(20);
    for (const age of reportAges) expect(age.value).toBeGreaterThan(LAGGING_CLOCK_MS / 1000);
    const ownCredential = await prometheus.query(
      `m365_app_own_credential_remaining_seconds{m365_tenant_id="${lagging.tenantId}"}`,
    );
    expect(ownCredential.map((point) => Math.round(point.value / 86_400))).toEqual([5]);

    const groups = await rules();
    const tenantAlerts = expectedTenantAlerts(groups, [
      {
        alert: 'M365ServiceInterruption',
        labels: {
          m365_tenant_id: healthy.tenantId,
          m365_service_name: 'Exchange Online',
          m365_service_status: 'serviceInterruption',
        },
      },
      {
        alert: 'M365ServiceDegraded',
        labels: {
          m365_tenant_id: healthy.tenantId,
          m365_service_name: 'SharePoint Online',
          m365_service_status: 'serviceDegradation',
        },
      },
      ...credentialAlerts(healthy),
      ...credentialAlerts(failing),
      ...credentialAlerts(lagging),
      ...ownCredential.map(() => ({
        alert: 'M365OwnCredentialExpiring',
        labels: { m365_tenant_id: lagging.tenantId, m365_app_credential_type: 'password' },
      })),
      ...ownCredential.map(() => ({
        alert: 'M365OwnCredentialExpiringCritical',
        labels: { m365_tenant_id: lagging.tenantId, m365_app_credential_type: 'password' },
      })),
      ...reportAges.map((age) => ({
        alert: 'M365ReportDataStale',
        labels: { m365_tenant_id: lagging.tenantId, m365_report_name: age.labels.m365_report_name ?? '' },
      })),
      {
        alert: 'M365CollectorSourceStale',
        labels: { m365_tenant_id: lagging.tenantId, m365otel_source: 'reports' },
      },
    ]);
    const collectorAlerts = [
      'M365CollectorSignInRefused',
      'M365CollectorMicrosoftServerErrors',
      'M365CollectorServiceHealthPollsFailing',
      'M365CollectorReportFetchesFailing',
      'M365CollectorGovernancePollsFailing',
    ];
    const active = await readUntil(
      async () => activeAlerts(await rules()),
      (found) =>
        JSON.stringify(describeActive(tenantsOf(found), KEY_LABELS)) === JSON.stringify(tenantAlerts) &&
        collectorAlerts.every((alert) => found.some((one) => one.alert === alert && one.shortened)),
      15_000,
    );
    const byTenant = tenantsOf(active);
    expect(describeActive(byTenant, KEY_LABELS)).toEqual(tenantAlerts);

    // The collector's own alerts carry its job, not a tenant (its counters have none).
    const collector = active.filter((alert) => alert.labels.m365_tenant_id === undefined);
    const expectedCollector = collectorAlerts.flatMap((alert) =>
      [false, true].map(
        (shortened) => `${alert}${shortened ? SHORTENED : ''} ${stateOf(groups, alert, shortened)}`,
      ),
    );
    expect(
      [
        ...new Set(collector.map((one) => `${one.alert}${one.shortened ? SHORTENED : ''} ${one.state}`)),
      ].sort(),
    ).toEqual(expectedCollector.sort());
    for (const alert of collector) {
      expect(alert.labels.job).toBe('m365-otel');
      expect(alert.annotations.summary).toContain('m365-otel');
    }
    const serverErrors = collector.filter((alert) => alert.alert === 'M365CollectorMicrosoftServerErrors');
    expect(new Set(serverErrors.map((alert) => alert.labels.m365otel_api))).toEqual(
      new Set(['graph.service_health']),
    );
    const reports = collector.filter((alert) => alert.alert === 'M365CollectorReportFetchesFailing');
    expect(reports.length).toBeGreaterThan(0);
    for (const alert of reports) expect(alert.labels.m365_report_name).toMatch(/^get[A-Za-z0-9]+$/);

    console.log(
      `interrupted service, lagging tenant, revoked secret, 503 from service health: ${[
        ...new Set(active.filter((a) => !a.shortened).map((a) => `${a.alert} ${a.state}`)),
      ]
        .sort()
        .join('; ')}`,
    );
  });
});
