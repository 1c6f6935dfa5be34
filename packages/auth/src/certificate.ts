import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AuthError } from './errors.js';

export type ClientCredential =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; privateKeyPem: string; certificatePem: string }
  /** Azure Workload Identity: the federated token in `tokenFile` is the client assertion, read at each token request. */
  | { kind: 'workloadIdentity'; tokenFile: string };

/** A certificate credential checked and prepared for MSAL. */
export interface PreparedCertificate {
  /** PKCS#8 PEM: MSAL documents "-----BEGIN PRIVATE KEY-----"; keys often come as PKCS#1 "RSA PRIVATE KEY". */
  privateKeyPem: string;
  /** Hex, upper case, no colons: the form MSAL's thumbprintSha256 takes. */
  thumbprintSha256: string;
  /** Hex, upper case: what the Entra admin center shows in the certificate's Thumbprint column. */
  thumbprintSha1: string;
  notAfter: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?\r?\n-----END \1-----/g;

function pemBlocks(text: string): Array<{ label: string; pem: string }> {
  return [...text.matchAll(PEM_BLOCK)].map((match) => ({ label: match[1] ?? '', pem: match[0] }));
}

const KEY_HINT =
  'provide an unencrypted RSA private key in PEM (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY")';
const CERT_HINT =
  'provide the app certificate in PEM ("BEGIN CERTIFICATE"), the same one uploaded to the app registration';

/**
 * Picks the private key block out of a PEM text (a combined key + certificate file is accepted). Errors name the
 * source and what was found, never the key material.
 */
function extractKeyPem(text: string, source: string): string {
  const blocks = pemBlocks(text);
  const encrypted = blocks.find((block) => block.label === 'ENCRYPTED PRIVATE KEY');
  const key = blocks.find((block) => block.label === 'PRIVATE KEY' || block.label === 'RSA PRIVATE KEY');
  if (key) {
    if (/^Proc-Type:.*ENCRYPTED/m.test(key.pem)) {
      throw new AuthError(`${source} holds an encrypted private key`, {
        hint: `decrypt it (openssl pkey -in KEY -out PLAIN_KEY) and protect the file with file permissions; ${KEY_HINT}`,
      });
    }
    return key.pem;
  }
  if (encrypted) {
    throw new AuthError(`${source} holds an encrypted private key`, {
      hint: `decrypt it (openssl pkey -in KEY -out PLAIN_KEY) and protect the file with file permissions; ${KEY_HINT}`,
    });
  }
  const other = blocks.find((block) => block.label.endsWith('PRIVATE KEY'));
  if (other) {
    throw new AuthError(`${source} holds a "${other.label}", not an RSA private key`, {
      hint: `Entra ID certificate credentials sign with RSA (PS256/RS256); ${KEY_HINT}`,
    });
  }
  if (blocks.some((block) => block.label === 'CERTIFICATE')) {
    throw new AuthError(`${source} holds a certificate but no private key`, {
      hint: `check that keyFile and certFile are not swapped; ${KEY_HINT}`,
    });
  }
  throw new AuthError(`${source} is not a PEM private key (no "-----BEGIN PRIVATE KEY-----" block found)`, {
    hint: `${KEY_HINT}; convert a PFX with: openssl pkcs12 -in app.pfx -nocerts -nodes -out key.pem`,
  });
}

function extractCertificatePem(text: string, source: string): string {
  const blocks = pemBlocks(text);
  // A chain file lists the leaf first (RFC 8446 §4.4.2 order, and what openssl/Key Vault exports write).
  const certificate = blocks.find((block) => block.label === 'CERTIFICATE');
  if (certificate) return certificate.pem;
  if (blocks.some((block) => block.label.endsWith('PRIVATE KEY'))) {
    throw new AuthError(`${source} holds a private key but no certificate`, {
      hint: `check that keyFile and certFile are not swapped; ${CERT_HINT}`,
    });
  }
  throw new AuthError(`${source} is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" block found)`, {
    hint: `${CERT_HINT}; convert a DER .cer with: openssl x509 -inform der -in app.cer -out app.pem`,
  });
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses and cross-checks a certificate credential. `keySource`/`certSource` name where each PEM came from, for
 * the error messages.
 */
export function prepareCertificate(
  credential: { privateKeyPem: string; certificatePem: string },
  keySource = 'the private key',
  certSource = 'the certificate',
): PreparedCertificate {
  const keyPem = extractKeyPem(credential.privateKeyPem, keySource);
  const certPem = extractCertificatePem(credential.certificatePem, certSource);
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (error) {
    // OpenSSL's reason (e.g. "DECODER routines::unsupported") names the failure, not the key's content.
    throw new AuthError(`${keySource} cannot be parsed as a private key (${reasonOf(error)})`, {
      hint: KEY_HINT,
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new AuthError(`${keySource} is not an RSA key (key type ${key.asymmetricKeyType ?? 'unknown'})`, {
      hint: `Entra ID certificate credentials sign with RSA (PS256/RS256); ${KEY_HINT}`,
    });
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certPem);
  } catch (error) {
    throw new AuthError(`${certSource} cannot be parsed as an X.509 certificate (${reasonOf(error)})`, {
      hint: CERT_HINT,
    });
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new AuthError(
      `${keySource} does not belong to ${certSource} (thumbprint ${certificate.fingerprint.replaceAll(':', '')}): their public keys differ`,
      {
        hint: 'configure the key that was generated together with this certificate, or the certificate issued for this key',
      },
    );
  }
  return {
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    thumbprintSha256: certificate.fingerprint256.replaceAll(':', ''),
    thumbprintSha1: certificate.fingerprint.replaceAll(':', ''),
    notAfter: certificate.validTo,
  };
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory'
            : reasonOf(error);
    throw new AuthError(`cannot read the ${what} ${file}: ${why}`, {
      hint: `check the path and that the collector's user can read the file`,
    });
  }
}

/**
 * Reads a certificate credential from PEM files and checks that the key belongs to the certificate, so a wrong
 * pairing fails at startup with a precise message instead of as AADSTS700027 at the first token request.
 * keyFile and certFile may be the same combined PEM file.
 */
export async function loadCertificateCredential(files: {
  keyFile: string;
  certFile: string;
}): Promise<ClientCredential> {
  const [keyText, certText] = await Promise.all([
    readText(files.keyFile, 'private key file'),
    readText(files.certFile, 'certificate file'),
  ]);
  const keySource = `keyFile ${files.keyFile}`;
  const certSource = `certFile ${files.certFile}`;
  const credential = {
    privateKeyPem: extractKeyPem(keyText, keySource),
    certificatePem: extractCertificatePem(certText, certSource),
  };
  prepareCertificate(credential, keySource, certSource);
  return { kind: 'certificate', ...credential };
}
