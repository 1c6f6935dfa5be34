import { describe, expect, it } from 'vitest';
import { AUDIT_RECORD, isAuditRecord } from './parse.js';

describe('isAuditRecord', () => {
  it.each([
    { Id: 'a' },
    { Id: 'a', extra: [1] },
    { Id: ' ' },
    { Id: '' },
    { Id: 7 },
    {},
    [],
    Object.assign([], { Id: 'a' }),
    null,
    'Id',
    42,
  ])('accepts exactly what AUDIT_RECORD accepts (%j)', (value) => {
    expect(isAuditRecord(value)).toBe(AUDIT_RECORD.safeParse(value).success);
  });
});
