import { describe, expect, it } from 'vitest';
import { isConcealedName } from './concealed-names.js';

describe('isConcealedName', () => {
  it('recognises the 32 upper-case hex characters that replace a concealed name', () => {
    expect(isConcealedName('77E5979DD60BA6EAA53E814DBEEEFA5F')).toBe(true);
    expect(isConcealedName('00000000000000000000000000000000')).toBe(true);
  });

  it('leaves real names, lower-case hex, other lengths and GUIDs alone', () => {
    for (const name of [
      'adele.vance@contoso.com',
      'Adele Vance',
      'https://contoso-my.sharepoint.com/personal/adele',
      '77e5979dd60ba6eaa53e814dbeeefa5f',
      '77E5979DD60BA6EAA53E814DBEEEFA5',
      '77E5979DD60BA6EAA53E814DBEEEFA5F0',
      ' 77E5979DD60BA6EAA53E814DBEEEFA5F',
      '00000000-0000-0000-0000-000000000000',
      '',
    ])
      expect(isConcealedName(name), name).toBe(false);
  });
});
