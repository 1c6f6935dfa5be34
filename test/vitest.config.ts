import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    name: 'e2e',
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    // Each file starts its own VictoriaMetrics and simulator; the collector runs as a real child process.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
