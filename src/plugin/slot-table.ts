/**
 * An open-addressing hash index from a key to a slot of a ring the caller owns, kept in one Int32Array
 * outside the JS heap (4 bytes a table entry, at most half full: 8–16 bytes a key). The table stores
 * only slot numbers; the keys stay in the caller's slot arrays, and every hit is confirmed there with
 * the caller's exact comparison, so two keys with one hash only cost an extra comparison — never a
 * wrong match. It replaces `Map`s of strings whose entries, key strings and wrapper objects cost
 * about 450 bytes a message in the qce-json reply and duplicate windows (measured, issue 7), and churned
 * large garbage tables in RecentMap (V8 rehashes a Map that keeps deleting and inserting).
 *
 * Linear probing with backward-shift deletion (no tombstones), so a ring that evicts and inserts a key
 * per message keeps short probe runs forever.
 */
export class SlotTable {
  private table = new Int32Array(1024);
  private mask = 1023;
  private count = 0;

  /** @param hashOf the 32-bit hash of the key held in a slot (used when entries move). */
  constructor(private readonly hashOf: (slot: number) => number) {}

  /** The slot of the first entry with `hash` whose key `matches`, or -1. */
  find(hash: number, matches: (slot: number) => boolean): number {
    const t = this.table, mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const v = t[i]!;
      if (v === 0) return -1;
      if (this.hashOf(v - 1) === hash && matches(v - 1)) return v - 1;
    }
  }

  /** Adds an entry for `slot` (whose key hashes to `hash`). */
  insert(hash: number, slot: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.place(hash, slot);
    this.count++;
  }

  /** Points the entry that holds `oldSlot` at `newSlot`; both keys must hash to `hash`. */
  replace(hash: number, oldSlot: number, newSlot: number): void {
    const i = this.indexOf(hash, oldSlot);
    if (i >= 0) this.table[i] = newSlot + 1;
  }

  /** Removes the entry that holds `slot` (found by identity, not by key), if any. */
  remove(hash: number, slot: number): void {
    let i = this.indexOf(hash, slot);
    if (i < 0) return;
    const t = this.table, mask = this.mask;
    this.count--;
    // Backward shift: move each later entry of the run into the gap when its home allows it.
    for (let j = (i + 1) & mask; t[j] !== 0; j = (j + 1) & mask) {
      const home = this.hashOf(t[j]! - 1) & mask;
      const movable = i <= j ? home <= i || home > j : home <= i && home > j;
      if (movable) {
        t[i] = t[j]!;
        i = j;
      }
    }
    t[i] = 0;
  }

  /** Entries held (for tests: memory stays bounded). */
  get size(): number {
    return this.count;
  }

  /** Table entries allocated (for tests). */
  get capacity(): number {
    return this.mask + 1;
  }

  private indexOf(hash: number, slot: number): number {
    const t = this.table, mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const v = t[i]!;
      if (v === 0) return -1;
      if (v === slot + 1) return i;
    }
  }

  private place(hash: number, slot: number): void {
    const t = this.table, mask = this.mask;
    let i = hash & mask;
    while (t[i] !== 0) i = (i + 1) & mask;
    t[i] = slot + 1;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = this.table.length - 1;
    for (const v of old) if (v !== 0) this.place(this.hashOf(v - 1), v - 1);
  }
}

/** A 32-bit hash of a string's UTF-16 code units (multiply-rotate per unit, murmur3's finaliser). */
export function hashString(s: string, seed = 0x9747b28c): number {
  let h = seed ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0xcc9e2d51);
    h = (h << 15) | (h >>> 17);
  }
  return fmix(h);
}

/** A 32-bit hash of a number (equal numbers hash alike; -0 as 0). */
export function hashNumber(n: number, seed = 0): number {
  f64[0] = n + 0;
  return fmix(Math.imul(u32[0]! ^ seed, 0xcc9e2d51) ^ Math.imul(u32[1]!, 0x1b873593));
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Grows a typed array to at least `n` elements (doubling, at most `max`), keeping its contents. */
export function ensureLength<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number, max: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.min(max, Math.max(n, a.length * 2)));
  b.set(a);
  return b;
}
