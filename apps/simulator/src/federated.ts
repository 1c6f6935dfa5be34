import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  sign,
} from 'node:crypto';

/**
 * A federated identity credential of the app, as Entra ID holds it, plus the issuer's signing key that Entra would
 * read from the issuer's OIDC discovery document: a token from `issuer` about `subject` for `audience`, signed by
 * `publicKey`'s private key, is accepted as the app's client assertion (Azure Workload Identity).
 */
export interface FederatedCredential {
  /** The token's `iss`: the Kubernetes cluster's OIDC issuer URL. Matched exactly. */
  issuer: string;
  /** The token's `sub`, e.g. `system:serviceaccount:monitoring:m365-otel`. Matched exactly (case-sensitive). */
  subject: string;
  /** One of the token's `aud` values; Entra's default is `api://AzureADTokenExchange`. */
  audience: string;
  /** The issuer's public key, PEM (SPKI) or a KeyObject. */
  publicKey: string | KeyObject;
}

/** A federated credential checked and ready for the token endpoint. */
export interface TrustedFederatedCredential {
  issuer: string;
  subject: string;
  audience: string;
  publicKey: KeyObject;
  /** The key id the issuer publishes for the key (as a Kubernetes API server derives it). */
  keyId: string;
}

/** A federated token Entra accepted: who presented it, and the token's own id. */
export interface FederatedSignIn {
  issuer: string;
  subject: string;
  /** The token's `jti`, when it has one (Kubernetes service account tokens do). */
  tokenId: string | undefined;
  /** The resource the access token was issued for. */
  resource: string;
}

/** A Kubernetes API server's key id: base64url of the SHA-256 of the DER (SPKI) public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url');
}

export function trustFederatedCredentials(
  credentials: readonly FederatedCredential[],
): TrustedFederatedCredential[] {
  return credentials.map((credential, index) => {
    const where = `simulator federatedCredentials[${index}]`;
    for (const field of ['issuer', 'subject', 'audience'] as const) {
      if (typeof credential[field] !== 'string' || credential[field] === '')
        throw new Error(`${where}.${field} must be a non-empty string`);
    }
    const publicKey =
      typeof credential.publicKey === 'string' ? createPublicKey(credential.publicKey) : credential.publicKey;
    if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'rsa')
      throw new Error(`${where}.publicKey must be an RSA public key`);
    return {
      issuer: credential.issuer,
      subject: credential.subject,
      audience: credential.audience,
      publicKey,
      keyId: keyIdOf(publicKey),
    };
  });
}

/** What a projected service account token says; every field has a kubelet-like default. */
export interface ServiceAccountTokenClaims {
  subject: string;
  audience: string;
  /** Seconds from now until `exp`; negative for an expired token. Default 3600. */
  lifetimeSeconds?: number;
  /** The token's `jti`. Default: a random UUID. */
  tokenId?: string;
}

/**
 * A stand-in for a Kubernetes cluster's service account token issuer (what the kubelet projects into a Workload
 * Identity pod): an RSA key, an issuer URL, and tokens signed RS256 with the key id in the header.
 */
export interface ServiceAccountIssuer {
  issuer: string;
  /** The issuer's public key, PEM (SPKI): what its JWKS would publish. */
  publicKeyPem: string;
  /** The federated credential an admin would create for `subject` of this issuer. */
  credential(subject: string, audience: string): FederatedCredential;
  /** A signed token, as the kubelet writes it into the projected volume. */
  mint(claims: ServiceAccountTokenClaims): string;
}

export function createServiceAccountIssuer(issuer: string): ServiceAccountIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const kid = keyIdOf(publicKey);
  return {
    issuer,
    publicKeyPem,
    credential: (subject, audience) => ({ issuer, subject, audience, publicKey: publicKeyPem }),
    mint(claims) {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + (claims.lifetimeSeconds ?? 3600);
      const [, namespace = '', name = ''] = /^system:serviceaccount:([^:]+):(.+)$/.exec(claims.subject) ?? [];
      const payload = {
        // Kubernetes writes aud as a list.
        aud: [claims.audience],
        exp,
        iat: Math.min(now, exp - 1),
        nbf: Math.min(now, exp - 1),
        iss: issuer,
        jti: claims.tokenId ?? randomUUID(),
        sub: claims.subject,
        'kubernetes.io': { namespace, serviceaccount: { name, uid: randomUUID() } },
      };
      const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
      const signingInput = `${encode({ alg: 'RS256', kid })}.${encode(payload)}`;
      const signature = sign('sha256', Buffer.from(signingInput), privateKey);
      return `${signingInput}.${signature.toString('base64url')}`;
    },
  };
}
