/** How an Id is held: its text, or a GUID's 128 bits and the case of its hex letters. */
const OTHER = 0;
const GUID_LOWER = 1;
const GUID_UPPER = 2;
type Form = typeof OTHER | typeof GUID_LOWER | typeof GUID_UPPER;

const DASH = 0x2d;
const WORDS = 4;
/** Slots the ring starts with (or the limit, when smaller); it doubles as it fills, up to the limit. */
const INITIAL_SLOTS = 1024;

/**
 * The most recent `limit` distinct Ids, exact, in the order they were added; adding one more evicts the oldest.
 *
 * A record Id is a GUID, so one in the canonical form (`8-4-4-4-12` hex digits, its letters all lower case or all
 * upper case) is held as its 128 bits and its case in typed arrays (a ring of slots in order of addition, and an
 * open-addressing table of slot numbers keyed by those bits): about 30 bytes per Id outside the JavaScript heap,
 * where a string in a Set costs about 100 bytes that the garbage collector walks. The bits and the case give the
 * text back exactly, so two Ids are the same here when their strings are equal, and only then (nothing is hashed
 * away: a false match would drop a record). Any other Id is kept as its string, so an Id of another shape costs
 * memory, never correctness.
 */
export class RecentIds {
  readonly #limit: number;
  /** Slot `s` holds its GUID's bits in `#words[4s .. 4s+3]`, the most significant word first. */
  #words: Uint32Array;
  #forms: Uint8Array;
  /** The Ids that are not GUIDs, by slot and by text. */
  readonly #others = new Map<number, string>();
  readonly #otherIds = new Set<string>();
  /**
   * Linear probing, at most half full; an entry is a GUID's slot + 1, 0 is empty. Deleting shifts the entries
   * after it back (no tombstones), so a lookup never walks what was evicted.
   */
  #table: Int32Array;
  #mask: number;
  #size = 0;
  /** The slot of the oldest Id once the ring is full (all `limit` slots used); 0 until then. */
  #oldest = 0;
  /** The parsed bits of the Id being looked up. */
  readonly #key = new Uint32Array(WORDS);

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`limit must be a positive integer, got ${limit}`);
    this.#limit = limit;
    const slots = Math.min(limit, INITIAL_SLOTS);
    this.#words = new Uint32Array(slots * WORDS);
    this.#forms = new Uint8Array(slots);
    this.#table = new Int32Array(tableSizeFor(slots));
    this.#mask = this.#table.length - 1;
  }

  get size(): number {
    return this.#size;
  }

  has(id: string): boolean {
    const form = parseGuid(id, this.#key);
    return form === OTHER ? this.#otherIds.has(id) : this.#find(form) !== -1;
  }

  /** Adds `id` as the newest, evicting the oldest when `limit` are held; false (and nothing changes) when held. */
  add(id: string): boolean {
    const form = parseGuid(id, this.#key);
    if (form === OTHER ? this.#otherIds.has(id) : this.#find(form) !== -1) return false;
    let slot: number;
    if (this.#size < this.#limit) {
      if (this.#size === this.#forms.length) this.#grow();
      slot = this.#size++;
    } else {
      slot = this.#oldest;
      this.#evict(slot);
      this.#oldest = slot + 1 === this.#limit ? 0 : slot + 1;
    }
    this.#forms[slot] = form;
    if (form === OTHER) {
      this.#others.set(slot, id);
      this.#otherIds.add(id);
    } else {
      this.#words.set(this.#key, slot * WORDS);
      this.#insert(slot);
    }
    return true;
  }

  /** The Ids held, oldest first, as the strings they were added as. */
  *values(): Generator<string> {
    for (let index = 0; index < this.#size; index++) {
      const slot = (this.#oldest + index) % this.#size;
      const form = this.#forms[slot] as Form;
      yield form === OTHER
        ? (this.#others.get(slot) as string)
        : formatGuid(this.#words, slot * WORDS, form === GUID_UPPER);
    }
  }

  /** The table index holding the GUID in `#key` with this form, or -1. */
  #find(form: Form): number {
    const key = this.#key;
    const a = key[0] as number;
    const b = key[1] as number;
    const c = key[2] as number;
    const d = key[3] as number;
    const words = this.#words;
    const forms = this.#forms;
    const table = this.#table;
    const mask = this.#mask;
    for (let index = hashWords(a, b, c, d) & mask; ; index = (index + 1) & mask) {
      const entry = table[index] as number;
      if (entry === 0) return -1;
      const at = (entry - 1) * WORDS;
      if (
        words[at] === a &&
        words[at + 1] === b &&
        words[at + 2] === c &&
        words[at + 3] === d &&
        forms[entry - 1] === form
      )
        return index;
    }
  }

  #insert(slot: number): void {
    const table = this.#table;
    const mask = this.#mask;
    let index = this.#home(slot);
    while (table[index] !== 0) index = (index + 1) & mask;
    table[index] = slot + 1;
  }

  #evict(slot: number): void {
    if (this.#forms[slot] === OTHER) {
      this.#otherIds.delete(this.#others.get(slot) as string);
      this.#others.delete(slot);
      return;
    }
    const table = this.#table;
    const mask = this.#mask;
    let hole = this.#home(slot);
    while (table[hole] !== slot + 1) hole = (hole + 1) & mask;
    // Backward shift: each entry after the hole that may sit there (its home is not between the hole and it) moves
    // into it, until an empty entry ends the run.
    for (let index = (hole + 1) & mask; table[index] !== 0; index = (index + 1) & mask) {
      const entry = table[index] as number;
      if (((index - this.#home(entry - 1)) & mask) >= ((index - hole) & mask)) {
        table[hole] = entry;
        hole = index;
      }
    }
    table[hole] = 0;
  }

  #home(slot: number): number {
    const words = this.#words;
    const at = slot * WORDS;
    return (
      hashWords(
        words[at] as number,
        words[at + 1] as number,
        words[at + 2] as number,
        words[at + 3] as number,
      ) & this.#mask
    );
  }

  /** Only before the ring is full: its slots are then 0 .. size − 1 in order, so they are copied as they are. */
  #grow(): void {
    const slots = Math.min(this.#limit, this.#forms.length * 2);
    const words = new Uint32Array(slots * WORDS);
    words.set(this.#words);
    this.#words = words;
    const forms = new Uint8Array(slots);
    forms.set(this.#forms);
    this.#forms = forms;
    this.#table = new Int32Array(tableSizeFor(slots));
    this.#mask = this.#table.length - 1;
    for (let slot = 0; slot < this.#size; slot++) if (forms[slot] !== OTHER) this.#insert(slot);
  }
}

/** A power of two at least twice the slots: the table stays at most half full. */
function tableSizeFor(slots: number): number {
  return 2 ** Math.ceil(Math.log2(slots * 2));
}

/** Mixes all 128 bits: GUIDs that are not random (sequential ones differ in a few bits) still spread. */
function hashWords(a: number, b: number, c: number, d: number): number {
  let h =
    Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d) ^ Math.imul(d, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

/** Per character code below 128: a hex digit's value, with LOWER_LETTER or UPPER_LETTER; NOT_HEX for the rest. */
const NOT_HEX = 0x40;
const LOWER_LETTER = 0x20;
const UPPER_LETTER = 0x10;
const HEX_DIGITS = new Uint8Array(128).fill(NOT_HEX);
for (let digit = 0; digit < 16; digit++) {
  const text = digit.toString(16);
  HEX_DIGITS[text.charCodeAt(0)] = digit < 10 ? digit : digit | LOWER_LETTER;
  if (digit >= 10) HEX_DIGITS[text.toUpperCase().charCodeAt(0)] = digit | UPPER_LETTER;
}

/** The four words of a GUID's 32 digits: the digits at these positions of its 36 characters, eight per word. */
const WORD_DIGITS = Uint8Array.from(
  [
    [0, 1, 2, 3, 4, 5, 6, 7],
    [9, 10, 11, 12, 14, 15, 16, 17],
    [19, 20, 21, 22, 24, 25, 26, 27],
    [28, 29, 30, 31, 32, 33, 34, 35],
  ].flat(),
);

/**
 * The form of `id`; for a GUID its bits are written to `into`. A GUID whose letters mix both cases is not one here
 * (its text could not be given back from the bits and one flag).
 */
function parseGuid(id: string, into: Uint32Array): Form {
  if (
    id.length !== 36 ||
    id.charCodeAt(8) !== DASH ||
    id.charCodeAt(13) !== DASH ||
    id.charCodeAt(18) !== DASH ||
    id.charCodeAt(23) !== DASH
  )
    return OTHER;
  let seen = 0;
  for (let word = 0; word < WORDS; word++) {
    let bits = 0;
    for (let digit = word * 8; digit < word * 8 + 8; digit++) {
      const code = id.charCodeAt(WORD_DIGITS[digit] as number);
      const entry = code < 128 ? (HEX_DIGITS[code] as number) : NOT_HEX;
      seen |= entry;
      bits = (bits << 4) | (entry & 0xf);
    }
    into[word] = bits;
  }
  if ((seen & NOT_HEX) !== 0 || (seen & (LOWER_LETTER | UPPER_LETTER)) === (LOWER_LETTER | UPPER_LETTER))
    return OTHER;
  return (seen & UPPER_LETTER) !== 0 ? GUID_UPPER : GUID_LOWER;
}

const HEX_LOWER = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const HEX_UPPER = HEX_LOWER.map((pair) => pair.toUpperCase());

function formatGuid(words: Uint32Array, at: number, upper: boolean): string {
  const hex = upper ? HEX_UPPER : HEX_LOWER;
  let digits = '';
  for (let index = at; index < at + WORDS; index++) {
    const word = words[index] as number;
    digits += `${hex[word >>> 24]}${hex[(word >>> 16) & 0xff]}${hex[(word >>> 8) & 0xff]}${hex[word & 0xff]}`;
  }
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}
