/**
 * An exact set of message ids for duplicate detection (pywxdump-csv).
 *
 * WeChat message ids are mostly server ids (unsigned 64-bit decimals, normalised by `normalizeSvrid`:
 * digits only, no leading zero). Those are kept as two numbers (the value split at 10⁹, both exact in a
 * double) in an open-addressing table outside the JS heap: 16 bytes a slot, 21–43 bytes an id with the
 * table's headroom, against a string plus a `Set` entry (~60 bytes on the heap). Any other id (a local
 * hash id) goes into an ordinary `Set`. Membership is exact: the 30-bit fingerprints used before
 * (`IdGuard`) took about 5 messages in 100k for repeats of another, which lost their server id (quotes
 * of them stopped linking) and got a false `duplicate-id`. Memory still grows with the ids held.
 * The database readers avoid even that by asking SQLite for the repeated ids first (wechat-shared/repeats.ts).
 */
export class IdSet {
  private table = new Float64Array(2 * 1024).fill(-1);
  private mask = 1023;
  private count = 0;
  private readonly others = new Set<string>();

  /** Adds `id`; true when it is new, false when it was added before (one parse and one probe). */
  claim(id: string): boolean {
    if (!split(id)) {
      if (this.others.has(id)) return false;
      this.others.add(id);
      return true;
    }
    const hi = hiPart, lo = loPart;
    const t = this.table, mask = this.mask;
    let i = hash(hi, lo) & mask;
    for (let h = t[2 * i]!; h !== -1; i = (i + 1) & mask, h = t[2 * i]!) if (h === hi && t[2 * i + 1] === lo) return false;
    t[2 * i] = hi;
    t[2 * i + 1] = lo;
    if (++this.count * 4 > (mask + 1) * 3) this.grow();
    return true;
  }

  /** True when `id` was added before. */
  has(id: string): boolean {
    if (!split(id)) return this.others.has(id);
    return this.find(hiPart, loPart) >= 0;
  }

  private find(hi: number, lo: number): number {
    const t = this.table, mask = this.mask;
    for (let i = hash(hi, lo) & mask; ; i = (i + 1) & mask) {
      const h = t[2 * i]!;
      if (h === -1) return -1;
      if (h === hi && t[2 * i + 1] === lo) return i;
    }
  }

  private insert(hi: number, lo: number): void {
    const t = this.table, mask = this.mask;
    let i = hash(hi, lo) & mask;
    while (t[2 * i] !== -1) i = (i + 1) & mask;
    t[2 * i] = hi;
    t[2 * i + 1] = lo;
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Float64Array(2 * slots).fill(-1);
    this.mask = slots - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== -1) this.insert(old[i]!, old[i + 1]!);
  }
}

// The parts of the last id split (module state: no object per call).
let hiPart = 0, loPart = 0;

/** Splits a decimal id of 1–20 digits without a leading zero into value = hi·10⁹ + lo; false for anything else. */
function split(id: string): boolean {
  const n = id.length;
  if (n === 0 || n > 20 || id.charCodeAt(0) === 48) return false;
  let hi = 0, lo = 0;
  const cut = n > 9 ? n - 9 : 0;
  for (let i = 0; i < n; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i < cut) hi = hi * 10 + d;
    else lo = lo * 10 + d;
  }
  hiPart = hi;
  loPart = lo;
  return true;
}

/**
 * Slot of an id: the low part as is, XOR the high part mixed. Server ids of a chat are close together,
 * so they land in neighbouring slots (cache lines already loaded); a fully mixing hash made each probe
 * a cache miss in the multi-MiB table (claim showed 0.2 s at 1M rows). Low parts that repeat are still
 * spread by the high part.
 */
function hash(hi: number, lo: number): number {
  return (lo ^ Math.imul((hi >>> 0) ^ ((hi / 4294967296) | 0), 0x9e3779b1)) >>> 0;
}
