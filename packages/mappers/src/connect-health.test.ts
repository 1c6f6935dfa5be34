import { describe, expect, it } from 'vitest';
import { connectHealthAlerts, connectHealthServices } from './__fixtures__/governance/graph-shapes.js';
import { mapConnectHealth } from './connect-health.js';

const alerts = (type: string, name: string, level: string, value: number) => ({
  metric: 'm365.connect_health.alerts',
  attributes: {
    'm365.connect_health.service.type': type,
    'm365.connect_health.service.name': name,
    'm365.connect_health.alert.level': level,
  },
  value,
});

describe('mapConnectHealth', () => {
  it("maps Azure Resource Manager's examples: monitored services by type, each one's open alerts by level", () => {
    const services = connectHealthServices();
    expect(mapConnectHealth(services, new Map([['sampleServiceName', connectHealthAlerts()]]))).toEqual([
      // The disabled AD FS service is no longer monitored: left out.
      {
        metric: 'm365.connect_health.services',
        attributes: { 'm365.connect_health.service.type': 'AadSyncService' },
        value: 1,
      },
      alerts('AadSyncService', 'sampleServiceName', 'Error', 1),
      alerts('AadSyncService', 'sampleServiceName', 'Warning', 0),
      alerts('AadSyncService', 'sampleServiceName', 'PreWarning', 0),
    ]);
  });

  it('gives a service whose alerts were not read no alert point rather than zeros, and keeps a new level as sent', () => {
    const services = connectHealthServices().map((service) => ({ ...service, disabled: false }));
    const observations = mapConnectHealth(
      services,
      new Map([['AdFederationService-sts.contoso.com', [{ level: 'Critical' }, { level: 'Warning' }]]]),
    );
    expect(observations.filter((point) => point.metric === 'm365.connect_health.alerts')).toEqual([
      alerts('AdFederationService', 'AdFederationService-sts.contoso.com', 'Error', 0),
      alerts('AdFederationService', 'AdFederationService-sts.contoso.com', 'Warning', 1),
      alerts('AdFederationService', 'AdFederationService-sts.contoso.com', 'PreWarning', 0),
      alerts('AdFederationService', 'AdFederationService-sts.contoso.com', 'Critical', 1),
    ]);
    expect(observations.filter((point) => point.metric === 'm365.connect_health.services')).toHaveLength(2);
  });
});
