import { EXAMPLE_TIMEOUT_MS, useExampleTenant } from '@m365-otel/package-examples';
import { expect, it } from 'vitest';

const tenant = useExampleTenant();

it('prints each service and its open alerts', { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const truth = tenant.simulator.governanceTruth().metrics;
  const printed = (await tenant.run(new URL('open-alerts.ts', import.meta.url))).trimEnd().split('\n');
  // What the example printed, counted as the truth counts it: services by type, open alerts by service and level.
  const servicesByType = new Map<string, number>();
  const alerts = new Map<string, number>();
  let service = '';
  for (const line of printed) {
    const alert = /^ {2}(\S+) since \S+: .+$/.exec(line);
    if (alert) {
      const key = `${service} ${alert[1]}`;
      alerts.set(key, (alerts.get(key) ?? 0) + 1);
      continue;
    }
    const [, type = '', name = ''] = /^(\S+) (\S+): \S+$/.exec(line) ?? [];
    expect(name, line).not.toBe('');
    servicesByType.set(type, (servicesByType.get(type) ?? 0) + 1);
    service = `${type} ${name}`;
  }
  const expectedServices = (truth['m365.connect_health.services'] ?? []).filter((point) => point.value > 0);
  expect(expectedServices.length).toBeGreaterThan(1);
  expect(Object.fromEntries(servicesByType)).toEqual(
    Object.fromEntries(
      expectedServices.map((point) => [point.attributes['m365.connect_health.service.type'], point.value]),
    ),
  );
  const expectedAlerts = (truth['m365.connect_health.alerts'] ?? []).filter((point) => point.value > 0);
  expect(expectedAlerts.length).toBeGreaterThan(0);
  expect(Object.fromEntries(alerts)).toEqual(
    Object.fromEntries(
      expectedAlerts.map(({ attributes, value }) => [
        `${attributes['m365.connect_health.service.type']} ${attributes['m365.connect_health.service.name']} ${attributes['m365.connect_health.alert.level']}`,
        value,
      ]),
    ),
  );
});
