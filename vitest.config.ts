import { defineConfig } from 'vitest/config';

// One run over every workspace project, so the test command prints a single summary.
export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/*',
      'tooling/dashboards',
      'tooling/otelcol',
      'tooling/otlp-sink',
      'tooling/package-examples',
      'test',
    ],
  },
});
