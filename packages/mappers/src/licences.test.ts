import { describe, expect, it } from 'vitest';
import { companySubscriptions, subscribedSkus } from './__fixtures__/governance/graph-shapes.js';
import { mapLicences } from './licences.js';

const NOW = Date.parse('2023-01-15T00:00:00Z');

const units = (sku: string, state: string, value: number) => ({
  metric: 'm365.license.units',
  attributes: { 'm365.license.sku': sku, 'm365.license.units.state': state },
  value,
});
const status = (sku: string, current: string) =>
  ['Enabled', 'Warning', 'Suspended', 'Deleted', 'LockedOut'].map((value) => ({
    metric: 'm365.license.sku.status',
    attributes: { 'm365.license.sku': sku, 'm365.license.capability_status': value },
    value: value === current ? 1 : 0,
  }));

describe('mapLicences', () => {
  it("maps Microsoft's subscribedSkus and directory/subscriptions examples to the licence gauges", () => {
    expect(mapLicences(subscribedSkus(), companySubscriptions(), NOW)).toEqual({
      observations: [
        units('ENTERPRISEPREMIUM', 'consumed', 14),
        units('ENTERPRISEPREMIUM', 'enabled', 25),
        units('ENTERPRISEPREMIUM', 'suspended', 0),
        units('ENTERPRISEPREMIUM', 'warning', 0),
        units('ENTERPRISEPREMIUM', 'locked_out', 0),
        {
          metric: 'm365.license.utilization',
          attributes: { 'm365.license.sku': 'ENTERPRISEPREMIUM' },
          value: 0.56,
        },
        ...status('ENTERPRISEPREMIUM', 'Enabled'),
        units('CRMSTANDARD', 'consumed', 14),
        units('CRMSTANDARD', 'enabled', 0),
        units('CRMSTANDARD', 'suspended', 25),
        units('CRMSTANDARD', 'warning', 0),
        units('CRMSTANDARD', 'locked_out', 0),
        // No utilisation: the suspended SKU has no enabled unit to divide by.
        ...status('CRMSTANDARD', 'Suspended'),
        {
          metric: 'm365.subscription.count',
          attributes: {
            'm365.license.sku': 'MyPartNumber',
            'm365.subscription.status': 'Enabled',
            'm365.subscription.trial': 'false',
          },
          value: 1,
        },
        {
          metric: 'm365.subscription.lifecycle.remaining',
          attributes: {
            'm365.license.sku': 'MyPartNumber',
            'm365.subscription.status': 'Enabled',
            'm365.subscription.trial': 'false',
            'm365.subscription.id': '860697e3-b0aa-4196-a6c6-7ec361ed58f7',
          },
          value: 17 * 86_400,
        },
      ],
      problems: [],
    });
  });

  it('adds up SKUs sharing a part number, keeps a status Microsoft added as sent, and reads the client enum pairs', () => {
    const [premium] = subscribedSkus();
    if (premium === undefined) throw new Error('no SKU');
    const { observations } = mapLicences(
      [premium, { ...premium, capabilityStatus: { value: 'Frozen', known: false }, consumedUnits: 6 }],
      undefined,
      NOW,
    );
    expect(observations).toContainEqual(units('ENTERPRISEPREMIUM', 'consumed', 20));
    expect(observations).toContainEqual(units('ENTERPRISEPREMIUM', 'enabled', 50));
    expect(observations.filter((point) => point.metric === 'm365.license.sku.status')).toEqual([
      ...status('ENTERPRISEPREMIUM', 'Enabled'),
      {
        metric: 'm365.license.sku.status',
        attributes: { 'm365.license.sku': 'ENTERPRISEPREMIUM', 'm365.license.capability_status': 'Frozen' },
        value: 1,
      },
    ]);
    expect(observations.some((point) => point.metric.startsWith('m365.subscription.'))).toBe(false);
  });

  it('counts subscriptions per SKU, status and trial; a past lifecycle date is negative, a missing one gives no point', () => {
    const [paid] = companySubscriptions();
    if (paid === undefined) throw new Error('no subscription');
    const { observations, problems } = mapLicences(
      [],
      [
        paid,
        { ...paid, id: 'trial-1', isTrial: true, nextLifecycleDateTime: '2023-01-14T00:00:00Z' },
        { ...paid, id: 'trial-2', isTrial: true, nextLifecycleDateTime: null },
      ],
      NOW,
    );
    expect(problems).toEqual([]);
    const count = (trial: string, value: number) => ({
      metric: 'm365.subscription.count',
      attributes: {
        'm365.license.sku': 'MyPartNumber',
        'm365.subscription.status': 'Enabled',
        'm365.subscription.trial': trial,
      },
      value,
    });
    expect(observations.filter((point) => point.metric === 'm365.subscription.count')).toEqual([
      count('false', 1),
      count('true', 2),
    ]);
    const remaining = observations.filter(
      (point) => point.metric === 'm365.subscription.lifecycle.remaining',
    );
    expect(remaining.map((point) => [point.attributes['m365.subscription.id'], point.value])).toEqual([
      ['860697e3-b0aa-4196-a6c6-7ec361ed58f7', 17 * 86_400],
      ['trial-1', -86_400],
    ]);
  });

  it('leaves out, and reports, a lifecycle date it cannot read rather than guess one', () => {
    const [paid] = companySubscriptions();
    if (paid === undefined) throw new Error('no subscription');
    const { observations, problems } = mapLicences([], [{ ...paid, nextLifecycleDateTime: 'soon' }], NOW);
    expect(observations.map((point) => point.metric)).toEqual(['m365.subscription.count']);
    expect(problems).toEqual([
      {
        item: 'subscription 860697e3-b0aa-4196-a6c6-7ec361ed58f7',
        field: 'nextLifecycleDateTime',
        value: 'soon',
        reason: 'not an ISO 8601 date and time',
      },
    ]);
  });
});
