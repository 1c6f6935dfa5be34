import { EXAMPLE_TIMEOUT_MS, useExampleTenant } from '@m365-otel/package-examples';
import { expect, it } from 'vitest';

const tenant = useExampleTenant();

it("prints the tenant's issuer and token endpoint", { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const { authorityUrl, tenantId } = tenant.simulator;
  expect(await tenant.run(new URL('openid-configuration.ts', import.meta.url))).toBe(
    `issuer: ${authorityUrl}/${tenantId}/v2.0\ntoken endpoint: ${authorityUrl}/${tenantId}/oauth2/v2.0/token\n`,
  );
});
