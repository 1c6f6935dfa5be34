import { describe, expect, it } from 'vitest';
import { parseApiBaseUrl } from './base-url.js';

describe('parseApiBaseUrl', () => {
  it('returns the origin and path without trailing slashes', () => {
    expect(parseApiBaseUrl('https://graph.microsoft.com')).toBe('https://graph.microsoft.com');
    expect(parseApiBaseUrl('https://graph.microsoft.com//')).toBe('https://graph.microsoft.com');
    expect(parseApiBaseUrl('https://127.0.0.1:8443/graph/')).toBe('https://127.0.0.1:8443/graph');
    expect(parseApiBaseUrl('HTTPS://Graph.Microsoft.US:443')).toBe('https://graph.microsoft.us');
  });

  it('refuses anything but https, naming the option', () => {
    expect(() => parseApiBaseUrl('http://graph.microsoft.com')).toThrow(
      'graphBaseUrl must use https (the bearer token must not travel in clear text): http://graph.microsoft.com/',
    );
    expect(() => parseApiBaseUrl('ftp://graph.microsoft.com', 'endpoints.graph')).toThrow(
      /^endpoints\.graph must use https/,
    );
  });

  it('refuses a value that is not a URL', () => {
    expect(() => parseApiBaseUrl('graph.microsoft.com')).toThrow(
      'graphBaseUrl is not a valid URL: "graph.microsoft.com"',
    );
  });

  it('refuses a query or fragment without echoing the query', () => {
    const query = () => parseApiBaseUrl('https://graph.microsoft.com/?sig=SECRET');
    expect(query).toThrow('graphBaseUrl must not have a query or fragment: https://graph.microsoft.com/');
    expect(query).not.toThrow(/SECRET/);
    expect(() => parseApiBaseUrl('https://graph.microsoft.com/#v1')).toThrow(
      'graphBaseUrl must not have a query or fragment',
    );
  });
});
