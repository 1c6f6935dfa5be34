const UNIT_BYTES = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 } as const;
/** A size as the config writes it: a whole amount and a binary unit (`64MiB`, `512KiB`). */
export const BYTE_SIZE = /^(\d+)(B|KiB|MiB|GiB)$/;

/** Parses `64MiB`, `512KiB`, `1GiB`, `100B` into bytes; undefined for anything else or an overflowing size. */
export function parseByteSize(text: string): number | undefined {
  const match = BYTE_SIZE.exec(text);
  if (!match) return undefined;
  const bytes = Number(match[1]) * UNIT_BYTES[match[2] as keyof typeof UNIT_BYTES];
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
