import type { MetricObservation } from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import { renderServiceHealth } from './table.js';

const status = (service: string, id: string, current: string): MetricObservation[] =>
  ['serviceOperational', 'serviceDegradation'].map((value) => ({
    metric: 'm365.service.status',
    attributes: { 'm365.service.name': service, 'm365.service.id': id, 'm365.service.status': value },
    value: value === current ? 1 : 0,
  }));

describe('renderServiceHealth', () => {
  it('lists the services that are not operational from the status gauges, then the open issues', () => {
    const observations: MetricObservation[] = [
      ...status('Exchange Online', 'Exchange', 'serviceDegradation'),
      ...status('SharePoint Online', 'SharePoint', 'serviceOperational'),
      { metric: 'm365.service.healthy', attributes: { 'm365.service.name': 'Exchange Online' }, value: 0 },
    ];
    const issue = {
      id: 'EX1',
      service: 'Exchange Online',
      feature: undefined,
      classification: 'incident',
      status: 'serviceDegradation',
      title: 'Mail is slow',
    };
    expect(renderServiceHealth(observations, [issue])).toBe(
      'Service health: 1 of 2 services operational\n' +
        'service         | id       | status\n' +
        '----------------+----------+-------------------\n' +
        'Exchange Online | Exchange | serviceDegradation\n' +
        '\nOpen issues (1):\n' +
        'issue | service         | feature | classification | status             | title\n' +
        '------+-----------------+---------+----------------+--------------------+-------------\n' +
        'EX1   | Exchange Online | -       | incident       | serviceDegradation | Mail is slow\n',
    );
  });

  it('says when no poll has succeeded yet', () => {
    expect(renderServiceHealth(undefined, [])).toBe(
      'Service health: no successful poll yet (details in the log on stderr)\n',
    );
  });
});
