/** Ids up to this value are tracked in a bitmap (≤ 16 MiB); others in a Set. */
const BITMAP_LIMIT = 2 ** 27;

/**
 * The message ids seen in one chat, in little memory: Telegram ids are small increasing integers, so a
 * growable bitmap holds millions of them in a few hundred KiB; other ids go to a Set.
 */
export class IdSet {
  private bits = new Uint8Array(1024);
  private readonly others = new Set<string>();

  /** Adds an id; returns false when it was already there. */
  add(id: number | string): boolean {
    const n = typeof id === "number" ? id : /^\d+$/.test(id) ? Number(id) : NaN;
    if (Number.isInteger(n) && n >= 0 && n < BITMAP_LIMIT) {
      const byte = n >>> 3;
      if (byte >= this.bits.length) {
        let size = this.bits.length;
        while (size <= byte) size *= 2;
        const grown = new Uint8Array(size);
        grown.set(this.bits);
        this.bits = grown;
      }
      const mask = 1 << (n & 7);
      if (this.bits[byte]! & mask) return false;
      this.bits[byte] = this.bits[byte]! | mask;
      return true;
    }
    const key = String(id);
    if (this.others.has(key)) return false;
    this.others.add(key);
    return true;
  }
}
