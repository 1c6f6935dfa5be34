import { readFile } from 'node:fs/promises';
import { AuthError } from './errors.js';
import { FEDERATED_TOKEN_FILE_ENV } from './federated.js';

const PROJECTION_HINT =
  'label the pod azure.workload.identity/use: "true" and annotate its service account with azure.workload.identity/client-id, so that the Azure Workload Identity webhook projects the token and sets ' +
  `${FEDERATED_TOKEN_FILE_ENV}; or set workloadIdentity.tokenFile to the path of the projected token`;

/** A JWT in compact form: three base64url parts. Only the shape is checked; Entra ID validates the rest. */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Reads the federated token (a Kubernetes service account token) from `tokenFile`, afresh on every call: the
 * kubelet rewrites the file before the token expires, so a token read once would be refused an hour later.
 * Errors name the file and what is wrong with it, never its content.
 */
export async function readFederatedToken(tokenFile: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(tokenFile, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new AuthError(`the federated token file ${tokenFile} does not exist`, { hint: PROJECTION_HINT });
    }
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : typeof code === 'string'
            ? code
            : 'unknown error';
    throw new AuthError(`cannot read the federated token file ${tokenFile}: ${why}`, {
      hint:
        code === 'EISDIR'
          ? 'set workloadIdentity.tokenFile to the token file inside the projected volume, not to the volume'
          : "let the collector's user read the file: the pod's securityContext.fsGroup (or runAsUser) must match the projected volume's owner",
    });
  }
  const token = text.trim();
  if (token === '') {
    throw new AuthError(`the federated token file ${tokenFile} is empty`, { hint: PROJECTION_HINT });
  }
  if (!COMPACT_JWT.test(token)) {
    throw new AuthError(`the federated token file ${tokenFile} does not hold a JWT`, {
      hint: `point workloadIdentity.tokenFile at the projected service account token (what ${FEDERATED_TOKEN_FILE_ENV} names), not at another file`,
    });
  }
  return token;
}
