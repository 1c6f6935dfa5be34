import { loadCertificateCredential, prepareCertificate } from '@m365-otel/auth';
import type { DirectoryClient } from '@m365-otel/directory';
import { mapAppCredentials, type OwnCredential } from '@m365-otel/mappers';
import type { TenantConfig } from '../../config/types.js';
import type { GovernanceSource } from '../../pipeline/governance.js';
import { type CallContext, governanceSource } from './calls.js';

/**
 * The credential the collector signs in with, as far as Graph can match it: a secret by its first three characters
 * (Graph's `hint`; the secret and its hint are never logged or exported), a certificate by its SHA-1 thumbprint, with
 * the file's notAfter for when the app does not list it. A federated credential (Workload Identity) has no end and
 * nothing that expires for the collector to report: undefined.
 */
export async function ownCredential(
  tenant: Pick<TenantConfig, 'clientId' | 'credential'>,
): Promise<OwnCredential | undefined> {
  const credential = tenant.credential;
  if (credential.kind === 'workloadIdentity') return undefined;
  if (credential.kind === 'secret')
    return { appId: tenant.clientId, kind: 'secret', hint: credential.secret.slice(0, 3) };
  const loaded = await loadCertificateCredential({
    keyFile: credential.keyFile,
    certFile: credential.certFile,
  });
  if (loaded.kind !== 'certificate') throw new Error('a certificate credential loaded as something else');
  const prepared = prepareCertificate(
    loaded,
    `keyFile ${credential.keyFile}`,
    `certFile ${credential.certFile}`,
  );
  return {
    appId: tenant.clientId,
    kind: 'certificate',
    thumbprint: prepared.thumbprintSha1,
    notAfterMs: Date.parse(prepared.notAfter),
  };
}

/**
 * App credentials: every secret and certificate of the app registrations and service principals (one list of each,
 * every page), bucketed by expiry, the collector's own credential's time left, and a log record per credential.
 */
export function appCredentialsSource(
  directory: Pick<DirectoryClient, 'listApplicationCredentials'>,
  tenant: Pick<TenantConfig, 'clientId' | 'credential'>,
  context: CallContext & { now: () => number },
): GovernanceSource {
  return governanceSource('appCredentials', context, async (calls, signal) => {
    // One client method lists both collections; its failure names the one that failed in its message.
    const owners = await calls.read('applications', signal, () =>
      directory.listApplicationCredentials({ signal, onSkippedItem: calls.onSkippedItem }),
    );
    // Read each poll: a certificate file renewed in place is seen without a restart.
    const own = owners === undefined ? undefined : await ownCredential(tenant);
    const mapped = mapAppCredentials(owners ?? [], { nowMs: context.now(), ...(own && { own }) });
    calls.problems(mapped.problems);
    return calls.collection({ observations: mapped.observations, events: mapped.events });
  });
}
