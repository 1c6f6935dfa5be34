/**
 * The variable the Azure Workload Identity webhook sets in a pod that uses it: the path of the projected service
 * account token (`/var/run/secrets/azure/tokens/azure-identity-token`).
 */
export const FEDERATED_TOKEN_FILE_ENV = 'AZURE_FEDERATED_TOKEN_FILE';

/** The audience Entra ID expects in a federated token (the federated identity credential's default). */
export const FEDERATED_TOKEN_AUDIENCE = 'api://AzureADTokenExchange';
