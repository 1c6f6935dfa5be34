export type { Logger } from '@m365-otel/http';
export {
  DirectoryClient,
  type DirectoryClientOptions,
  type RequestOptions,
  type RiskDetectionsQuery,
  type SkippedDirectoryItem,
} from './client.js';
export {
  LICENCE_STATUSES,
  PROVISIONING_ERROR_CATEGORIES,
  RISK_LEVELS,
  RISK_STATES,
} from './enums.js';
export { DirectoryError } from './errors.js';
export { DIRECTORY_PERMISSIONS, type DirectoryMethod, type DirectoryPermission } from './permissions.js';
export type {
  AppCredential,
  AppCredentialOwner,
  CompanySubscription,
  DirectorySyncFeatures,
  LicenceUnits,
  Organization,
  ProvisioningError,
  ProvisioningErrorUser,
  RiskDetection,
  RiskyUser,
  SkippedItem,
  SubscribedSku,
} from './types.js';
