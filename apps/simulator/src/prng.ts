// A counter-based hash PRNG: every random value is a pure function of (seed, entity, day, field). That keeps a
// million-user tenant free of per-user state (any row can be regenerated on demand, in any order) and makes the same
// seed produce the same bytes on every machine. MurmurHash3's 32-bit mixing steps give good avalanche cheaply.

function mixRound(h: number, value: number): number {
  let k = Math.imul(value | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let x = h ^ k;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

function finalize(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export class HashRandom {
  readonly #seedState: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new Error(`simulator seed must be a non-negative safe integer, got ${seed}`);
    }
    // Fold both 32-bit halves in, so seeds that differ only above bit 31 still give different tenants.
    this.#seedState = mixRound(mixRound(0x5eed, seed >>> 0), Math.floor(seed / 2 ** 32) >>> 0);
  }

  /** Uniform uint32 for (entity, day, field). */
  uint32(entity: number, day: number, field: number): number {
    return finalize(mixRound(mixRound(mixRound(this.#seedState, entity), day), field));
  }

  /** Uniform in [0, 1). */
  unit(entity: number, day: number, field: number): number {
    return this.uint32(entity, day, field) / 4_294_967_296;
  }

  /** Uniform integer in [0, n). */
  below(n: number, entity: number, day: number, field: number): number {
    return Math.floor(this.unit(entity, day, field) * n);
  }

  /** 32 upper-case hex characters, the shape of Microsoft's concealed names. */
  hex128(entity: number, field: number): string {
    let out = '';
    for (let part = 0; part < 4; part += 1) {
      out += this.uint32(entity, part, field).toString(16).padStart(8, '0');
    }
    return out.toUpperCase();
  }

  /**
   * A version-4 GUID (RFC 4122 variant bits), the shape of the ids Entra and the audit log hand out: the hex of
   * `hex128` with the version and variant bits set. Built from byte tables, as the audit backlog makes millions.
   */
  guid(entity: number, field: number): string {
    const a = this.uint32(entity, 0, field);
    const b = this.uint32(entity, 1, field);
    const c = this.uint32(entity, 2, field);
    const d = this.uint32(entity, 3, field);
    return (
      `${byteHex(a >>> 24)}${byteHex((a >>> 16) & 0xff)}${byteHex((a >>> 8) & 0xff)}${byteHex(a & 0xff)}-` +
      `${byteHex(b >>> 24)}${byteHex((b >>> 16) & 0xff)}-4${NIBBLE_HEX[(b >>> 8) & 0xf]}${byteHex(b & 0xff)}-` +
      `${NIBBLE_HEX[((c >>> 28) & 0x3) | 0x8]}${NIBBLE_HEX[(c >>> 24) & 0xf]}${byteHex((c >>> 16) & 0xff)}-` +
      `${byteHex((c >>> 8) & 0xff)}${byteHex(c & 0xff)}${byteHex(d >>> 24)}${byteHex((d >>> 16) & 0xff)}` +
      `${byteHex((d >>> 8) & 0xff)}${byteHex(d & 0xff)}`
    );
  }
}

const NIBBLE_HEX = '0123456789abcdef';
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
);

function byteHex(byte: number): string {
  return BYTE_HEX[byte] as string;
}
