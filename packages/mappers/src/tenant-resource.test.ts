import { describe, expect, it } from 'vitest';
import { organization } from './__fixtures__/governance/graph-shapes.js';
import { RESOURCE_ATTRIBUTES } from './generated/catalog.js';
import { tenantResourceAttributes } from './tenant-resource.js';

describe('tenantResourceAttributes', () => {
  it("takes the tenant's name, type and default domain from Microsoft's organization example", () => {
    expect(tenantResourceAttributes(organization())).toEqual({
      'm365.tenant.name': 'Contoso',
      'm365.tenant.type': 'AAD',
      'm365.tenant.domain': 'Contoso.com',
    });
  });

  it('leaves out what the organization does not say', () => {
    expect(
      tenantResourceAttributes({ ...organization(), tenantType: null, defaultDomain: undefined }),
    ).toEqual({
      'm365.tenant.name': 'Contoso',
    });
  });

  it('sets only the catalog\'s resource attributes that are "when set"', () => {
    const optional = RESOURCE_ATTRIBUTES.filter((use) => use.presence === 'when set').map(
      (use) => use.attribute.name,
    );
    expect(Object.keys(tenantResourceAttributes(organization()))).toEqual(optional);
  });
});
