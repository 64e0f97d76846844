import { ensureLength, hashString, SlotTable } from "../../src/plugin/slot-table.js";
import { IdSlots } from "../../src/plugin/id-slots.js";

/**
 * How many times each of the last `limit` distinct message ids was seen, to suffix repeats (`~2`, `~3`).
 * Same behaviour as a `RecentMap<string, number>(limit)` (src/plugin/recent-map.ts): a new id beyond
 * the limit forgets the oldest distinct id; a repeat only raises its count and keeps its age.
 *
 * Kept in a ring of ids ({@link IdSlots}: a canonical decimal id as two numbers, any other id as its
 * string), a count and a hash per slot in typed arrays, and a {@link SlotTable}: about 30 bytes an id,
 * none of them on the JS heap for numeric ids (the ring of id strings it replaces held ~60, most as
 * strings the old-space collector had to trace). Lookups compare the ids exactly.
 */
export class RecentIds {
  private readonly keys: IdSlots;
  private counts = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private next = 0;
  private readonly table = new SlotTable((slot) => this.hashes[slot]!);
  private readonly matches = (slot: number): boolean => this.keys.matchesProbe(slot);

  constructor(private readonly limit: number) {
    this.keys = new IdSlots(limit);
  }

  /** Records one more sighting of `id`; returns how many times it was seen before (0 when new). */
  see(id: string): number {
    const hash = hashString(id);
    this.keys.probe(id);
    const found = this.table.find(hash, this.matches);
    this.keys.clearProbe();
    if (found >= 0) return this.counts[found]!++;
    const slot = this.next;
    // Every slot holds an id once the ring has gone round: the slot's old id is forgotten.
    if (this.table.size === this.limit) this.table.remove(this.hashes[slot]!, slot);
    else {
      this.counts = ensureLength(this.counts, slot + 1, this.limit);
      this.hashes = ensureLength(this.hashes, slot + 1, this.limit);
    }
    this.keys.set(slot, id);
    this.counts[slot] = 1;
    this.hashes[slot] = hash;
    this.table.insert(hash, slot);
    this.next = (slot + 1) % this.limit;
    return 0;
  }

  /** Ids remembered (at most `limit`). */
  get size(): number {
    return this.table.size;
  }

  /** Ids held as strings because they are not canonical decimals (for tests). */
  get textIds(): number {
    return this.keys.textCount;
  }
}
