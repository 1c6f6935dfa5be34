import { describe, expect, it } from 'vitest';
import { graphRetryOptions } from './options.js';

describe('graphRetryOptions', () => {
  it("passes the client's policy, clock, randomness and sleep to withRetry", () => {
    const now = () => 1;
    const random = () => 0.5;
    const sleep = async () => {};
    expect(graphRetryOptions({ retry: { maxAttempts: 2 }, now, random, sleep })).toEqual({
      policy: { maxAttempts: 2 },
      now,
      random,
      sleep,
    });
  });

  it("leaves withRetry's defaults where the client set nothing", () => {
    expect(graphRetryOptions({})).toEqual({ policy: {}, now: Date.now });
  });
});
