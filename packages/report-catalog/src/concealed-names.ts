/** How a concealed name looks: 32 upper-case hexadecimal characters, the same for one user across reports. */
const CONCEALED_NAME = /^[0-9A-F]{32}$/;

/**
 * Whether a user, group or site name in a report is concealed: since 2021 tenants replace names in usage reports
 * by a hash unless an admin turns `displayConcealedNames` off (docs/microsoft-apis.md#concealed-names).
 */
export function isConcealedName(value: string): boolean {
  return CONCEALED_NAME.test(value);
}
