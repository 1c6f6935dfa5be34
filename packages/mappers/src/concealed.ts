/**
 * Whether a name in a report is concealed: Microsoft replaces user, group and site names with 32 upper-case
 * hexadecimal characters when the tenant's report setting says so.
 */
export function isConcealedName(value: string): boolean {
  return value.length === 32 && /^[0-9A-F]{32}$/.test(value);
}
