import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Throwaway keys and certificates made with the openssl CLI, so the tests do not trust code under test. */
export interface TestPki {
  dir: string;
  /** CA that issued the stand-in's server certificate. */
  caFile: string;
  /** A second CA the stand-in's certificate does not chain to. */
  otherCaFile: string;
  server: { keyPem: string; certPem: string };
  /** The app's registered certificate (RSA). */
  app: {
    keyFile: string;
    certFile: string;
    keyPem: string;
    certPem: string;
    pkcs1KeyFile: string;
    combinedFile: string;
  };
  /** An RSA key + self-signed certificate that Entra (the stand-in) does not know. */
  stranger: { keyFile: string; certFile: string };
  ecKeyFile: string;
  encryptedKeyFile: string;
  garbageFile: string;
  remove(): void;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'm365-otel-auth-pki-'));
  const file = (name: string): string => join(dir, name);
  const read = (name: string): string => readFileSync(file(name), 'utf8');
  const selfSigned = (key: string, cert: string, subject: string, extra: string[] = []): void => {
    openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
    openssl(dir, [
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      subject,
      ...extra,
    ]);
  };
  selfSigned('ca.key', 'ca.pem', '/CN=m365-otel auth test CA', [
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  selfSigned('other-ca.key', 'other-ca.pem', '/CN=m365-otel unrelated CA', [
    '-addext',
    'basicConstraints=critical,CA:TRUE',
  ]);
  openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'server.key']);
  openssl(dir, ['req', '-new', '-key', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  ]);
  selfSigned('app.key', 'app.pem', '/CN=m365-otel test app');
  openssl(dir, ['rsa', '-in', 'app.key', '-traditional', '-out', 'app-pkcs1.key']);
  writeFileSync(file('app-combined.pem'), `${read('app.key')}${read('app.pem')}`);
  selfSigned('stranger.key', 'stranger.pem', '/CN=not registered');
  openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.key']);
  openssl(dir, [
    'pkcs8',
    '-topk8',
    '-in',
    'app.key',
    '-out',
    'encrypted.key',
    '-passout',
    'pass:secret-pass',
  ]);
  writeFileSync(file('garbage.pem'), 'this is not PEM\n');
  return {
    dir,
    caFile: file('ca.pem'),
    otherCaFile: file('other-ca.pem'),
    server: { keyPem: read('server.key'), certPem: read('server.pem') },
    app: {
      keyFile: file('app.key'),
      certFile: file('app.pem'),
      keyPem: read('app.key'),
      certPem: read('app.pem'),
      pkcs1KeyFile: file('app-pkcs1.key'),
      combinedFile: file('app-combined.pem'),
    },
    stranger: { keyFile: file('stranger.key'), certFile: file('stranger.pem') },
    ecKeyFile: file('ec.key'),
    encryptedKeyFile: file('encrypted.key'),
    garbageFile: file('garbage.pem'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
