import type { ContentType, EnsuredSubscriptions } from '@m365-otel/management-api';
import { describe, expect, it } from 'vitest';
import { SubscriptionGate } from './subscriptions.js';

describe('SubscriptionGate', () => {
  it('lists once for all streams of a tenant, and retries a failed content type alone', async () => {
    const calls: ContentType[][] = [];
    let dlpFails = true;
    const gate = new SubscriptionGate(
      {
        ensureSubscriptions: async (types: readonly ContentType[]): Promise<EnsuredSubscriptions> => {
          calls.push([...types]);
          const denied = dlpFails && types.includes('DLP.All');
          return {
            started: types.filter((type) => type !== 'Audit.Exchange' && !(denied && type === 'DLP.All')),
            enabled: types.filter((type) => type === 'Audit.Exchange'),
            failed: denied
              ? [{ contentType: 'DLP.All', error: new Error('403: needs ActivityFeed.ReadDlp') }]
              : [],
          };
        },
      },
      ['Audit.Exchange', 'Audit.General', 'DLP.All'],
    );
    const signal = new AbortController().signal;
    const outcomes = await Promise.allSettled([
      gate.ensure('Audit.Exchange', signal),
      gate.ensure('Audit.General', signal),
      gate.ensure('DLP.All', signal),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toContain('ActivityFeed.ReadDlp');
    await gate.ensure('Audit.General', signal);
    dlpFails = false;
    await gate.ensure('DLP.All', signal);
    expect(calls).toEqual([['Audit.Exchange', 'Audit.General', 'DLP.All'], ['DLP.All']]);
  });

  it('lists again when the first listing failed', async () => {
    let attempts = 0;
    const gate = new SubscriptionGate(
      {
        ensureSubscriptions: async (types: readonly ContentType[]) => {
          attempts++;
          if (attempts === 1) throw new Error('503');
          return { started: [], enabled: [...types], failed: [] };
        },
      },
      ['Audit.General'],
    );
    const signal = new AbortController().signal;
    await expect(gate.ensure('Audit.General', signal)).rejects.toThrow('503');
    await gate.ensure('Audit.General', signal);
    expect(attempts).toBe(2);
  });
});
