import { describe, expect, it } from 'vitest';
import { loadDemo } from './demo.js';

describe('loadDemo', () => {
  it('names the missing package and how to run the demo instead', async () => {
    expect(await loadDemo('@m365-otel/no-such-demo')).toBe(
      'demo: @m365-otel/no-such-demo is not installed; the demo ships with the m365-otel source workspace, not ' +
        'with the collector package. From a checkout, run `bash scripts/demo.sh` or `pnpm m365-otel demo`.',
    );
  });

  it('refuses a package without runDemo', async () => {
    expect(await loadDemo('node:os')).toBe('demo: node:os does not export a runDemo function');
  });
});
