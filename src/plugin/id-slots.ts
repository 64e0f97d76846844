const NONE = 0;
const NUMBER = 1;
const TEXT = 2;

/** Longest canonical id: 2^64 - 1 has 20 digits (longer ones cannot fit, shorter ones are checked). */
const MAX_DIGITS = 20;
const TWO_32 = 4294967296;

/**
 * The id strings of a ring of message slots (the qce-json duplicate and reply windows, the qqnt-db seq window), held as numbers
 * where that is exact. A canonical decimal id — digits only, no leading zero ("0" itself is canonical),
 * below 2^64 — is kept as its 64-bit value in two Uint32 (high and low half); the string is rebuilt
 * only when asked for ({@link get}: a reply that resolves to it). Any other id (leading zero, sign,
 * letters, `~2`, 2^64 or more) keeps its string in a side array allocated on the first such id. A
 * canonical string and the rebuilt one are the same string, so comparing numbers is comparing the
 * strings exactly.
 *
 * Why (issue 7): a 200,000-message window held 200,000 strings of 19 digits (40 bytes each) plus an
 * 8-byte array element, per window; the numbers take 9 bytes a slot, outside the JS heap.
 */
export class IdSlots {
  private kind = new Uint8Array(0);
  private high = new Uint32Array(0);
  private low = new Uint32Array(0);
  private texts: (string | undefined)[] | undefined;
  private probeKind = NONE;
  private probeHigh = 0;
  private probeLow = 0;
  private probeText = "";

  /** @param limit the number of slots of the ring (arrays grow up to it, no further). */
  constructor(private readonly limit: number) {}

  /** Stores `id` (or nothing) in `slot`, replacing what was there. */
  set(slot: number, id: string | undefined): void {
    if (id === undefined) {
      if (slot < this.kind.length) this.clear(slot);
      return;
    }
    this.reserve(slot + 1);
    if (split(id)) {
      this.kind[slot] = NUMBER;
      this.high[slot] = splitHigh;
      this.low[slot] = splitLow;
      if (this.texts !== undefined && slot < this.texts.length) this.texts[slot] = undefined;
      return;
    }
    this.kind[slot] = TEXT;
    const texts = (this.texts ??= []);
    while (texts.length <= slot) texts.push(undefined);
    texts[slot] = id;
  }

  /** Forgets the id of `slot`. */
  clear(slot: number): void {
    if (slot >= this.kind.length) return;
    if (this.kind[slot] === TEXT) this.texts![slot] = undefined;
    this.kind[slot] = NONE;
  }

  /** True when `slot` holds an id. */
  has(slot: number): boolean {
    return slot < this.kind.length && this.kind[slot] !== NONE;
  }

  /** The id string of `slot` (rebuilt from its numbers when it was canonical), or undefined. */
  get(slot: number): string | undefined {
    if (slot >= this.kind.length) return undefined;
    const k = this.kind[slot];
    if (k === TEXT) return this.texts![slot];
    if (k !== NUMBER) return undefined;
    return decimal(this.high[slot]!, this.low[slot]!);
  }

  /** Sets the id that {@link matchesProbe} compares slots with. */
  probe(id: string): void {
    if (split(id)) {
      this.probeKind = NUMBER;
      this.probeHigh = splitHigh;
      this.probeLow = splitLow;
      this.probeText = "";
    } else {
      this.probeKind = TEXT;
      this.probeText = id;
    }
  }

  /** Drops the probe's string (so the window does not keep it alive). */
  clearProbe(): void {
    this.probeKind = NONE;
    this.probeText = "";
  }

  /** True when `slot` holds exactly the probe id. */
  matchesProbe(slot: number): boolean {
    if (slot >= this.kind.length) return false;
    const k = this.kind[slot];
    if (k !== this.probeKind || k === NONE) return false;
    return k === NUMBER ? this.low[slot] === this.probeLow && this.high[slot] === this.probeHigh : this.texts![slot] === this.probeText;
  }

  /** True when slots `a` and `b` hold the same id (both empty counts as different). */
  same(a: number, b: number): boolean {
    if (a >= this.kind.length || b >= this.kind.length) return false;
    const k = this.kind[a];
    if (k !== this.kind[b] || k === NONE) return false;
    return k === NUMBER ? this.low[a] === this.low[b] && this.high[a] === this.high[b] : this.texts![a] === this.texts![b];
  }

  /** Ids held as strings (not canonical), for tests. */
  get textCount(): number {
    let n = 0;
    for (const t of this.texts ?? []) if (t !== undefined) n++;
    return n;
  }

  private reserve(n: number): void {
    if (this.kind.length >= n) return;
    const size = Math.min(this.limit, Math.max(n, this.kind.length * 2, 1024));
    const kind = new Uint8Array(size), high = new Uint32Array(size), low = new Uint32Array(size);
    kind.set(this.kind);
    high.set(this.high);
    low.set(this.low);
    this.kind = kind;
    this.high = high;
    this.low = low;
  }
}

let splitHigh = 0;
let splitLow = 0;

/** Splits a canonical decimal id into `splitHigh` / `splitLow` (its 64-bit value); false (nothing set) when it is not canonical. */
function split(id: string): boolean {
  const n = id.length;
  if (n === 0 || n > MAX_DIGITS) return false;
  if (n > 1 && id.charCodeAt(0) === 48) return false;
  let high = 0, low = 0;
  for (let i = 0; i < n; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    low = low * 10 + d; // below 2^36: exact
    const carry = Math.floor(low / TWO_32);
    low -= carry * TWO_32;
    high = high * 10 + carry;
    if (high >= TWO_32) return false; // 2^64 or more
  }
  splitHigh = high;
  splitLow = low;
  return true;
}

/** The decimal string of the 64-bit value high·2^32 + low (long division by 10^9 over 16-bit limbs: every step exact). */
function decimal(high: number, low: number): string {
  if (high === 0) return String(low);
  let q = 0, r = 0, cur = 0, d = 0;
  cur = high >>> 16;
  d = Math.floor(cur / 1e9);
  r = cur - d * 1e9;
  q = d;
  cur = r * 65536 + (high & 0xffff);
  d = Math.floor(cur / 1e9);
  r = cur - d * 1e9;
  q = q * 65536 + d;
  cur = r * 65536 + (low >>> 16);
  d = Math.floor(cur / 1e9);
  r = cur - d * 1e9;
  q = q * 65536 + d;
  cur = r * 65536 + (low & 0xffff);
  d = Math.floor(cur / 1e9);
  r = cur - d * 1e9;
  q = q * 65536 + d;
  // high > 0 means the value is at least 2^32, so q > 0.
  return String(q) + String(r).padStart(9, "0");
}
