import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their src through the `source` export condition, so tests never run against a
// stale dist. Tests run in Vite's server (SSR) environment, whose resolver ignores resolve.conditions: the ssr
// entry is what takes effect.
const conditions = ['source', 'module', 'node', 'development|production'];

/** The vitest config every workspace package shares; `name` is the project name in the root run. */
export function packageTestConfig(name: string) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
      environment: 'node',
      // Integration tests run the CLI against the simulator, several processes on two cores: vitest's 5 s default
      // fails them on a busy machine without anything being wrong. A test that needs longer says so itself.
      testTimeout: 20_000,
    },
  });
}
