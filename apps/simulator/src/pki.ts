// tsyringe (pulled in by @peculiar/x509) refuses to load without the Reflect metadata API; this import must stay
// first so the polyfill is evaluated before the library.
import 'reflect-metadata';
import { createHash, X509Certificate as NodeX509Certificate, type webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(globalThis.crypto);

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
// Entra app certificates must be RSA: client assertions are RS256 or PS256.
const RSA_2048 = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
} as const;

export interface PemPair {
  certificatePem: string;
  privateKeyPem: string;
}

export interface RunPki {
  /** Only the certificate leaves this module: the CA key signs the server certificate and is then dropped. */
  ca: { certificatePem: string };
  server: PemPair;
  /** The registered app's certificate (self-signed, as admins usually upload). */
  app: PemPair;
}

export interface AppCertificate {
  publicKey: NodeX509Certificate['publicKey'];
  /** base64url SHA-1 of the DER certificate: the JWT header `x5t`. */
  x5t: string;
  /** base64url SHA-256 of the DER certificate: the JWT header `x5t#S256`. */
  x5tS256: string;
  /** Upper-case hex SHA-1, as Entra prints it in AADSTS700027 messages and Graph in `customKeyIdentifier`. */
  thumbprintHex: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await globalThis.crypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function validity(days: number): { notBefore: Date; notAfter: Date } {
  // Backdated so that a client whose clock runs slightly behind still accepts the chain.
  const now = Date.now();
  return { notBefore: new Date(now - 3_600_000), notAfter: new Date(now + days * 86_400_000) };
}

/**
 * Generates a fresh CA, a server certificate for the loopback names the simulator answers on, and the app's client
 * certificate. Keys are new on every run: nothing secret is ever checked in or reused.
 */
export async function generateRunPki(serverNames: readonly string[]): Promise<RunPki> {
  const subtle = globalThis.crypto.subtle;
  const runId = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(6))).toString('hex');

  const caKeys = await subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=m365-otel simulator CA ${runId}`,
    keys: caKeys,
    signingAlgorithm: ECDSA_P256,
    ...validity(30),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const serverKeys = await subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
  const sanNames = [...new Set(serverNames)].map((name) => ({
    type: isIP(name) === 0 ? ('dns' as const) : ('ip' as const),
    value: name,
  }));
  const serverCert = await x509.X509CertificateGenerator.create({
    subject: 'CN=m365-otel simulator',
    issuer: caCert.subject,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ECDSA_P256,
    ...validity(30),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(sanNames),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
    ],
  });

  const appKeys = await subtle.generateKey(RSA_2048, true, ['sign', 'verify']);
  const appCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=m365-otel simulator app ${runId}`,
    keys: appKeys,
    signingAlgorithm: RSA_2048,
    ...validity(365),
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });

  return {
    ca: { certificatePem: caCert.toString('pem') },
    server: {
      certificatePem: serverCert.toString('pem'),
      privateKeyPem: await privateKeyPem(serverKeys.privateKey),
    },
    app: { certificatePem: appCert.toString('pem'), privateKeyPem: await privateKeyPem(appKeys.privateKey) },
  };
}

export function describeAppCertificate(certificatePem: string): AppCertificate {
  const cert = new NodeX509Certificate(certificatePem);
  const sha1 = createHash('sha1').update(cert.raw).digest();
  return {
    publicKey: cert.publicKey,
    x5t: sha1.toString('base64url'),
    x5tS256: createHash('sha256').update(cert.raw).digest('base64url'),
    thumbprintHex: sha1.toString('hex').toUpperCase(),
    subject: cert.subject,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}
