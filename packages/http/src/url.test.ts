import { describe, expect, it } from 'vitest';
import { describeOrigin, describeUrl } from './url.js';

describe('describeUrl', () => {
  it('keeps origin and path, drops the query and fragment that carry pre-authenticated tokens', () => {
    expect(describeUrl('https://reports.office.com/data/download/JDFK?sig=SECRET&x=1#frag')).toBe(
      'https://reports.office.com/data/download/JDFK',
    );
    expect(describeUrl(new URL('https://127.0.0.1:8443/v1.0/reports/getX(period=%27D7%27)?a=b'))).toBe(
      'https://127.0.0.1:8443/v1.0/reports/getX(period=%27D7%27)',
    );
  });

  it('does not echo an unparseable input', () => {
    expect(describeUrl('not a url?token=SECRET')).toBe('(invalid URL)');
  });
});

describe('describeOrigin', () => {
  it('keeps scheme, host and port only: a pre-authenticated URL may carry its credential in the path', () => {
    expect(describeOrigin('https://reports.office.com/data/download/CREDENTIAL?sig=SECRET#frag')).toBe(
      'https://reports.office.com',
    );
    expect(describeOrigin(new URL('https://localhost:8443/download/x'))).toBe('https://localhost:8443');
    expect(describeOrigin('not a url/CREDENTIAL')).toBe('(invalid URL)');
  });
});
