import { HttpClient } from '@m365-otel/http';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOUD_PRESETS } from './clouds.js';
import { signInFromEnvironment } from './environment.js';
import { AuthError } from './errors.js';

const http = new HttpClient({ env: {} });
afterAll(() => http.close());

const APP = {
  M365_TENANT_ID: 'contoso.onmicrosoft.com',
  M365_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
  M365_CLIENT_SECRET: 'secret',
};

describe('signInFromEnvironment', () => {
  it("takes the global cloud's endpoints but for those the environment sets", () => {
    const signIn = signInFromEnvironment(http, { ...APP, M365_ARM_URL: 'https://arm.example' });
    expect(signIn.tenantId).toBe('contoso.onmicrosoft.com');
    expect(signIn.endpoints).toEqual({ ...CLOUD_PRESETS.global, arm: 'https://arm.example' });
  });

  it('fails without a tenant, saying what to set', () => {
    expect(() => signInFromEnvironment(http, { ...APP, M365_TENANT_ID: undefined })).toThrow(AuthError);
  });
});
