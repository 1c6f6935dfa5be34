import { EXAMPLE_TIMEOUT_MS, useExampleTenant } from '@m365-otel/package-examples';
import { expect, it } from 'vitest';

const tenant = useExampleTenant();

it('calls Graph through the pipeline with its own token provider', {
  timeout: EXAMPLE_TIMEOUT_MS,
}, async () => {
  const [status, ...services] = (await tenant.run(new URL('graph-call.ts', import.meta.url)))
    .trimEnd()
    .split('\n');
  expect(status).toMatch(/^200 from Graph, client-request-id [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  expect(services).toEqual(
    tenant.simulator.truth.serviceHealth().overviews.map((overview) => overview.service),
  );
});
