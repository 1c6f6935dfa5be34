import { readFile } from 'node:fs/promises';
import { repositoryPath } from '@m365-otel/codegen';
import {
  ATTR_M365_EMAIL_ACTION,
  ATTR_M365_SERVICE_NAME,
  METRIC_M365_AUDIT_EVENT_LAG,
  METRIC_M365_EMAIL_MESSAGES,
  METRIC_M365OTEL_HTTP_REQUESTS,
} from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import {
  DASHBOARDS,
  dashboardPath,
  GENERATE_COMMAND,
  generateDashboardFiles,
  metricNamesIn,
  panelsOf,
  promQlReferences,
  queriesOf,
  unknownReferences,
} from '../src/index.ts';
import { label, quantileBy, rateBy, select, sumBy } from '../src/promql.ts';

describe('the generated dashboards', () => {
  it.each(generateDashboardFiles())('$path is as the generator writes it', async ({ path, content }) => {
    const committed = await readFile(repositoryPath(path), 'utf8');
    expect(committed, `${path} is out of date: run \`${GENERATE_COMMAND}\` from the repository root`).toBe(
      content,
    );
  });

  it('are the files the deploy tree names, with stable uids', () => {
    expect(DASHBOARDS.map(dashboardPath)).toEqual([
      'deploy/grafana/dashboards/m365-usage.json',
      'deploy/grafana/dashboards/m365-service-health.json',
      'deploy/grafana/dashboards/m365-governance.json',
      'deploy/grafana/dashboards/m365-audit.json',
      'deploy/grafana/dashboards/m365-collector.json',
    ]);
  });

  describe.each(DASHBOARDS.map((dashboard) => [dashboard.uid, dashboard] as const))(
    '%s',
    (_uid, dashboard) => {
      const panels = panelsOf(dashboard).filter((panel) => panel.type !== 'row');

      it('has the datasource and tenant variables', () => {
        const variables = dashboard.templating?.list ?? [];
        expect(variables.map((variable) => [variable.name, variable.type])).toEqual([
          ['datasource', 'datasource'],
          ['tenant', 'query'],
        ]);
        expect(variables[1]?.query).toBe('label_values(m365otel_source_staleness_seconds, m365_tenant_id)');
      });

      it('has panels with unique ids that do not overlap, each described and querying the chosen datasource', () => {
        const ids = (dashboard.panels ?? []).map((panel) => panel.id);
        expect(new Set(ids).size).toBe(ids.length);
        const cells = new Set<string>();
        for (const panel of dashboard.panels ?? []) {
          const { x = 0, y = 0, w = 0, h = 0 } = panel.gridPos ?? {};
          expect(x + w, `${panel.title} fits the grid`).toBeLessThanOrEqual(24);
          for (let column = x; column < x + w; column += 1)
            for (let row = y; row < y + h; row += 1) {
              const cell = `${column},${row}`;
              expect(cells.has(cell), `${panel.title} overlaps another panel at ${cell}`).toBe(false);
              cells.add(cell);
            }
        }
        for (const panel of panels) {
          expect(panel.description, panel.title).toBeTruthy();
          expect(queriesOf(panel).length, panel.title).toBeGreaterThan(0);
          for (const query of queriesOf(panel)) {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's own ${variable} syntax
            expect(query.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
          }
        }
      });

      it('names only catalog series, labels and enum values, each per-tenant series narrowed to the chosen tenants', () => {
        for (const panel of panels)
          for (const { expr } of queriesOf(panel)) {
            expect(unknownReferences(expr), `${panel.title}: ${expr}`).toEqual([]);
            // Each selector of a series with a tenant carries the tenant matcher.
            for (const { series, matchers } of promQlReferences(expr).selectors) {
              const perTenant = !series.startsWith('m365otel_') || series.startsWith('m365otel_source_');
              const narrowed = matchers.some(
                ({ label, op, value }) => label === 'm365_tenant_id' && op === '=~' && value === '$tenant',
              );
              expect(narrowed, `${panel.title}: ${series}`).toBe(perTenant);
            }
          }
      });
    },
  );
});

describe('the PromQL reference check', () => {
  it('finds the metric names, not functions, keywords, labels, strings or durations', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, m365_call_modality) (rate(m365_call_stream_jitter_seconds_bucket{m365_tenant_id=~"$tenant", x="a b"}[$__rate_interval]))) / on (m365_tenant_id) group_left sum without (job) (m365_a) and m365_b offset 5m > 1e3',
      ).sort(),
    ).toEqual(['m365_a', 'm365_b', 'm365_call_stream_jitter_seconds_bucket']);
    expect(metricNamesIn('time() - max by (m365otel_source) (m365otel_source_last_success_seconds)')).toEqual(
      ['m365otel_source_last_success_seconds'],
    );
  });

  it('catches a misspelt series, label and value', () => {
    expect(unknownReferences('m365_service_status{m365_tenant_id="x"} == 1')).toEqual([
      "series m365_service_status is not a catalog metric's Prometheus name",
    ]);
    expect(unknownReferences('m365_service_status_ratio{m365_service="x"} == 1')).toEqual([
      'm365_service_status_ratio has no label m365_service',
    ]);
    expect(unknownReferences('m365_service_status_ratio{m365_service_status="degraded"} == 1')).toEqual([
      'm365_service_status_ratio{m365_service_status} has no value degraded',
    ]);
    expect(unknownReferences('sum by (m365_tenant) (m365_report_age_seconds)')).toEqual([
      'no catalog series has the label m365_tenant',
    ]);
  });

  it('lets the catalog check catch a name that is not a catalog series', () => {
    expect(unknownReferences('sum(m365_email_messages_total{m365_tenant_id=~"$tenant"})')).toEqual([
      "series m365_email_messages_total is not a catalog metric's Prometheus name",
    ]);
  });
});

describe('the query builders', () => {
  it('name metrics and labels from the catalog and narrow per-tenant metrics to the chosen tenants', () => {
    expect(sumBy(METRIC_M365_EMAIL_MESSAGES, [ATTR_M365_EMAIL_ACTION])).toBe(
      'sum by (m365_email_action) (m365_email_messages{m365_tenant_id=~"$tenant"})',
    );
    expect(rateBy(METRIC_M365OTEL_HTTP_REQUESTS, [])).toBe(
      'sum (rate(m365otel_http_requests_total[$__rate_interval]))',
    );
    expect(quantileBy(0.5, METRIC_M365_AUDIT_EVENT_LAG, [])).toBe(
      'histogram_quantile(0.5, sum by (le) (rate(m365_audit_event_lag_seconds_bucket{m365_tenant_id=~"$tenant"}[$__rate_interval])))',
    );
  });

  it('refuse a metric outside the catalog, an attribute the metric does not have, and a histogram without its series', () => {
    expect(() => select('m365.email.forwarded')).toThrow(
      'm365.email.forwarded is not a metric of the catalog',
    );
    expect(() => label(METRIC_M365_EMAIL_MESSAGES, ATTR_M365_SERVICE_NAME)).toThrow(
      'm365.service.name is not an attribute of m365.email.messages',
    );
    expect(() => label(METRIC_M365OTEL_HTTP_REQUESTS, 'm365.tenant.id')).toThrow();
    expect(() => select(METRIC_M365_AUDIT_EVENT_LAG)).toThrow('is a histogram');
  });
});
