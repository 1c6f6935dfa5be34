import { describe, expect, it } from 'vitest';
import { AuditMetrics } from './audit-metrics.js';
import { serviceResource, TenantResource } from './resource.js';
import { SelfMetrics } from './self-metrics.js';

const base = (() => {
  const { resource } = serviceResource({
    OTEL_RESOURCE_ATTRIBUTES: 'm365.tenant.name=from-env,deployment=prod',
  });
  if (!resource) throw new Error('no resource');
  return resource;
})();

describe('TenantResource', () => {
  it('starts as the service resource with the tenant id', () => {
    const tenant = new TenantResource(base, 'tenant-a');
    expect(tenant.current.attributes).toMatchObject({
      'service.name': 'm365-otel',
      deployment: 'prod',
      'm365.tenant.id': 'tenant-a',
    });
  });

  it('takes the first attributes discovered, over the environment, and never the tenant id; later ones change nothing', () => {
    const tenant = new TenantResource(base, 'tenant-a');
    expect(
      tenant.discover({
        'm365.tenant.name': 'Contoso',
        'm365.tenant.domain': 'contoso.com',
        'm365.tenant.id': 'x',
      }),
    ).toBe(true);
    const discovered = tenant.current;
    expect(discovered.attributes).toMatchObject({
      'm365.tenant.id': 'tenant-a',
      'm365.tenant.name': 'Contoso',
      'm365.tenant.domain': 'contoso.com',
      deployment: 'prod',
    });
    expect(tenant.discover({ 'm365.tenant.name': 'Fabrikam' })).toBe(false);
    expect(tenant.current).toBe(discovered);
  });

  it("puts the Resource current at collection on a tenant's SDK-recorded metrics", async () => {
    const tenant = new TenantResource(base, 'tenant-a');
    const metrics = new AuditMetrics(tenant, new SelfMetrics(base));
    expect((await metrics.collect()).resource.attributes['m365.tenant.name']).toBe('from-env');
    tenant.discover({ 'm365.tenant.name': 'Contoso' });
    expect((await metrics.collect()).resource.attributes['m365.tenant.name']).toBe('Contoso');
    await metrics.shutdown();
  });
});
