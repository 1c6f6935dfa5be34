import { describe, expect, it } from 'vitest';
import { CLOUD_PRESETS, type CloudName, resolveCloudEndpoints, scopeForResource } from './clouds.js';
import { AuthError } from './errors.js';

describe('CLOUD_PRESETS', () => {
  it('holds the hosts of docs/microsoft-apis.md#clouds', () => {
    expect(CLOUD_PRESETS).toEqual({
      global: {
        authority: 'https://login.microsoftonline.com',
        graph: 'https://graph.microsoft.com',
        management: 'https://manage.office.com',
        arm: 'https://management.azure.com',
      },
      'usgov-gcc': {
        authority: 'https://login.microsoftonline.com',
        graph: 'https://graph.microsoft.com',
        management: 'https://manage-gcc.office.com',
        arm: 'https://management.azure.com',
      },
      'usgov-gcchigh': {
        authority: 'https://login.microsoftonline.us',
        graph: 'https://graph.microsoft.us',
        management: 'https://manage.office365.us',
        arm: 'https://management.usgovcloudapi.net',
      },
      'usgov-dod': {
        authority: 'https://login.microsoftonline.us',
        graph: 'https://dod-graph.microsoft.us',
        management: 'https://manage.protection.apps.mil',
        arm: 'https://management.usgovcloudapi.net',
      },
      china: {
        authority: 'https://login.chinacloudapi.cn',
        graph: 'https://microsoftgraph.chinacloudapi.cn',
        management: 'https://manage.office.cn',
        arm: 'https://management.chinacloudapi.cn',
      },
    });
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(CLOUD_PRESETS)).toBe(true);
    expect(Object.isFrozen(CLOUD_PRESETS.global)).toBe(true);
    const copy = resolveCloudEndpoints('global');
    copy.graph = 'https://evil.example';
    expect(CLOUD_PRESETS.global.graph).toBe('https://graph.microsoft.com');
  });
});

describe('resolveCloudEndpoints', () => {
  it('returns the preset for a named cloud', () => {
    expect(resolveCloudEndpoints('usgov-dod')).toEqual(CLOUD_PRESETS['usgov-dod']);
    expect(resolveCloudEndpoints('china', {})).toEqual(CLOUD_PRESETS.china);
  });

  it('takes custom endpoints, trimming trailing slashes, with management and arm optional', () => {
    expect(
      resolveCloudEndpoints('custom', {
        authority: 'https://127.0.0.1:8443/',
        graph: 'https://127.0.0.1:8443',
      }),
    ).toEqual({ authority: 'https://127.0.0.1:8443', graph: 'https://127.0.0.1:8443' });
    expect(
      resolveCloudEndpoints('custom', {
        authority: 'https://login.example',
        graph: 'https://proxy.example/graph/',
        management: 'https://manage.example',
        arm: 'https://arm.example/',
      }),
    ).toEqual({
      authority: 'https://login.example',
      graph: 'https://proxy.example/graph',
      management: 'https://manage.example',
      arm: 'https://arm.example',
    });
  });

  it.each([
    [
      'global',
      { graph: 'https://graph.example' },
      /endpoints \(endpoints\.graph\) cannot be combined with cloud "global"/,
    ],
    ['custom', { graph: 'https://graph.example' }, /cloud "custom" needs endpoints\.authority/],
    ['custom', { authority: 'https://login.example' }, /cloud "custom" needs endpoints\.graph/],
    [
      'custom',
      { authority: 'https://login.example', graph: 'https://g.example', management: '' },
      /endpoints\.management is empty/,
    ],
    [
      'custom',
      { authority: 'https://login.example', graph: 'https://g.example', arm: 'http://arm.example' },
      /endpoints\.arm must use https, got http/,
    ],
    ['usgov-gcchigh', { arm: 'https://arm.example' }, /endpoints \(endpoints\.arm\) cannot be combined/],
    [
      'custom',
      { authority: 'http://login.example', graph: 'https://g.example' },
      /endpoints\.authority must use https, got http/,
    ],
    [
      'custom',
      { authority: 'https://login.example/tenant', graph: 'https://g.example' },
      /endpoints\.authority must be the login host without a path/,
    ],
    ['custom', { authority: 'https://login.example', graph: 'g.example' }, /endpoints\.graph is not a URL/],
    [
      'custom',
      { authority: 'https://login.example', graph: 'https://g.example/?x=1' },
      /endpoints\.graph must not contain credentials, a query or a fragment/,
    ],
    ['azure', undefined, /unknown cloud "azure"/],
  ] as const)('rejects cloud %s with %o', (cloud, custom, message) => {
    let caught: unknown;
    try {
      resolveCloudEndpoints(cloud as CloudName, custom);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AuthError);
    expect((caught as AuthError).message).toMatch(message);
    expect((caught as AuthError).hint).not.toBe('');
  });
});

describe('scopeForResource', () => {
  it('appends /.default to the origin', () => {
    expect(scopeForResource('https://graph.microsoft.com')).toBe('https://graph.microsoft.com/.default');
    expect(scopeForResource('https://graph.microsoft.com/')).toBe('https://graph.microsoft.com/.default');
    expect(scopeForResource('https://graph.microsoft.com/v1.0')).toBe('https://graph.microsoft.com/.default');
    expect(scopeForResource('https://127.0.0.1:8443')).toBe('https://127.0.0.1:8443/.default');
    expect(scopeForResource(CLOUD_PRESETS['usgov-dod'].management)).toBe(
      'https://manage.protection.apps.mil/.default',
    );
  });

  it("gives each preset's management host its own scope, GCC High's on manage.office365.us", () => {
    const scopes = Object.fromEntries(
      Object.entries(CLOUD_PRESETS).map(([cloud, endpoints]) => [
        cloud,
        scopeForResource(endpoints.management),
      ]),
    );
    expect(scopes).toEqual({
      global: 'https://manage.office.com/.default',
      'usgov-gcc': 'https://manage-gcc.office.com/.default',
      'usgov-gcchigh': 'https://manage.office365.us/.default',
      'usgov-dod': 'https://manage.protection.apps.mil/.default',
      china: 'https://manage.office.cn/.default',
    });
    expect(CLOUD_PRESETS['usgov-gcchigh'].authority).toBe('https://login.microsoftonline.us');
  });

  it("gives each preset's Azure Resource Manager its own scope: Azure Government's for GCC High and DoD", () => {
    const scopes = Object.fromEntries(
      Object.entries(CLOUD_PRESETS).map(([cloud, endpoints]) => [cloud, scopeForResource(endpoints.arm)]),
    );
    expect(scopes).toEqual({
      global: 'https://management.azure.com/.default',
      'usgov-gcc': 'https://management.azure.com/.default',
      'usgov-gcchigh': 'https://management.usgovcloudapi.net/.default',
      'usgov-dod': 'https://management.usgovcloudapi.net/.default',
      china: 'https://management.chinacloudapi.cn/.default',
    });
  });

  it('rejects what is not an https URL', () => {
    expect(() => scopeForResource('graph.microsoft.com')).toThrow(/not a URL/);
    expect(() => scopeForResource('http://graph.microsoft.com')).toThrow(/not an https URL/);
  });
});
