import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { HttpRequest, HttpResponse, Logger } from '@m365-otel/http';
import { HttpClient } from '@m365-otel/http';
import {
  createServiceAccountIssuer,
  type FaultKind,
  type RunningSimulator,
  startSimulator,
} from '@m365-otel/simulator';
import { createTestPki, type TestPki } from '@m365-otel/test-pki';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCertificateCredential } from './certificate.js';
import { AuthError } from './errors.js';
import { FEDERATED_TOKEN_AUDIENCE } from './federated.js';
import { TokenProvider, type TokenProviderOptions } from './token-provider.js';

const SCOPE = 'https://graph.microsoft.com/.default';

/** The project's HttpClient, keeping the form of every POST so a test can see what MSAL sent. */
class RecordingHttpClient extends HttpClient {
  readonly forms: URLSearchParams[] = [];

  override request(url: string | URL, init: HttpRequest = {}): Promise<HttpResponse> {
    if (init.method === 'POST' && init.body !== undefined) this.forms.push(new URLSearchParams(init.body));
    return super.request(url, init);
  }

  lastForm(): URLSearchParams {
    const form = this.forms.at(-1);
    if (form === undefined) throw new Error('no POST was sent');
    return form;
  }
}

/** The cluster whose service account the app trusts through a federated credential (Workload Identity). */
const cluster = createServiceAccountIssuer('https://oidc.cluster.example/7d3e1f/');
const SUBJECT = 'system:serviceaccount:monitoring:m365-otel';

/** The simulator's Entra is the authority; `elsewhere` is a PKI the simulator knows nothing of. */
let sim: RunningSimulator;
let http: RecordingHttpClient;
let elsewhere: TestPki;
let tokenDir: string;

beforeAll(async () => {
  [sim, elsewhere, tokenDir] = await Promise.all([
    startSimulator({ federatedCredentials: [cluster.credential(SUBJECT, FEDERATED_TOKEN_AUDIENCE)] }),
    createTestPki(),
    mkdtemp(join(tmpdir(), 'm365-otel-auth-federated-')),
  ]);
  http = new RecordingHttpClient({ caFile: sim.caFile, env: {} });
});

afterAll(async () => {
  await http?.close();
  await sim?.close();
  elsewhere?.cleanup();
  if (tokenDir) await rm(tokenDir, { recursive: true, force: true });
});

afterEach(() => sim.faults.clear());

/** No retries: for what the provider makes of a failure that retrying did not cure. */
const ONE_ATTEMPT = { retry: { maxAttempts: 1 } } satisfies Partial<TokenProviderOptions>;

function provider(overrides: Partial<TokenProviderOptions> = {}): TokenProvider {
  return new TokenProvider({
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    credential: { kind: 'secret', secret: sim.clientSecret },
    authority: sim.authorityUrl,
    http,
    ...overrides,
  });
}

/** The token is one the simulator issued: its Graph answers a call made with it. */
async function expectGraphAccepts(token: string): Promise<void> {
  const response = await http.request(`${sim.graphUrl}/v1.0/admin/serviceAnnouncement/healthOverviews`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.body.dump();
  expect(response.status).toBe(200);
}

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

function expectNoSecret(error: AuthError, ...secrets: string[]): void {
  const everything = `${error.message}\n${error.stack ?? ''}\n${error.hint}\n${inspect(error, { depth: 10 })}`;
  for (const secret of secrets) expect(everything).not.toContain(secret);
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (msg: string, fields?: Record<string, unknown>): void => {
    lines.push(`${msg} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, debug: push, info: push, warn: push, error: push };
}

describe("TokenProvider against the simulator's Entra ID", () => {
  it('gets a token with a client secret over the project HttpClient', async () => {
    const before = sim.stats();
    const now = 1_700_000_000_000;
    const logger = recordingLogger();
    const token = await provider({ now: () => now, logger }).getToken(SCOPE);
    await expectGraphAccepts(token.token);
    expect(sim.stats().tokenRequests).toBe(before.tokenRequests + 1);
    expect(sim.stats().tokensIssued).toBe(before.tokensIssued + 1);
    expect(http.lastForm().get('client_secret')).toBe(sim.clientSecret);
    expect(http.lastForm().get('grant_type')).toBe('client_credentials');
    expect(http.lastForm().get('scope')).toContain(SCOPE);
    // expires_in 3599 carried over to the injected clock (MSAL rounds to whole seconds).
    expect(token.expiresOnMs - now).toBeGreaterThan(3_590_000);
    expect(token.expiresOnMs - now).toBeLessThanOrEqual(3_600_000);
    const logged = logger.lines.join('\n');
    expect(logged).not.toContain(sim.clientSecret);
    expect(logged).not.toContain(token.token);
  });

  it('gets a token with a certificate: PS256 assertion with x5t#S256 and the token endpoint as audience', async () => {
    const credential = await loadCertificateCredential(sim.certificate);
    const token = await provider({ credential }).getToken(SCOPE);
    await expectGraphAccepts(token.token);
    const form = http.lastForm();
    expect(form.get('client_secret')).toBeNull();
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const [header, claims] = (form.get('client_assertion') ?? '')
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    expect(header?.alg).toBe('PS256');
    expect(header?.['x5t#S256']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(claims).toMatchObject({
      aud: `${sim.authorityUrl}/${sim.tenantId}/oauth2/v2.0/token`,
      iss: sim.clientId,
      sub: sim.clientId,
    });
    expect(typeof claims?.jti).toBe('string');
  });

  it('accepts a PKCS#1 key given inline', async () => {
    const privateKeyPem = createPrivateKey(await readFile(sim.certificate.keyFile, 'utf8'))
      .export({ type: 'pkcs1', format: 'pem' })
      .toString();
    expect(privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const certificatePem = await readFile(sim.certificate.certFile, 'utf8');
    const token = await provider({
      credential: { kind: 'certificate', privateKeyPem, certificatePem },
    }).getToken(SCOPE);
    await expectGraphAccepts(token.token);
  });

  it('reports AADSTS700027 with the thumbprint to upload when the certificate is not registered', async () => {
    const credential = await loadCertificateCredential(elsewhere.app);
    const error = await failure(provider({ credential }).getToken(SCOPE));
    expect(error.aadstsCode).toBe('AADSTS700027');
    expect(error.message).toMatch(/^AADSTS700027: the client assertion's signature did not validate/);
    expect(error.hint).toMatch(/thumbprint [0-9A-F]{40}/);
    expect(error.transient).toBe(false);
    if (credential.kind !== 'certificate') throw new Error('expected a certificate credential');
    expectNoSecret(error, credential.privateKeyPem.split('\n')[1] ?? 'unreachable');
  });

  it('reports a bad secret as AADSTS7000215 with a hint, never with the secret', async () => {
    const wrong = 'Wr0ng~secret.value_that-must-not-leak';
    const error = await failure(provider({ credential: { kind: 'secret', secret: wrong } }).getToken(SCOPE));
    expect(error.aadstsCode).toBe('AADSTS7000215');
    expect(error.message).toMatch(
      /^AADSTS7000215: the client secret is invalid \(Entra ID: "Invalid client secret/,
    );
    expect(error.message).toContain('trace id:');
    expect(error.message).toContain('What to do:');
    expect(error.hint).toContain('Value (not its Secret ID)');
    expect(error.status).toBe(401);
    expect(error.transient).toBe(false);
    expectNoSecret(error, wrong, sim.clientSecret);
  });

  it('reports an expired secret as AADSTS7000222', async () => {
    sim.faults.inject({ kind: 'secret-expired', target: 'token' });
    const error = await failure(provider().getToken(SCOPE));
    expect(error.aadstsCode).toBe('AADSTS7000222');
    expect(error.hint).toContain('create a new client secret');
    expectNoSecret(error, sim.clientSecret);
  });

  it('reports an unknown tenant (OpenID discovery refused) as AADSTS90002 with the cloud hint', async () => {
    const error = await failure(provider({ tenantId: 'contoso-unknown.onmicrosoft.com' }).getToken(SCOPE));
    expect(error.aadstsCode).toBe('AADSTS90002');
    expect(error.message).toMatch(/^AADSTS90002: the tenant was not found/);
    expect(error.hint).toContain('usgov-gcchigh');
    expect(error.transient).toBe(false);
  });

  it('reports an unknown application as AADSTS700016', async () => {
    const error = await failure(
      provider({ clientId: '00000000-0000-0000-0000-000000000001' }).getToken(SCOPE),
    );
    expect(error.aadstsCode).toBe('AADSTS700016');
    expect(error.hint).toContain('clientId 00000000-0000-0000-0000-000000000001');
  });

  it.each([
    ['consent-missing', 'AADSTS65001', /admin consent/, false],
    ['conditional-access', 'AADSTS53003', /Conditional Access/, false],
    ['429-no-retry-after', 'AADSTS90055', /retried later/, true],
  ] as const satisfies ReadonlyArray<readonly [FaultKind, string, RegExp, boolean]>)(
    'maps the Entra refusal of fault %s to %s',
    async (kind, code, hint, transient) => {
      sim.faults.inject({ kind, target: 'token' });
      const error = await failure(provider(ONE_ATTEMPT).getToken(`https://code-${code}.example/.default`));
      expect(error.aadstsCode).toBe(code);
      expect(error.hint).toMatch(hint);
      expect(error.transient).toBe(transient);
    },
  );

  it('marks a 5xx HTML answer as transient and says what came back', async () => {
    sim.faults.inject({ kind: 'html-503', target: 'token' });
    // One attempt: what the provider says once the retries (token-retry.test.ts) have run out.
    const error = await failure(provider(ONE_ATTEMPT).getToken('https://html-503.example/.default'));
    expect(error.transient).toBe(true);
    expect(error.status).toBe(503);
    expect(error.message).toContain('HTTP 503 (content-type text/html)');
  });

  it('keeps MSAL from hammering after a 429 and says so, transiently', async () => {
    const scope = 'https://throttled.example/.default';
    const tokenProvider = provider(ONE_ATTEMPT);
    sim.faults.inject({ kind: '429', target: 'token', retryAfterSeconds: 30 });
    const first = await failure(tokenProvider.getToken(scope));
    expect(first.transient).toBe(true);
    const before = sim.stats().tokenRequests;
    const second = await failure(tokenProvider.getToken(scope));
    expect(sim.stats().tokenRequests).toBe(before);
    expect(second.transient).toBe(true);
    expect(second.message).toContain('held back by MSAL');
  });
});

describe('TokenProvider with a federated token file (Workload Identity)', () => {
  const MANAGEMENT_SCOPE = 'https://manage.office.com/.default';

  /** Writes a token as the kubelet does (whole file, trailing newline) and returns it. */
  async function project(file: string, token: string): Promise<string> {
    await writeFile(file, `${token}\n`);
    return token;
  }

  function workloadIdentity(tokenFile: string, overrides: Partial<TokenProviderOptions> = {}): TokenProvider {
    return provider({ credential: { kind: 'workloadIdentity', tokenFile }, ...ONE_ATTEMPT, ...overrides });
  }

  it('sends the file as the client assertion and reads it again at each token request', async () => {
    const file = join(tokenDir, 'rotated-token');
    const first = await project(file, cluster.mint({ subject: SUBJECT, audience: FEDERATED_TOKEN_AUDIENCE }));
    const logger = recordingLogger();
    const tokens = workloadIdentity(file, { logger });
    const graph = await tokens.getToken(SCOPE);
    await expectGraphAccepts(graph.token);
    const form = http.lastForm();
    expect(form.get('client_assertion')).toBe(first);
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('client_secret')).toBeNull();
    // The kubelet rotates the file; the next token request (another scope, then a forced refresh) sends the new one.
    const second = await project(
      file,
      cluster.mint({ subject: SUBJECT, audience: FEDERATED_TOKEN_AUDIENCE }),
    );
    const management = await tokens.getToken(MANAGEMENT_SCOPE);
    expect(http.lastForm().get('client_assertion')).toBe(second);
    const third = await project(file, cluster.mint({ subject: SUBJECT, audience: FEDERATED_TOKEN_AUDIENCE }));
    const refreshed = await tokens.getToken(SCOPE, { forceRefresh: true });
    expect(http.lastForm().get('client_assertion')).toBe(third);
    await expectGraphAccepts(refreshed.token);
    const logged = logger.lines.join('\n');
    for (const secret of [first, second, third, graph.token, management.token, refreshed.token])
      expect(logged).not.toContain(secret);
  });

  it('reports an untrusted subject as AADSTS700213 with the federated credential to create, never the token', async () => {
    const file = join(tokenDir, 'intruder-token');
    const subject = 'system:serviceaccount:default:intruder';
    const token = await project(file, cluster.mint({ subject, audience: FEDERATED_TOKEN_AUDIENCE }));
    const error = await failure(workloadIdentity(file).getToken(SCOPE));
    expect(error.aadstsCode).toBe('AADSTS700213');
    expect(error.message).toMatch(
      /^AADSTS700213: no federated credential of the app matches the federated token's subject/,
    );
    expect(error.message).toContain(`'${subject}'`);
    expect(error.hint).toContain(`az ad app federated-credential create --id ${sim.clientId}`);
    expect(error.hint).toContain('system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT');
    expect(error.transient).toBe(false);
    expectNoSecret(error, token);
  });

  it('reports an expired token as AADSTS700024 naming the token file', async () => {
    const file = join(tokenDir, 'expired-token');
    const token = await project(
      file,
      cluster.mint({ subject: SUBJECT, audience: FEDERATED_TOKEN_AUDIENCE, lifetimeSeconds: -60 }),
    );
    const error = await failure(workloadIdentity(file).getToken(SCOPE));
    expect(error.aadstsCode).toBe('AADSTS700024');
    expect(error.hint).toContain(`the federated token in ${file} has expired`);
    expectNoSecret(error, token);
  });

  it.each([
    ['missing', async (file: string) => file, /^the federated token file (\S+) does not exist/],
    [
      'empty',
      async (file: string) => {
        await writeFile(file, '\n');
        return file;
      },
      /^the federated token file (\S+) is empty/,
    ],
    [
      'not a JWT',
      async (file: string) => {
        await writeFile(file, 'not-a-token-but-private\n');
        return file;
      },
      /^the federated token file (\S+) does not hold a JWT/,
    ],
    ['a directory', async () => tokenDir, /^cannot read the federated token file (\S+): it is a directory/],
  ] as const)(
    'fails when the token file is %s, before any request, naming the path only',
    async (name, prepare, message) => {
      const file = await prepare(join(tokenDir, `file-${name.replaceAll(' ', '-')}`));
      const before = sim.stats().tokenRequests;
      const error = await failure(workloadIdentity(file).getToken(SCOPE));
      expect(error.message).toMatch(message);
      expect(message.exec(error.message)?.[1]).toBe(file);
      expect(error.transient).toBe(false);
      expect(sim.stats().tokenRequests).toBe(before);
      expectNoSecret(error, 'not-a-token-but-private');
    },
  );
});

describe('TokenProvider cache', () => {
  it('serves the cached token until refreshBeforeExpiryMs before expiry, by its own clock', async () => {
    let now = 1_000_000;
    const tokenProvider = provider({ now: () => now, refreshBeforeExpiryMs: 10 * 60_000 });
    const before = sim.stats().tokenRequests;
    const first = await tokenProvider.getToken(SCOPE);
    expect((await tokenProvider.getToken(SCOPE)).token).toBe(first.token);
    now = first.expiresOnMs - 10 * 60_000 - 1;
    expect((await tokenProvider.getToken(SCOPE)).token).toBe(first.token);
    expect(sim.stats().tokenRequests).toBe(before + 1);
    // Inside the refresh window MSAL's own cache would still serve the old token (its offset is 5 min): the
    // provider must go to the authority.
    now = first.expiresOnMs - 10 * 60_000;
    const second = await tokenProvider.getToken(SCOPE);
    expect(second.token).not.toBe(first.token);
    expect(sim.stats().tokenRequests).toBe(before + 2);
    expect((await tokenProvider.getToken(SCOPE)).token).toBe(second.token);
    expect(sim.stats().tokenRequests).toBe(before + 2);
  });

  it('keeps one token per scope and refreshes on demand', async () => {
    const tokenProvider = provider();
    const before = sim.stats().tokenRequests;
    const graph = await tokenProvider.getToken(SCOPE);
    const manage = await tokenProvider.getToken('https://manage.office.com/.default');
    expect(manage.token).not.toBe(graph.token);
    expect((await tokenProvider.getToken(SCOPE)).token).toBe(graph.token);
    expect((await tokenProvider.getToken('https://manage.office.com/.default')).token).toBe(manage.token);
    expect(sim.stats().tokenRequests).toBe(before + 2);
    const forced = await tokenProvider.getToken(SCOPE, { forceRefresh: true });
    expect(forced.token).not.toBe(graph.token);
    expect(sim.stats().tokenRequests).toBe(before + 3);
  });

  it('shares one request among concurrent callers', async () => {
    const tokenProvider = provider();
    const before = sim.stats().tokenRequests;
    // A slow answer keeps the first request in flight while the other callers arrive.
    sim.faults.inject({ kind: 'slow-body', target: 'token', pauseMs: 200 });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => tokenProvider.getToken(SCOPE)));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(sim.stats().tokenRequests).toBe(before + 1);
  });

  it('keeps a still-valid token when a proactive refresh fails transiently, but not on forceRefresh', async () => {
    let now = 5_000_000;
    const logger = recordingLogger();
    // The simulator also issues tokens for itself as a resource: a scope no other test caches.
    const scope = `${sim.url}/.default`;
    const tokenProvider = provider({ now: () => now, logger, ...ONE_ATTEMPT });
    const first = await tokenProvider.getToken(scope);
    now = first.expiresOnMs - 60_000;
    sim.faults.inject({ kind: '503', target: 'token' });
    expect((await tokenProvider.getToken(scope)).token).toBe(first.token);
    expect(
      logger.lines.some((line) =>
        line.startsWith('auth: token refresh failed, still using the cached token'),
      ),
    ).toBe(true);
    // MSAL holds the identical request back for 60 s after a 5xx; a forced refresh then fails instead of lying.
    const forced = await failure(tokenProvider.getToken(scope, { forceRefresh: true }));
    expect(forced.transient).toBe(true);
  });
});

describe('TokenProvider transport failures', () => {
  it('names the TLS problem and tls.caFile when the authority certificate is not trusted', async () => {
    const untrusting = new HttpClient({ caFile: elsewhere.caFile, env: {} });
    try {
      const error = await failure(provider({ http: untrusting }).getToken(SCOPE));
      expect(error.message).toMatch(
        new RegExp(
          `^could not reach the authority ${sim.authorityUrl.replaceAll('.', '\\.')}: TLS certificate not trusted: .+ \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\\); check endpoints/proxy/tls\\.caFile`,
        ),
      );
      expect(error.hint).toContain('tls.caFile');
      expect(error.transient).toBe(false);
      expectNoSecret(error, sim.clientSecret);
    } finally {
      await untrusting.close();
    }
  });

  it('marks a refused connection as transient', async () => {
    const { createServer } = await import('node:net');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(
      provider({ authority: `https://127.0.0.1:${port}`, ...ONE_ATTEMPT }).getToken(SCOPE),
    );
    expect(error.message).toMatch(
      new RegExp(`^could not reach the authority https://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
    expect(error.transient).toBe(true);
  });
});

describe('TokenProvider options', () => {
  it.each([
    [{ authority: 'http://127.0.0.1:1' }, /must use https/],
    [{ authority: 'https://login.microsoftonline.com/contoso' }, /without a path/],
    [{ authority: 'not a url' }, /is not a URL/],
    [{ tenantId: 'common' }, /multi-tenant alias/],
    [{ tenantId: 'a/b' }, /is not a tenant ID or domain/],
    [{ clientId: ' ' }, /clientId is empty/],
    [{ credential: { kind: 'secret', secret: '' } }, /client secret is empty/],
    [{ refreshBeforeExpiryMs: -1 }, /refreshBeforeExpiryMs/],
    [{ credential: { kind: 'workloadIdentity', tokenFile: ' ' } }, /federated token file path is empty/],
  ] as const)('rejects %o', (overrides, message) => {
    expect(() => provider(overrides as Partial<TokenProviderOptions>)).toThrow(message);
  });

  it('rejects a certificate whose key does not match, before any request', async () => {
    const certificatePem = await readFile(sim.certificate.certFile, 'utf8');
    expect(() =>
      provider({ credential: { kind: 'certificate', privateKeyPem: elsewhere.app.keyPem, certificatePem } }),
    ).toThrow(/does not belong to the certificate/);
  });

  it('warns at start when the client certificate has expired', async () => {
    const logger = recordingLogger();
    const credential = await loadCertificateCredential(sim.certificate);
    provider({ credential, logger, now: () => Date.parse('2100-01-01T00:00:00Z') });
    expect(logger.lines.some((line) => line.startsWith('auth: the client certificate has expired'))).toBe(
      true,
    );
  });

  it('rejects an empty scope', async () => {
    const error = await failure(provider().getToken(''));
    expect(error.message).toContain('scope is empty');
  });
});
