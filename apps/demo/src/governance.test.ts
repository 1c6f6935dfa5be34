import { describe, expect, it } from 'vitest';
import type { ExportedPoint } from './exported-points.js';
import { formatDuration, renderCallQuality, renderGovernance } from './governance.js';

const point = (metric: string, attributes: Record<string, string>, value: number): ExportedPoint => ({
  metric,
  attributes,
  value,
});

describe('renderGovernance', () => {
  it('says which signals have no data instead of printing empty tables', () => {
    expect(renderGovernance([])).toBe(
      'Licences: no data\n\nApp credentials: no data\n\nDirectory sync: no data\n\n' +
        'Connect Health: no data\n\nRisky users: no data\n',
    );
  });

  it('shows a SKU with no enabled unit without utilisation, and an expired own credential', () => {
    const text = renderGovernance([
      point('m365.license.units', { 'm365.license.sku': 'E5', 'm365.license.units.state': 'consumed' }, 0),
      point('m365.license.units', { 'm365.license.sku': 'E5', 'm365.license.units.state': 'enabled' }, 0),
      point(
        'm365.license.sku.status',
        { 'm365.license.sku': 'E5', 'm365.license.capability_status': 'Suspended' },
        1,
      ),
      point(
        'm365.app.credentials',
        {
          'm365.app.credential.type': 'password',
          'm365.app.credential.owner': 'application',
          'm365.app.credential.expiry': 'expired',
        },
        2,
      ),
      point('m365.app.own_credential.remaining', { 'm365.app.credential.type': 'password' }, -3 * 86_400),
    ]);
    expect(text).toContain(
      'Licences (m365.license.*, 1 SKUs):\n' +
        'sku | consumed | enabled | utilisation | status\n' +
        '----+----------+---------+-------------+----------\n' +
        'E5  |        0 |       0 |           - | Suspended\n',
    );
    expect(text).toMatch(/^expired\s+\|\s+2 \|\s+0 \|\s+2$/m);
    expect(text).toContain(
      "The collector's own credential (m365.app.own_credential.remaining): password expired 3.0 days ago\n",
    );
  });
});

describe('renderCallQuality', () => {
  it('says when no call record was read yet', () => {
    expect(renderCallQuality([])).toBe('Teams call quality: no call records read yet\n');
  });
});

describe('formatDuration', () => {
  it('picks the unit a person reads best', () => {
    expect([45, 600, 10_800, 864_000, -90].map(formatDuration)).toEqual([
      '45 s',
      '10 min',
      '3.0 h',
      '10.0 days',
      '90 s',
    ]);
  });
});
