import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  X509Certificate,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfidentialClientApplication, type INetworkModule, type NetworkResponse } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, json, type RawRequest, TestClient } from '../test/https-client.js';
import {
  createServiceAccountIssuer,
  type FederatedSignIn,
  type RunningSimulator,
  startSimulator,
} from './index.js';

/** Entra's default audience of a federated credential: test data here, as the simulator declares no default. */
const AUDIENCE = 'api://AzureADTokenExchange';
const SUBJECT = 'system:serviceaccount:monitoring:m365-otel';
/** The cluster the app trusts, and one it does not. */
const cluster = createServiceAccountIssuer('https://oidc.cluster.example/8f1d1b52/');
const otherCluster = createServiceAccountIssuer('https://oidc.other.example/2c4e/');
const federatedSignIns: FederatedSignIn[] = [];

let sim: RunningSimulator;
let client: TestClient;
let keyPem: string;
let certPem: string;

beforeAll(async () => {
  sim = await startSimulator({
    seed: 7,
    users: 5,
    federatedCredentials: [cluster.credential(SUBJECT, AUDIENCE)],
    onFederatedSignIn: (signIn) => federatedSignIns.push(signIn),
  });
  client = await TestClient.forCa(sim.caFile);
  keyPem = await readFile(sim.certificate.keyFile, 'utf8');
  certPem = await readFile(sim.certificate.certFile, 'utf8');
});
afterAll(() => sim.close());

const tokenUrl = (tenant = sim.tenantId) => `${sim.authorityUrl}/${tenant}/oauth2/v2.0/token`;

function secretForm(overrides: Record<string, string | undefined> = {}): RawRequest {
  const fields: Record<string, string | undefined> = {
    grant_type: 'client_credentials',
    client_id: sim.clientId,
    client_secret: sim.clientSecret,
    scope: `${sim.graphUrl}/.default`,
    ...overrides,
  };
  return form(
    Object.fromEntries(
      Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  );
}

interface AssertionOptions {
  alg?: 'RS256' | 'PS256';
  thumbprint?: 'x5t' | 'x5t#S256';
  claims?: Record<string, unknown>;
  key?: string;
}

function assertion(options: AssertionOptions = {}): string {
  const alg = options.alg ?? 'RS256';
  const der = new X509Certificate(certPem).raw;
  const thumbprint = options.thumbprint ?? 'x5t';
  const header = {
    alg,
    typ: 'JWT',
    [thumbprint]: createHash(thumbprint === 'x5t' ? 'sha1' : 'sha256')
      .update(der)
      .digest('base64url'),
  };
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: tokenUrl(),
    iss: sim.clientId,
    sub: sim.clientId,
    jti: randomUUID(),
    nbf: now,
    iat: now,
    exp: now + 600,
    ...options.claims,
  };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  const key = createPrivateKey(options.key ?? keyPem);
  const signature =
    alg === 'PS256'
      ? sign('sha256', Buffer.from(signingInput), {
          key,
          padding: 6 /* RSA_PKCS1_PSS_PADDING */,
          saltLength: 32,
        })
      : sign('sha256', Buffer.from(signingInput), key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function assertionForm(jwt: string): RawRequest {
  return form({
    grant_type: 'client_credentials',
    client_id: sim.clientId,
    scope: 'https://graph.microsoft.com/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: jwt,
  });
}

async function expectEntraError(
  request: Promise<{ status: number; body: Buffer }>,
  status: number,
  error: string,
  code: number,
) {
  const response = await request;
  const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
  expect(response.status).toBe(status);
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  expect(body.error_description).toMatch(
    new RegExp(
      `^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
      's',
    ),
  );
  expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  expect(body.error_uri).toBe(`${sim.url}/error?code=${code}`);
  return body;
}

describe('client secret', () => {
  it('issues an opaque bearer token with the configured lifetime', async () => {
    const response = await client.request(tokenUrl(), secretForm());
    expect(response.status).toBe(200);
    const body = json(response);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(response.headers['cache-control']).toContain('no-store');
  });

  it('accepts HTTP Basic client authentication and the tenant domain name', async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(sim.clientId)}:${encodeURIComponent(sim.clientSecret)}`,
    ).toString('base64');
    const request = secretForm({ client_id: undefined, client_secret: undefined });
    const tenantDomain = sim.truth.summary().domain;
    const response = await client.request(tokenUrl(tenantDomain), {
      ...request,
      headers: { ...request.headers, Authorization: `Basic ${basic}` },
    });
    expect(response.status).toBe(200);
  });

  it('derives ids and secret from the seed', async () => {
    const again = await startSimulator({ seed: 7, users: 5 });
    const other = await startSimulator({ seed: 8, users: 5 });
    try {
      expect([again.tenantId, again.clientId, again.clientSecret]).toEqual([
        sim.tenantId,
        sim.clientId,
        sim.clientSecret,
      ]);
      expect(other.tenantId).not.toBe(sim.tenantId);
      expect(sim.clientSecret).toMatch(/^.{3}8Q~.{34}$/);
      expect(sim.tenantId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });

  it('rejects a wrong secret with AADSTS7000215 and never echoes it', async () => {
    const body = await expectEntraError(
      client.request(tokenUrl(), secretForm({ client_secret: 'not-the-secret' })),
      401,
      'invalid_client',
      7000215,
    );
    expect(JSON.stringify(body)).not.toContain('not-the-secret');
  });

  it('rejects an unknown application with AADSTS700016', async () => {
    const other = randomUUID();
    const body = await expectEntraError(
      client.request(tokenUrl(), secretForm({ client_id: other })),
      400,
      'unauthorized_client',
      700016,
    );
    expect(body.error_description).toContain(`'${other}'`);
  });

  it('rejects an unknown tenant with AADSTS90002', async () => {
    await expectEntraError(
      client.request(tokenUrl(randomUUID()), secretForm()),
      400,
      'invalid_request',
      90002,
    );
  });

  it.each(['grant_type', 'client_id', 'scope'])('names a missing %s with AADSTS900144', async (name) => {
    const body = await expectEntraError(
      client.request(tokenUrl(), secretForm({ [name]: undefined })),
      400,
      'invalid_request',
      900144,
    );
    expect(body.error_description).toContain(`'${name}'`);
  });

  it.each([
    'https://graph.microsoft.com/User.Read',
    'https://unknown.example.com/.default',
    'https://graph.microsoft.com/.default https://manage.office.com/.default',
  ])('rejects scope %s with AADSTS70011', async (scope) => {
    await expectEntraError(client.request(tokenUrl(), secretForm({ scope })), 400, 'invalid_scope', 70011);
  });

  it('accepts the other known resources and the Graph app id', async () => {
    for (const scope of [
      'https://graph.microsoft.com/.default',
      '00000003-0000-0000-c000-000000000000/.default',
      'https://manage.office.com/.default',
    ]) {
      expect((await client.request(tokenUrl(), secretForm({ scope }))).status).toBe(200);
    }
  });

  it('echoes client-request-id as the correlation id', async () => {
    const correlation = randomUUID();
    const request = secretForm({ client_secret: 'wrong' });
    const response = await client.request(tokenUrl(), {
      ...request,
      headers: { ...request.headers, 'client-request-id': correlation },
    });
    expect(json(response).correlation_id).toBe(correlation);
    expect(response.headers['client-request-id']).toBe(correlation);
  });
});

describe('certificate client assertion', () => {
  it.each([
    ['RS256', 'x5t'],
    ['PS256', 'x5t#S256'],
    ['RS256', 'x5t#S256'],
  ] as const)('accepts %s with %s', async (alg, thumbprint) => {
    const response = await client.request(tokenUrl(), assertionForm(assertion({ alg, thumbprint })));
    expect(response.status).toBe(200);
    expect(json(response).token_type).toBe('Bearer');
  });

  it('rejects a signature from another key with AADSTS700027', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    await expectEntraError(
      client.request(tokenUrl(), assertionForm(assertion({ key: other }))),
      401,
      'invalid_client',
      700027,
    );
  });

  it('rejects a tampered payload with AADSTS700027', async () => {
    const [header, , signature] = assertion().split('.');
    const forged = Buffer.from(
      JSON.stringify({ aud: tokenUrl(), iss: sim.clientId, sub: sim.clientId, exp: 4_000_000_000 }),
    ).toString('base64url');
    await expectEntraError(
      client.request(tokenUrl(), assertionForm(`${header}.${forged}.${signature}`)),
      401,
      'invalid_client',
      700027,
    );
  });

  it('rejects an unknown thumbprint with AADSTS700027', async () => {
    const [, claims, signature] = assertion().split('.');
    const header = Buffer.from(
      JSON.stringify({ alg: 'RS256', x5t: Buffer.alloc(20, 1).toString('base64url') }),
    ).toString('base64url');
    const body = await expectEntraError(
      client.request(tokenUrl(), assertionForm(`${header}.${claims}.${signature}`)),
      401,
      'invalid_client',
      700027,
    );
    expect(body.error_description).toContain('0101010101');
  });

  it('rejects a wrong audience', async () => {
    await expectEntraError(
      client.request(
        tokenUrl(),
        assertionForm(
          assertion({ claims: { aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' } }),
        ),
      ),
      401,
      'invalid_client',
      50013,
    );
  });

  it('rejects iss/sub other than the client id', async () => {
    await expectEntraError(
      client.request(tokenUrl(), assertionForm(assertion({ claims: { sub: randomUUID() } }))),
      401,
      'invalid_client',
      700021,
    );
  });

  it('rejects an expired or not-yet-valid assertion with AADSTS700024', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectEntraError(
      client.request(tokenUrl(), assertionForm(assertion({ claims: { exp: now - 5 } }))),
      401,
      'invalid_client',
      700024,
    );
    await expectEntraError(
      client.request(tokenUrl(), assertionForm(assertion({ claims: { nbf: now + 3600, exp: now + 7200 } }))),
      401,
      'invalid_client',
      700024,
    );
  });

  it('rejects a malformed assertion and a missing assertion type', async () => {
    await expectEntraError(
      client.request(tokenUrl(), assertionForm('not.a-jwt')),
      400,
      'invalid_request',
      50027,
    );
    const request = form({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      scope: `${sim.graphUrl}/.default`,
      client_assertion: assertion(),
    });
    await expectEntraError(client.request(tokenUrl(), request), 400, 'invalid_request', 900144);
  });

  it('asks for a credential when none is sent', async () => {
    await expectEntraError(
      client.request(tokenUrl(), secretForm({ client_secret: undefined })),
      401,
      'invalid_client',
      7000218,
    );
  });
});

describe('federated token client assertion (Workload Identity)', () => {
  const federated = (token: string, scope = 'https://manage.office.com/.default'): RawRequest =>
    form({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: token,
    });

  it('accepts a token of the trusted issuer, subject and audience, and tells who signed in', async () => {
    const before = sim.stats();
    const tokenId = randomUUID();
    const response = await client.request(
      tokenUrl(),
      federated(cluster.mint({ subject: SUBJECT, audience: AUDIENCE, tokenId })),
    );
    expect(response.status).toBe(200);
    expect(json(response).token_type).toBe('Bearer');
    expect(sim.stats().federatedSignIns).toBe(before.federatedSignIns + 1);
    expect(sim.stats().tokensIssued).toBe(before.tokensIssued + 1);
    expect(federatedSignIns.at(-1)).toEqual({
      issuer: cluster.issuer,
      subject: SUBJECT,
      tokenId,
      resource: 'https://manage.office.com',
    });
  });

  it('refuses an issuer no federated credential names with AADSTS700211', async () => {
    const body = await expectEntraError(
      client.request(tokenUrl(), federated(otherCluster.mint({ subject: SUBJECT, audience: AUDIENCE }))),
      401,
      'invalid_client',
      700211,
    );
    expect(body.error_description).toContain(`issuer '${otherCluster.issuer}'`);
  });

  it('refuses another subject of the trusted issuer with AADSTS700213, naming it', async () => {
    const subject = 'system:serviceaccount:default:intruder';
    const body = await expectEntraError(
      client.request(tokenUrl(), federated(cluster.mint({ subject, audience: AUDIENCE }))),
      401,
      'invalid_client',
      700213,
    );
    expect(body.error_description).toContain(`subject '${subject}'`);
  });

  it('refuses a subject that differs only in case (matching is case-sensitive)', async () => {
    await expectEntraError(
      client.request(
        tokenUrl(),
        federated(cluster.mint({ subject: SUBJECT.toUpperCase(), audience: AUDIENCE })),
      ),
      401,
      'invalid_client',
      700213,
    );
  });

  it('refuses another audience with AADSTS700212', async () => {
    await expectEntraError(
      client.request(tokenUrl(), federated(cluster.mint({ subject: SUBJECT, audience: 'api://other' }))),
      401,
      'invalid_client',
      700212,
    );
  });

  it('refuses an expired token with AADSTS700024', async () => {
    await expectEntraError(
      client.request(
        tokenUrl(),
        federated(cluster.mint({ subject: SUBJECT, audience: AUDIENCE, lifetimeSeconds: -10 })),
      ),
      401,
      'invalid_client',
      700024,
    );
  });

  it('refuses a token signed by a key the issuer does not publish with AADSTS7000272', async () => {
    // Same issuer URL, another key: a cluster whose signing key was rotated without publishing the new one.
    const impostor = createServiceAccountIssuer(cluster.issuer);
    await expectEntraError(
      client.request(tokenUrl(), federated(impostor.mint({ subject: SUBJECT, audience: AUDIENCE }))),
      401,
      'invalid_client',
      7000272,
    );
  });

  it('refuses a tampered token with AADSTS50013', async () => {
    const [header, claims, signature] = cluster
      .mint({ subject: SUBJECT, audience: 'api://other' })
      .split('.');
    const payload = JSON.parse(Buffer.from(claims ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...payload, aud: [AUDIENCE] })).toString('base64url');
    await expectEntraError(
      client.request(tokenUrl(), federated(`${header}.${forged}.${signature}`)),
      401,
      'invalid_client',
      50013,
    );
  });

  it('refuses a federated credential without an RSA public key at start', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expect(
      startSimulator({
        federatedCredentials: [{ issuer: 'https://x', subject: 's', audience: AUDIENCE, publicKey }],
      }),
    ).rejects.toThrow('simulator federatedCredentials[0].publicKey must be an RSA public key');
    await expect(
      startSimulator({ federatedCredentials: [{ ...cluster.credential(SUBJECT, AUDIENCE), subject: '' }] }),
    ).rejects.toThrow('simulator federatedCredentials[0].subject must be a non-empty string');
  });
});

describe('OpenID discovery', () => {
  it('points every endpoint at the simulator', async () => {
    const response = await client.request(`${sim.url}/${sim.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const body = json(response);
    expect(body).toMatchObject({
      token_endpoint: tokenUrl(),
      issuer: `${sim.url}/${sim.tenantId}/v2.0`,
      authorization_endpoint: `${sim.url}/${sim.tenantId}/oauth2/v2.0/authorize`,
      jwks_uri: `${sim.url}/${sim.tenantId}/discovery/v2.0/keys`,
    });
    expect((await client.request(String(body.jwks_uri))).status).toBe(200);
  });

  it('answers an unknown tenant with AADSTS90002', async () => {
    await expectEntraError(
      client.request(`${sim.url}/contoso.example/v2.0/.well-known/openid-configuration`),
      400,
      'invalid_request',
      90002,
    );
  });
});

describe('msal-node against the simulator', () => {
  // MSAL's own fetch cannot be given a CA; its network module can (the collector routes it through its client).
  const networkClient = (): INetworkModule => {
    const call = async <T>(url: string, request: RawRequest): Promise<NetworkResponse<T>> => {
      const response = await client.request(url, request);
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [name, String(value)]),
      );
      return { status: response.status, headers, body: JSON.parse(response.body.toString('utf8')) as T };
    };
    return {
      sendGetRequestAsync: (url, options) => call(url, { headers: options?.headers }),
      sendPostRequestAsync: (url, options) =>
        call(url, { method: 'POST', headers: options?.headers, body: options?.body }),
    };
  };

  const graphStatus = async (token: string) =>
    (
      await client.request(`${sim.graphUrl}/v1.0/reports/getEmailActivityCounts(period='D7')`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).status;

  it('acquires a token with a client secret through a custom known authority', async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: sim.clientId,
        authority: `${sim.authorityUrl}/${sim.tenantId}`,
        clientSecret: sim.clientSecret,
        knownAuthorities: [new URL(sim.authorityUrl).host],
      },
      system: { networkClient: networkClient() },
    });
    const result = await app.acquireTokenByClientCredential({ scopes: [`${sim.graphUrl}/.default`] });
    expect(result?.accessToken).toBeTruthy();
    expect(await graphStatus(result?.accessToken ?? '')).toBe(302);
  });

  it('acquires a token with the registered certificate (PS256, x5t#S256)', async () => {
    const thumbprintSha256 = createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: sim.clientId,
        authority: `${sim.authorityUrl}/${sim.tenantId}`,
        clientCertificate: { thumbprintSha256, privateKey: keyPem, x5c: certPem },
        knownAuthorities: [new URL(sim.authorityUrl).host],
      },
      system: { networkClient: networkClient() },
    });
    const result = await app.acquireTokenByClientCredential({ scopes: [`${sim.graphUrl}/.default`] });
    expect(await graphStatus(result?.accessToken ?? '')).toBe(302);
  });

  it('surfaces the AADSTS code of a wrong secret', async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: sim.clientId,
        authority: `${sim.authorityUrl}/${sim.tenantId}`,
        clientSecret: 'wrong',
        knownAuthorities: [new URL(sim.authorityUrl).host],
      },
      system: { networkClient: networkClient() },
    });
    await expect(
      app.acquireTokenByClientCredential({ scopes: [`${sim.graphUrl}/.default`] }),
    ).rejects.toThrow(/AADSTS7000215/);
  });
});
