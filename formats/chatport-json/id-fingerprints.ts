/**
 * The message ids of one conversation, kept as 64-bit fingerprints in a flat table outside the JS heap:
 * 8 bytes a slot at most half full, so 16 bytes an id (plus the old table while it doubles) instead of
 * the id string and a `Set` entry (~75 bytes each on the heap, measured at 193k messages). Two different
 * ids share a fingerprint with probability about n²/2⁶⁵ (4·10⁻⁷ at 4M ids in one conversation); the
 * later one would then be reported as a repeat, its raw record kept in the diagnostic.
 */
export class IdFingerprints {
  private table = new Int32Array(2 * 1024);
  private mask = 1023;
  private count = 0;

  /** Adds `id`; true when it is new, false when its fingerprint was added before. */
  add(id: string): boolean {
    let hi = fnv1a(id);
    let lo = murmurish(id);
    if (hi === 0 && lo === 0) lo = 1; // (0, 0) marks an empty slot
    const t = this.table, mask = this.mask;
    let i = (lo ^ hi) & mask;
    for (; t[2 * i] !== 0 || t[2 * i + 1] !== 0; i = (i + 1) & mask) if (t[2 * i] === hi && t[2 * i + 1] === lo) return false;
    t[2 * i] = hi;
    t[2 * i + 1] = lo;
    if (++this.count * 2 > mask + 1) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    const t = (this.table = new Int32Array(2 * slots));
    const mask = (this.mask = slots - 1);
    for (let k = 0; k < old.length; k += 2) {
      const hi = old[k]!, lo = old[k + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = (lo ^ hi) & mask;
      while (t[2 * i] !== 0 || t[2 * i + 1] !== 0) i = (i + 1) & mask;
      t[2 * i] = hi;
      t[2 * i + 1] = lo;
    }
  }
}

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A second, independent 32-bit hash (multiply-rotate per code unit, murmur3's finaliser). */
function murmurish(s: string): number {
  let h = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0xcc9e2d51);
    h = (h << 15) | (h >>> 17);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
