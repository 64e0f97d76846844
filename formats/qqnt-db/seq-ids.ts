import { IdSlots } from "../../src/plugin/id-slots.js";
import { ensureLength, hashNumber, hashString, SlotTable } from "../../src/plugin/slot-table.js";

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
  private hashes = new Int32Array(64);
  private readonly keyText = new Map<number, string>();
  private next = 0;
  private table = new SlotTable((slot) => this.hashes[slot]!);
  private probeNumber = NaN;
  private probeText: string | undefined;
  private readonly matches = (slot: number): boolean => {
    const k = this.keys[slot]!;
    return this.probeText === undefined ? k === this.probeNumber : k !== k && this.keyText.get(slot) === this.probeText;
  };

  constructor(private readonly limit: number) {
    this.values = new IdSlots(limit);
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
    const slot = this.next;
    // Every slot holds a pair once the ring has gone round: the slot's old pair is forgotten.
    if (this.table.size === this.limit) {
      this.table.remove(this.hashes[slot]!, slot);
      this.keyText.delete(slot);
    } else {
      const n = slot + 1;
      this.keys = ensureLength(this.keys, n, this.limit);
      this.hashes = ensureLength(this.hashes, n, this.limit);
    }
    let hash: number;
    if (SMALL_DECIMAL.test(seq)) {
      const n = Number(seq);
      this.keys[slot] = n;
      hash = hashNumber(n);
    } else {
      this.keys[slot] = NaN;
      this.keyText.set(slot, seq);
      hash = hashString(seq);
    }
    this.hashes[slot] = hash;
    this.values.set(slot, id);
    this.table.insert(hash, slot);
    this.next = (slot + 1) % this.limit;
  }

  /** Pairs held (at most `limit`). */
  get size(): number {
    return this.table.size;
  }

  /** Forgets every pair (the key arrays are kept for the next conversation). */
  clear(): void {
    this.table = new SlotTable((slot) => this.hashes[slot]!);
    this.keyText.clear();
    this.values = new IdSlots(this.limit);
    this.next = 0;
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
    const slot = this.table.find(hash, this.matches);
    this.probeText = undefined;
    return slot;
  }
}
