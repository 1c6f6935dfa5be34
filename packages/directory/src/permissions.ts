/** What one `DirectoryClient` method needs granted in the tenant. */
export interface DirectoryPermission {
  /** The least-privileged Microsoft Graph application permission (admin consent required). */
  readonly permission: string;
  /** A licence the tenant needs besides the permission; without it Graph refuses the call with 403 as well. */
  readonly licence?: string;
}

const PERMISSIONS = {
  listSubscribedSkus: { permission: 'LicenseAssignment.Read.All' },
  // /directory/subscriptions documents Organization.Read.All; it does not list LicenseAssignment.Read.All at all.
  listCompanySubscriptions: { permission: 'Organization.Read.All' },
  listApplicationCredentials: { permission: 'Application.Read.All' },
  getOrganization: { permission: 'Organization.Read.All' },
  getDirectorySyncFeatures: { permission: 'OnPremDirectorySynchronization.Read.All' },
  listUsersWithProvisioningErrors: { permission: 'User.Read.All' },
  listRiskyUsers: { permission: 'IdentityRiskyUser.Read.All', licence: 'Microsoft Entra ID P2' },
  listRiskDetections: { permission: 'IdentityRiskEvent.Read.All', licence: 'Microsoft Entra ID P2' },
} satisfies Record<string, DirectoryPermission>;

/** A `DirectoryClient` method that reads Graph. */
export type DirectoryMethod = keyof typeof PERMISSIONS;

/**
 * The least-privileged application permission of each `DirectoryClient` method, as Microsoft documents it: the
 * client names it in the error of a 403, and the collector's docs and logs read it from here.
 */
export const DIRECTORY_PERMISSIONS: Readonly<Record<DirectoryMethod, DirectoryPermission>> = PERMISSIONS;
