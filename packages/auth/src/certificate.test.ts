import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CredentialFiles, createCredentialFiles } from './__fixtures__/credential-files.js';
import { loadCertificateCredential, prepareCertificate } from './certificate.js';
import { AuthError } from './errors.js';

let pki: CredentialFiles;

beforeAll(async () => {
  pki = await createCredentialFiles();
});

afterAll(() => pki?.remove());

async function loadError(files: { keyFile: string; certFile: string }): Promise<AuthError> {
  const error = await loadCertificateCredential(files).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  const authError = error as AuthError;
  // Whatever went wrong, no line of key material may appear in the error.
  const keyLines = readFileSync(pki.app.keyFile, 'utf8').split('\n').slice(1, -2);
  for (const line of keyLines) expect(`${authError.message}${authError.stack}`).not.toContain(line);
  return authError;
}

describe('loadCertificateCredential', () => {
  it('loads a matching key and certificate', async () => {
    const credential = await loadCertificateCredential({
      keyFile: pki.app.keyFile,
      certFile: pki.app.certFile,
    });
    expect(credential).toEqual({
      kind: 'certificate',
      privateKeyPem: pki.app.keyPem.trim(),
      certificatePem: pki.app.certPem.trim(),
    });
  });

  it('accepts one combined PEM file for both, and a PKCS#1 key', async () => {
    const combined = await loadCertificateCredential({
      keyFile: pki.app.combinedFile,
      certFile: pki.app.combinedFile,
    });
    expect(combined.kind).toBe('certificate');
    const pkcs1 = await loadCertificateCredential({
      keyFile: pki.app.pkcs1KeyFile,
      certFile: pki.app.certFile,
    });
    expect(pkcs1.kind === 'certificate' && pkcs1.privateKeyPem).toContain('BEGIN RSA PRIVATE KEY');
  });

  it('names an unreadable file', async () => {
    const missing = join(pki.dir, 'missing.key');
    const error = await loadError({ keyFile: missing, certFile: pki.app.certFile });
    expect(error.message).toContain(`cannot read the private key file ${missing}: no such file`);
    const dir = await loadError({ keyFile: pki.app.keyFile, certFile: pki.dir });
    expect(dir.message).toContain(`cannot read the certificate file ${pki.dir}: it is a directory`);
  });

  it('names a file that is not PEM', async () => {
    const key = await loadError({ keyFile: pki.garbageFile, certFile: pki.app.certFile });
    expect(key.message).toContain(`keyFile ${pki.garbageFile} is not a PEM private key`);
    const cert = await loadError({ keyFile: pki.app.keyFile, certFile: pki.garbageFile });
    expect(cert.message).toContain(`certFile ${pki.garbageFile} is not a PEM certificate`);
  });

  it('notices swapped files', async () => {
    const error = await loadError({ keyFile: pki.app.certFile, certFile: pki.app.keyFile });
    expect(error.message).toContain(`keyFile ${pki.app.certFile} holds a certificate but no private key`);
    expect(error.hint).toContain('swapped');
  });

  it('rejects a key that does not belong to the certificate', async () => {
    const error = await loadError({ keyFile: pki.stranger.keyFile, certFile: pki.app.certFile });
    const thumbprint = new X509Certificate(pki.app.certPem).fingerprint.replaceAll(':', '');
    expect(error.message).toBe(
      `keyFile ${pki.stranger.keyFile} does not belong to certFile ${pki.app.certFile} (thumbprint ${thumbprint}): their public keys differ. What to do: ${error.hint}`,
    );
  });

  it('rejects encrypted and non-RSA keys with what to do', async () => {
    const encrypted = await loadError({ keyFile: pki.encryptedKeyFile, certFile: pki.app.certFile });
    expect(encrypted.message).toContain('holds an encrypted private key');
    expect(encrypted.hint).toContain('openssl pkey');
    const ec = await loadError({ keyFile: pki.ecKeyFile, certFile: pki.app.certFile });
    expect(ec.message).toContain(`keyFile ${pki.ecKeyFile} is not an RSA key (key type ec)`);
  });
});

describe('prepareCertificate', () => {
  it('computes the thumbprints MSAL and the Entra admin center use, and a PKCS#8 key', () => {
    const prepared = prepareCertificate({
      privateKeyPem: readFileSync(pki.app.pkcs1KeyFile, 'utf8'),
      certificatePem: pki.app.certPem,
    });
    const certificate = new X509Certificate(pki.app.certPem);
    expect(prepared.thumbprintSha256).toBe(certificate.fingerprint256.replaceAll(':', ''));
    expect(prepared.thumbprintSha256).toMatch(/^[0-9A-F]{64}$/);
    expect(prepared.thumbprintSha1).toMatch(/^[0-9A-F]{40}$/);
    expect(prepared.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });
});
