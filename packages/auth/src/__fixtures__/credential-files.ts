import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestPki } from '@m365-otel/test-pki';

/**
 * The certificate credential files an operator may hand the auth package, good and bad, all derived from the
 * shared test PKI with node:crypto, so no test trusts the code under test to make them.
 */
export interface CredentialFiles {
  dir: string;
  app: {
    keyFile: string;
    certFile: string;
    keyPem: string;
    certPem: string;
    /** The app's key in the traditional `BEGIN RSA PRIVATE KEY` form. */
    pkcs1KeyFile: string;
    /** Key and certificate in one file. */
    combinedFile: string;
  };
  /** An RSA key and certificate of another PKI run: not the app's, and registered nowhere. */
  stranger: { keyFile: string; certFile: string };
  ecKeyFile: string;
  encryptedKeyFile: string;
  garbageFile: string;
  remove(): void;
}

export async function createCredentialFiles(): Promise<CredentialFiles> {
  const [pki, other] = await Promise.all([createTestPki(), createTestPki()]);
  const write = (name: string, content: string): string => {
    const file = join(pki.dir, name);
    writeFileSync(file, content, { mode: 0o600 });
    return file;
  };
  const appKey = createPrivateKey(pki.app.keyPem);
  const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const encrypted = appKey.export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: 'secret-pass',
  });
  return {
    dir: pki.dir,
    app: {
      ...pki.app,
      pkcs1KeyFile: write('app-pkcs1.key', appKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
      combinedFile: write('app-combined.pem', `${pki.app.keyPem}${pki.app.certPem}`),
    },
    stranger: { keyFile: other.app.keyFile, certFile: other.app.certFile },
    ecKeyFile: write('ec.key', ecKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    encryptedKeyFile: write('encrypted.key', encrypted.toString()),
    garbageFile: write('garbage.pem', 'this is not PEM\n'),
    remove: () => {
      pki.cleanup();
      other.cleanup();
    },
  };
}
