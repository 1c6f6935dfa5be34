import { describe, expect, it } from 'vitest';
import { entityFilter } from './entity-filter.js';

const none = { users: [], mailboxes: [], sites: [], groups: [] };

describe('entityFilter', () => {
  it('keeps every entity without lists', () => {
    expect(entityFilter({ include: none, exclude: none })({ kind: 'user', names: ['a@contoso.com'] })).toBe(
      true,
    );
  });

  it('applies the include list of the entity kind, then its exclude list, to any of its names', () => {
    const keep = entityFilter({
      include: { ...none, users: [/@contoso\.com$/i] },
      exclude: { ...none, users: ['Service Account'], groups: [/^test/i] },
    });
    expect(keep({ kind: 'user', names: ['alice@CONTOSO.com', 'Alice'] })).toBe(true);
    expect(keep({ kind: 'user', names: ['bob@fabrikam.com', 'Bob'] })).toBe(false);
    expect(keep({ kind: 'user', names: ['svc@contoso.com', 'service account'] })).toBe(false);
    // A user include list says nothing about mailboxes; teams are matched as groups.
    expect(keep({ kind: 'mailbox', names: ['bob@fabrikam.com'] })).toBe(true);
    expect(keep({ kind: 'team', names: ['Test team'] })).toBe(false);
    expect(keep({ kind: 'group', names: ['Sales'] })).toBe(true);
  });
});
