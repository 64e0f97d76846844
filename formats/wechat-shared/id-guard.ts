/**
 * Keeps local message keys unique with a set of 30-bit fingerprints (a number per key, not the key's
 * text). A repeated fingerprint (a real duplicate, or a fingerprint collision: about n²/2³¹ of n keys)
 * makes the caller fall back to an id built from the record's own place, which is unique by
 * construction. Deterministic: the same input always gives the same ids. Used by wechatmsg-csv, whose
 * ids are local hashes either way; server ids, which quotes link to, use the exact `IdSet`.
 */
export class IdGuard {
  private readonly seen = new Set<number>();

  /** True the first time a key is offered (probably), false when its fingerprint was seen before. */
  claim(key: string): boolean {
    const h = fnv1a(key);
    if (this.seen.has(h)) return false;
    this.seen.add(h);
    return true;
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x3fffffff; // small-integer range: stored unboxed in the Set
}
