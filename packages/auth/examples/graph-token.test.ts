import { EXAMPLE_TIMEOUT_MS, useExampleTenant } from '@m365-otel/package-examples';
import { expect, it } from 'vitest';

const TOKEN_LIFETIME_SECONDS = 3599;
const tenant = useExampleTenant({ tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS });

it('gets a Graph token and reads the service count with it', { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const startedMs = Date.now();
  const [tokenLine, answer] = (await tenant.run(new URL('graph-token.ts', import.meta.url))).split('\n');
  const until = /^token for (\S+) until (\S+)$/.exec(tokenLine ?? '');
  expect(until?.[1]).toBe(tenant.simulator.graphUrl);
  const expiresMs = Date.parse(until?.[2] ?? '');
  // MSAL keeps the expiry in whole seconds.
  expect(expiresMs).toBeGreaterThan(startedMs + (TOKEN_LIFETIME_SECONDS - 1) * 1000);
  expect(expiresMs).toBeLessThanOrEqual(Date.now() + (TOKEN_LIFETIME_SECONDS + 1) * 1000);
  const services = tenant.simulator.truth.serviceHealth().overviews.length;
  expect(answer).toBe(`Graph knows the health of ${services} services`);
});
