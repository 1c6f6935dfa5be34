import { mergeConfig } from 'vitest/config';
import { packageTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(packageTestConfig('@m365-otel/simulator'), {
  test: {
    // A small young generation makes RSS track what is actually retained, not how much garbage V8 lets pile up
    // between scavenges: the 1M-row streaming test asserts on RSS.
    execArgv: ['--max-semi-space-size=2'],
  },
});
