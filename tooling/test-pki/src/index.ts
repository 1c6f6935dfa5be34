import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRunPki } from '@m365-otel/simulator';

export interface TestPki {
  dir: string;
  /** The CA that issued the server certificate. */
  caFile: string;
  caPem: string;
  serverKeyPem: string;
  serverCertPem: string;
  /** An app certificate (RSA, self-signed) as Entra takes it for client assertions. */
  app: { keyFile: string; certFile: string; keyPem: string; certPem: string };
  cleanup(): void;
}

/**
 * The simulator's per-run PKI (a fresh CA, a server certificate for localhost/127.0.0.1, an app certificate),
 * written to a temporary directory for tests that need files. One generator serves the demo and every test.
 */
export async function createTestPki(): Promise<TestPki> {
  const pki = await generateRunPki(['localhost', '127.0.0.1']);
  const dir = mkdtempSync(join(tmpdir(), 'm365-otel-test-pki-'));
  const write = (name: string, content: string): string => {
    const file = join(dir, name);
    writeFileSync(file, content, { mode: 0o600 });
    return file;
  };
  return {
    dir,
    caFile: write('ca.pem', pki.ca.certificatePem),
    caPem: pki.ca.certificatePem,
    serverKeyPem: pki.server.privateKeyPem,
    serverCertPem: pki.server.certificatePem,
    app: {
      keyFile: write('app-key.pem', pki.app.privateKeyPem),
      certFile: write('app-cert.pem', pki.app.certificatePem),
      keyPem: pki.app.privateKeyPem,
      certPem: pki.app.certificatePem,
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
