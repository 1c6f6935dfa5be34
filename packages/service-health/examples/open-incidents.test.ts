import { EXAMPLE_TIMEOUT_MS, useExampleTenant } from '@m365-otel/package-examples';
import { expect, it } from 'vitest';

// Step 3 of the timeline: Exchange interrupted with two open incidents, SharePoint degraded by an advisory.
const tenant = useExampleTenant({ serviceHealthStep: 3 });

it('lists the services not operational and the open incidents', { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const truth = tenant.simulator.truth.serviceHealth();
  const degraded = truth.overviews.filter((overview) => overview.status !== 'serviceOperational');
  const incidents = truth.issues.filter((issue) => !issue.isResolved && issue.classification === 'incident');
  expect(degraded.length).toBeGreaterThan(0);
  expect(incidents.length).toBeGreaterThan(1);
  expect(await tenant.run(new URL('open-incidents.ts', import.meta.url))).toBe(
    [
      'Services not operational:',
      ...degraded.map((overview) => `  ${overview.service}: ${overview.status}`),
      'Open incidents:',
      ...incidents.map((issue) => `  ${issue.id} ${issue.service} (${issue.status}): ${issue.title}`),
      '',
    ].join('\n'),
  );
});
