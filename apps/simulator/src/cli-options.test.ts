import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';

describe('parseCliOptions', () => {
  it('maps every flag', () => {
    expect(
      parseCliOptions([
        '--seed',
        '4',
        '--users',
        '1000',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--data-dir',
        '/tmp/sim',
        '--download-host',
        'downloads.localhost',
        '--token-lifetime',
        '60',
        '--download-url-lifetime',
        '30',
        '--concealed-names',
      ]),
    ).toEqual({
      seed: 4,
      users: 1000,
      host: '127.0.0.1',
      port: 0,
      dataDir: '/tmp/sim',
      downloadHostName: 'downloads.localhost',
      tokenLifetimeSeconds: 60,
      downloadUrlLifetimeSeconds: 30,
      concealedNames: true,
    });
  });

  it('leaves defaults to the simulator', () => {
    expect(Object.values(parseCliOptions([])).every((value) => value === undefined)).toBe(true);
  });

  it('rejects non-integers and unknown flags precisely', () => {
    expect(() => parseCliOptions(['--users', '1e6'])).toThrow(
      "--users must be a non-negative integer, got '1e6'",
    );
    expect(() => parseCliOptions(['--colour'])).toThrow(/colour/);
  });
});
