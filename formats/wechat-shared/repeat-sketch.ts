/**
 * Which keys of a stream may occur more than once, in memory fixed by the input's size rather than its
 * key count: a first pass offers every key to {@link RepeatSketch.add}, then {@link RepeatSketch.has}
 * is true for every key added twice or more (never a miss) and, rarely, for a key added once.
 *
 * For readers of CSV exports, which have no SQL to group their ids in (as wechat-shared/repeats.ts does
 * for databases): reading the file twice with a sketch in between replaces an exact set of every id
 * (pywxdump-csv's exact set held ~40 B an id: 157 MiB peak at 1M rows, 323 MiB at 4M). The second pass
 * keeps exact ids only for the keys the sketch flags, through `RepeatGuard` (repeats.ts), so the result is the
 * exact one. Deterministic: same keys, same answers.
 *
 * A counting Bloom filter with two-bit saturating counters (one bit array for "seen", one for "seen
 * again") and {@link HASHES} positions a key. With m bits an array and n keys, a key added once is
 * flagged with probability about (1 − e^(−4n/m))⁴: at the 2²⁶-bit cap (16 MiB in all), 1e-5 at 1M keys
 * and 0.2% at 4M.
 */
export class RepeatSketch {
  private readonly seen: Uint32Array;
  private readonly again: Uint32Array;
  private readonly mask: number;

  /**
   * @param bytes the size of the input the keys come from: a key takes at least a few bytes of it, so
   * one bit per byte (between 2¹² and 2²⁶ bits) leaves the filter sparse. Typed arrays are zeroed
   * lazily by the OS, so a small file does not pay for pages it never touches.
   */
  constructor(bytes: number) {
    let bits = 1 << 12;
    while (bits < bytes && bits < MAX_BITS) bits *= 2;
    this.seen = new Uint32Array(bits >>> 5);
    this.again = new Uint32Array(bits >>> 5);
    this.mask = bits - 1;
  }

  /** Counts one occurrence of `key`. */
  add(key: string): void {
    hashKey(key);
    const seen = this.seen, again = this.again, mask = this.mask;
    for (let i = 0, p = first; i < HASHES; i++, p = (p + stride) | 0) {
      const bit = p & mask, word = bit >>> 5, flag = 1 << (bit & 31);
      if (seen[word]! & flag) again[word]! |= flag;
      else seen[word]! |= flag;
    }
  }

  /** True when `key` may have been added more than once; always true when it was. */
  has(key: string): boolean {
    hashKey(key);
    const again = this.again, mask = this.mask;
    for (let i = 0, p = first; i < HASHES; i++, p = (p + stride) | 0) {
      const bit = p & mask;
      if (!(again[bit >>> 5]! & (1 << (bit & 31)))) return false;
    }
    return true;
  }
}

const HASHES = 4;
const MAX_BITS = 1 << 26;

// The two hashes of the last key (module state: no object per call).
let first = 0, stride = 1;

/** Two independent 32-bit hashes of `key` (FNV-1a, and a multiply-rotate mix); positions are first + i·stride. */
function hashKey(key: string): void {
  let a = 0x811c9dc5, b = 0x2545f491;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul((b ^ c) + 0x9e3779b9, 0x85ebca6b);
    b = (b << 13) | (b >>> 19);
  }
  b ^= b >>> 16;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 13;
  first = a;
  // Odd, so the positions of one key are distinct in any power-of-two array.
  stride = b | 1;
}
