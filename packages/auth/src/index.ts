export type { Logger } from '@m365-otel/http';
export {
  type ClientCredential,
  loadCertificateCredential,
  type PreparedCertificate,
  prepareCertificate,
} from './certificate.js';
export {
  CLOUD_PRESETS,
  type CloudEndpoints,
  type CloudName,
  type PresetCloudName,
  resolveCloudEndpoints,
  scopeForResource,
} from './clouds.js';
export { type EnvironmentSignIn, signInFromEnvironment } from './environment.js';
export { AuthError } from './errors.js';
export { FEDERATED_TOKEN_AUDIENCE, FEDERATED_TOKEN_FILE_ENV } from './federated.js';
export { type AccessToken, TokenProvider, type TokenProviderOptions } from './token-provider.js';
export { readFederatedToken } from './workload-identity.js';
