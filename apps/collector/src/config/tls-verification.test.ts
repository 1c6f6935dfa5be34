import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TLS_OFF_VARIABLE, tlsVerificationProblem } from './tls-verification.js';

/** Every property name anywhere in a JSON Schema. */
function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) => [
    ...(key === 'properties' && typeof value === 'object' && value !== null ? Object.keys(value) : []),
    ...propertyNames(value),
  ]);
}

describe('TLS verification', () => {
  it('refuses the environment that switches it off, and only that', () => {
    expect(tlsVerificationProblem({ [TLS_OFF_VARIABLE]: '0' })).toMatch(
      /^NODE_TLS_REJECT_UNAUTHORIZED: set to "0", .* tenants\[\]\.tls\.caFile .* OTEL_EXPORTER_OTLP_CERTIFICATE/,
    );
    // Node verifies for every other value, and when it is unset.
    for (const value of ['1', '', 'false', undefined])
      expect(tlsVerificationProblem({ [TLS_OFF_VARIABLE]: value })).toBeUndefined();
  });

  it('has no config key that could switch it off', () => {
    const schema: unknown = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../../m365-otel.schema.json'), 'utf8'),
    );
    const names = propertyNames(schema);
    expect(names).toContain('caFile');
    expect(names.filter((name) => /insecure|reject|verif|skip|unsafe|trust/i.test(name))).toEqual([]);
  });
});
