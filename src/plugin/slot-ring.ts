import { ensureLength, SlotTable } from "./slot-table.js";

/**
 * The bookkeeping every bounded look-back window shares (RecentMap, qce-json's RecentIds, qqnt-db's
 * SeqIdWindow): a ring of at most `limit` slots, the hash of each slot's key, and a {@link SlotTable}
 * indexing them. The windows keep keys and values in their own per-slot stores (arrays, typed arrays,
 * {@link IdSlots}) and confirm every hit with their exact comparison.
 *
 * The rule: a new key takes the next slot of the ring; once every slot is used, that slot's key (the
 * oldest added) is forgotten first. A key already held keeps its slot, and so its age.
 */
export class SlotRing {
  private hashes = new Int32Array(64);
  private next = 0;
  private table = new SlotTable((slot) => this.hashes[slot]!);
  /** True when the last {@link take} reused a slot whose key it forgot (the caller overwrites that slot's stores). */
  recycled = false;

  constructor(readonly limit: number) {}

  /** The slot of the key with `hash` that `matches` confirms, or -1. */
  find(hash: number, matches: (slot: number) => boolean): number {
    return this.table.find(hash, matches);
  }

  /**
   * Takes the slot for a new key with `hash` (the caller has checked it is not held) and indexes it.
   * The caller stores the key in that slot before the next {@link find}.
   */
  take(hash: number): number {
    const slot = this.next;
    this.recycled = this.table.size === this.limit;
    if (this.recycled) this.table.remove(this.hashes[slot]!, slot);
    else this.hashes = ensureLength(this.hashes, slot + 1, this.limit);
    this.hashes[slot] = hash;
    this.table.insert(hash, slot);
    this.next = (slot + 1) % this.limit;
    return slot;
  }

  /** Keys held (at most `limit`). */
  get size(): number {
    return this.table.size;
  }

  /** Forgets every key; the next {@link take} starts the ring again at slot 0. */
  clear(): void {
    this.table = new SlotTable((slot) => this.hashes[slot]!);
    this.next = 0;
    this.recycled = false;
  }
}
