import { EXAMPLE_TIMEOUT_MS, useExampleTenant } from '@m365-otel/package-examples';
import { expect, it } from 'vitest';

const tenant = useExampleTenant();

// A day that ended more than an hour before the simulated now, so every record in it is final (its streams as
// the truth has them).
const FROM = '2026-06-13T00:00:00Z';
const TO = '2026-06-14T00:00:00Z';

const ms = (seconds: number | null) => (seconds === null ? '-' : `${Math.round(seconds * 1000)} ms`);
const percent = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)} %`);

it('prints each call of the window with its streams’ figures', { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const { records } = tenant.simulator.truth.callRecords(FROM, TO);
  expect(records.length).toBeGreaterThan(1);
  expect(records.every((record) => record.final)).toBe(true);
  expect(await tenant.run(new URL('call-streams.ts', import.meta.url), [FROM, TO])).toBe(
    [
      ...records.flatMap((record) => [
        `${record.startDateTime} ${record.type} ${record.modalities.join('+')} ${record.id}`,
        ...record.streams.map(
          (stream) =>
            `  ${stream.label} ${stream.streamDirection}: jitter ${ms(stream.averageJitterSeconds)}, packet loss ${percent(stream.averagePacketLossRate)}, round trip ${ms(stream.averageRoundTripTimeSeconds)}`,
        ),
      ]),
      '',
    ].join('\n'),
  );
});
