import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG, RECORDED_METRIC_CATALOG, SELF_METRIC_CATALOG } from './generated/catalog.js';
import { prometheusLabelName, prometheusMetricName, prometheusSeriesNames } from './prometheus-names.js';

const catalog = [...METRIC_CATALOG, ...RECORDED_METRIC_CATALOG, ...SELF_METRIC_CATALOG];
const metric = (name: string) => {
  const found = catalog.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`${name} is not in the catalog`);
  return found;
};

describe('prometheusMetricName', () => {
  it.each([
    ['m365.email.messages', 'm365_email_messages'],
    ['m365.mailbox.storage.usage', 'm365_mailbox_storage_usage_bytes'],
    ['m365.report.age', 'm365_report_age_seconds'],
    ['m365otel.http.requests', 'm365otel_http_requests_total'],
    ['m365otel.http.throttle_wait', 'm365otel_http_throttle_wait_seconds_total'],
    ['m365.audit.event.lag', 'm365_audit_event_lag_seconds'],
  ])('%s -> %s', (name, expected) => {
    expect(prometheusMetricName(metric(name))).toBe(expected);
  });

  it('adds _ratio to a gauge of unit 1 only, and never a suffix the name already ends with', () => {
    expect(prometheusMetricName({ name: 'a.utilization', unit: '1', instrument: 'gauge' })).toBe(
      'a_utilization_ratio',
    );
    expect(prometheusMetricName({ name: 'a.count', unit: '1', instrument: 'sum' })).toBe('a_count_total');
    expect(prometheusMetricName({ name: 'a.wait.seconds', unit: 's', instrument: 'gauge' })).toBe(
      'a_wait_seconds',
    );
  });
});

describe('prometheusSeriesNames', () => {
  it("names a histogram's three series and every other metric once, each distinct", () => {
    const names = prometheusSeriesNames(catalog);
    expect(names.get('m365_audit_event_lag_seconds_bucket')?.name).toBe('m365.audit.event.lag');
    expect(names.has('m365_audit_event_lag_seconds')).toBe(false);
    expect(names.get('m365_email_messages')?.name).toBe('m365.email.messages');
    const histograms = catalog.filter((candidate) => candidate.instrument === 'histogram').length;
    expect(names.size).toBe(catalog.length + 2 * histograms);
  });
});

it('prometheusLabelName: dots become underscores, service.name becomes job', () => {
  expect(prometheusLabelName('m365.tenant.id')).toBe('m365_tenant_id');
  expect(prometheusLabelName('service.name')).toBe('job');
});
