import { describe, expect, it } from 'vitest';
import { pageSizeOption } from './api-client.js';

describe('pageSizeOption', () => {
  it('takes the fallback when absent and refuses what is not an integer from 1 to the maximum', () => {
    expect(pageSizeOption(undefined, 100, 1000)).toBe(100);
    expect(pageSizeOption(1000, 100, 1000)).toBe(1000);
    for (const bad of [0, 1001, 2.5]) {
      expect(() => pageSizeOption(bad, 100, 1000)).toThrow(
        `pageSize must be an integer from 1 to 1000, got ${bad}`,
      );
    }
  });
});
