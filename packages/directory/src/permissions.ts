/** What one `DirectoryClient` method needs granted in the tenant. */
export interface DirectoryPermission {
  /** The least-privileged Microsoft Graph application permission (admin consent required). */
  readonly permission: string;
  /** A licence the tenant needs besides the permission; without it Graph refuses the call with 403 as well. */
  readonly licence?: string;
}

/**
 * The least-privileged application permission of each `DirectoryClient` method, as Microsoft documents it: the
 * client names it in the error of a 403, and the collector's docs and logs read it from here.
 */
export const DIRECTORY_PERMISSIONS = {
  listSubscribedSkus: { permission: 'LicenseAssignment.Read.All' },
  // Microsoft documents Organization.Read.All for /directory/subscriptions; LicenseAssignment.Read.All does not cover it.
  listCompanySubscriptions: { permission: 'Organization.Read.All' },
  listApplicationCredentials: { permission: 'Application.Read.All' },
  getOrganization: { permission: 'Organization.Read.All' },
  getDirectorySyncFeatures: { permission: 'OnPremDirectorySynchronization.Read.All' },
  listUsersWithProvisioningErrors: { permission: 'User.Read.All' },
  listRiskyUsers: { permission: 'IdentityRiskyUser.Read.All', licence: 'Microsoft Entra ID P2' },
  listRiskDetections: { permission: 'IdentityRiskEvent.Read.All', licence: 'Microsoft Entra ID P2' },
} as const satisfies Readonly<Record<string, DirectoryPermission>>;

/** A `DirectoryClient` method that reads Graph. */
export type DirectoryMethod = keyof typeof DIRECTORY_PERMISSIONS;
