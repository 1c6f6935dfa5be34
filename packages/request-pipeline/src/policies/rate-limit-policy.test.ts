import { describe, expect, it } from 'vitest';
import { response, traced } from '../__fixtures__/transport.js';
import { RateLimiter } from '../rate-limiter.js';
import { rateLimitPolicy } from './rate-limit-policy.js';

describe('rateLimitPolicy', () => {
  it("takes a grant from each of the request's limiters before each attempt", async () => {
    let now = 0;
    const sleeps: number[] = [];
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
    };
    const perMinute = new RateLimiter({ limit: 2, windowMs: 60_000, ...clock });
    const perHour = new RateLimiter({ limit: 3, windowMs: 3_600_000, ...clock });
    const policy = rateLimitPolicy();
    const request = traced({ limiters: [perMinute, perHour] });
    for (let call = 0; call < 3; call++) await policy.sendRequest(request, async () => response(200));
    expect(sleeps).toEqual([60_000]);
    await policy.sendRequest(traced(), async () => response(200));
    expect(sleeps).toEqual([60_000]);
  });
});
