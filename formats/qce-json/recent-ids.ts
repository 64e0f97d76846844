import { ensureLength, hashString } from "../../src/plugin/slot-table.js";
import { SlotRing } from "../../src/plugin/slot-ring.js";
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
  private readonly ring: SlotRing;
  private readonly matches = (slot: number): boolean => this.keys.matchesProbe(slot);

  constructor(private readonly limit: number) {
    this.keys = new IdSlots(limit);
    this.ring = new SlotRing(limit);
  }

  /** Records one more sighting of `id`; returns how many times it was seen before (0 when new). */
  see(id: string): number {
    const hash = hashString(id);
    this.keys.probe(id);
    const found = this.ring.find(hash, this.matches);
    this.keys.clearProbe();
    if (found >= 0) return this.counts[found]!++;
    const slot = this.ring.take(hash);
    this.counts = ensureLength(this.counts, slot + 1, this.limit);
    this.keys.set(slot, id);
    this.counts[slot] = 1;
    return 0;
  }

  /** Ids remembered (at most `limit`). */
  get size(): number {
    return this.ring.size;
  }

  /** Ids held as strings because they are not canonical decimals (for tests). */
  get textIds(): number {
    return this.keys.textCount;
  }
}
