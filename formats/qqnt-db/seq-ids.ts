import { IdSlots } from "../../src/plugin/id-slots.js";
import { SlotRing } from "../../src/plugin/slot-ring.js";
import { ensureLength, hashNumber, hashString } from "../../src/plugin/slot-table.js";

/** A decimal that a double holds exactly, without leading zeros: the usual msgSeq (40003). */
const SMALL_DECIMAL = /^[1-9]\d{0,14}$/;

/**
 * The last `limit` (seq → message id) pairs of a conversation, for replies that name their target by
 * seq: the same behaviour as `RecentMap<string, string>` (adding a new seq beyond the limit forgets the
 * oldest added one; setting a seq it holds changes the id and keeps the seq's age), packed into typed
 * arrays. A seq that is a plain decimal is held as a double (anything else stays a string in a side
 * map), a msgId in {@link IdSlots} (a 64-bit decimal as two Uint32). At 100k pairs the strings and their
 * arrays were ~10 MiB of live heap in a big group (heap snapshot at 1M rows: 4.0 MB of 19-digit ids,
 * 2.4 MB of seqs, 1.8 MB of arrays); packed they are ~3.4 MiB, off the JS heap.
 */
export class SeqIdWindow {
  /** Seq as a number, NaN when it is a string in {@link keyText}. */
  private keys = new Float64Array(64);
  /** The msgId of each slot. */
  private values: IdSlots;
  private readonly keyText = new Map<number, string>();
  private readonly ring: SlotRing;
  private probeNumber = NaN;
  private probeText: string | undefined;
  private readonly matches = (slot: number): boolean => {
    const k = this.keys[slot]!;
    return this.probeText === undefined ? k === this.probeNumber : k !== k && this.keyText.get(slot) === this.probeText;
  };

  constructor(private readonly limit: number) {
    this.values = new IdSlots(limit);
    this.ring = new SlotRing(limit);
  }

  /** The id last set for `seq`, if it is still remembered. */
  get(seq: string): string | undefined {
    const slot = this.find(seq);
    return slot < 0 ? undefined : this.values.get(slot);
  }

  /** Remembers `id` for `seq`. */
  set(seq: string, id: string): void {
    const found = this.find(seq);
    if (found >= 0) {
      this.values.set(found, id);
      return;
    }
    const small = SMALL_DECIMAL.test(seq);
    const n = small ? Number(seq) : NaN;
    const slot = this.ring.take(small ? hashNumber(n) : hashString(seq));
    if (this.ring.recycled) this.keyText.delete(slot);
    else this.keys = ensureLength(this.keys, slot + 1, this.limit);
    this.keys[slot] = n;
    if (!small) this.keyText.set(slot, seq);
    this.values.set(slot, id);
  }

  /** Pairs held (at most `limit`). */
  get size(): number {
    return this.ring.size;
  }

  /** Forgets every pair (the key array is kept for the next conversation). */
  clear(): void {
    this.ring.clear();
    this.keyText.clear();
    this.values = new IdSlots(this.limit);
  }

  private find(seq: string): number {
    let hash: number;
    if (SMALL_DECIMAL.test(seq)) {
      this.probeNumber = Number(seq);
      this.probeText = undefined;
      hash = hashNumber(this.probeNumber);
    } else {
      this.probeText = seq;
      hash = hashString(seq);
    }
    const slot = this.ring.find(hash, this.matches);
    this.probeText = undefined;
    return slot;
  }
}
