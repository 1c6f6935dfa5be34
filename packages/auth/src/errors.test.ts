import { describe, expect, it } from 'vitest';
import { AuthError, authErrorFromEntra, type HintContext } from './errors.js';
import { describeTransportFailure } from './network.js';

const ctx: HintContext = {
  tenantId: 'contoso.onmicrosoft.com',
  clientId: 'app-1',
  authority: 'https://login.microsoftonline.com',
  credential: 'secret',
};

describe('authErrorFromEntra', () => {
  it('keeps an unknown AADSTS code with a lookup hint', () => {
    const error = authErrorFromEntra(
      {
        status: 400,
        error: 'invalid_request',
        description:
          'AADSTS1234567: Something new.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2026-01-01 00:00:00Z',
        codes: [1234567],
      },
      ctx,
    );
    expect(error.aadstsCode).toBe('AADSTS1234567');
    expect(error.message).toBe(
      `AADSTS1234567: Entra ID refused the token request (Entra ID: "Something new."; invalid_request; HTTP 400; trace id: t-1; correlation id: c-1). What to do: ${error.hint}`,
    );
    expect(error.hint).toContain('https://login.microsoftonline.com/error?code=1234567');
    expect(error.transient).toBe(false);
  });

  it('takes the code from error_codes when the description lacks it, and 5xx is transient', () => {
    const error = authErrorFromEntra(
      { status: 500, error: 'server_error', description: 'Oops', codes: [90055] },
      ctx,
    );
    expect(error.aadstsCode).toBe('AADSTS90055');
    expect(error.transient).toBe(true);
  });

  it('describes an OAuth error without any AADSTS code', () => {
    const error = authErrorFromEntra({ status: 429, error: 'temporarily_unavailable' }, ctx);
    expect(error.aadstsCode).toBeUndefined();
    expect(error.message).toMatch(
      /^the authority https:\/\/login\.microsoftonline\.com answered the token request/,
    );
    expect(error.transient).toBe(true);
    expect(error.status).toBe(429);
  });

  const workloadIdentity: HintContext = {
    ...ctx,
    credential: 'workloadIdentity',
    tokenFile: '/var/run/secrets/azure/tokens/azure-identity-token',
  };

  it("keeps Entra's issuer, subject and audience of AADSTS70021 and says which federated credential to create", () => {
    // The older combined answer, as Entra sends it (400 invalid_request, the token's claims in the first line).
    const error = authErrorFromEntra(
      {
        status: 400,
        error: 'invalid_request',
        description:
          "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://oidc.prod-aks.azure.com/x/'. Assertion Subject: 'system:serviceaccount:default:wi'. Assertion Audience: 'api://AzureADTokenExchange'.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2026-01-01 00:00:00Z",
        codes: [70021],
      },
      workloadIdentity,
    );
    expect(error.aadstsCode).toBe('AADSTS70021');
    expect(error.message).toMatch(
      /^AADSTS70021: no federated credential of the app matches the federated token \(/,
    );
    expect(error.message).toContain("Assertion Subject: 'system:serviceaccount:default:wi'");
    expect(error.hint).toContain('az ad app federated-credential create --id app-1');
    expect(error.hint).toContain('issuer = ');
    expect(error.hint).toContain('subject = system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT');
    expect(error.hint).toContain('audience = api://AzureADTokenExchange');
    expect(error.transient).toBe(false);
  });

  it.each([
    ['700211', 'issuer', "the federated token's issuer"],
    ['700212', 'audience', "the federated token's audience"],
    ['700213', 'subject', "the federated token's subject"],
  ])('narrows AADSTS%s to the %s', (code, part, summary) => {
    const error = authErrorFromEntra(
      {
        status: 401,
        error: 'invalid_client',
        description: `AADSTS${code}: No matching federated identity record found.`,
        codes: [Number(code)],
      },
      workloadIdentity,
    );
    expect(error.message).toContain(summary);
    expect(error.hint).toContain(`${part} = `);
    for (const other of ['issuer', 'subject', 'audience'].filter((name) => name !== part))
      expect(error.hint).not.toContain(`${other} = `);
  });

  it('says of AADSTS700024 what the token file or the clock has to do with it, by credential', () => {
    const answer = {
      status: 401,
      error: 'invalid_client',
      description: 'AADSTS700024: Client assertion is not within its valid time range.',
    };
    expect(authErrorFromEntra(answer, workloadIdentity).hint).toContain(
      'the federated token in /var/run/secrets/azure/tokens/azure-identity-token has expired',
    );
    expect(authErrorFromEntra(answer, { ...ctx, credential: 'certificate' }).hint).toMatch(
      /^synchronise this machine's clock/,
    );
  });

  it('AuthError is an Error with its name and fields', () => {
    const error = new AuthError('it broke.', { hint: 'fix it' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AuthError');
    expect(error.message).toBe('it broke. What to do: fix it');
    expect(error.transient).toBe(false);
    expect(error.aadstsCode).toBeUndefined();
  });
});

describe('describeTransportFailure', () => {
  it('uses the innermost coded error and marks certificate failures', () => {
    const socket = Object.assign(new Error('self-signed certificate in certificate chain'), {
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    const wrapped = Object.assign(
      new Error('GET https://x/ failed: self-signed certificate in certificate chain', { cause: socket }),
      {
        code: 'SELF_SIGNED_CERT_IN_CHAIN',
      },
    );
    expect(describeTransportFailure(wrapped)).toEqual({
      reason:
        'TLS certificate not trusted: self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN)',
      tls: true,
    });
    const altname = Object.assign(new Error("Hostname/IP does not match certificate's altnames"), {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    expect(describeTransportFailure(new Error('fetch failed', { cause: altname })).reason).toMatch(
      /^TLS certificate does not match the host: /,
    );
  });

  it('explains timeouts and uncoded errors', () => {
    expect(describeTransportFailure(new DOMException('The operation timed out.', 'TimeoutError'))).toEqual({
      reason: 'no answer within the timeout MSAL set for this request',
      tls: false,
    });
    expect(describeTransportFailure(new Error('other side closed'))).toEqual({
      reason: 'other side closed',
      tls: false,
    });
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(describeTransportFailure(new Error('wrapper', { cause: reset }))).toEqual({
      reason: 'read ECONNRESET',
      tls: false,
    });
  });
});
