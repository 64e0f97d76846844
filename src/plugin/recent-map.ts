import { SlotRing } from "./slot-ring.js";
import { hashNumber, hashString } from "./slot-table.js";

/**
 * A Map that remembers at most `limit` keys: adding a new key beyond that forgets the oldest added one.
 * Setting a key it holds changes the value and keeps the key's age. Readers use it for look-backs that
 * must stay bounded on huge inputs (recent ids for duplicates, seq → id for replies).
 *
 * Keys and values sit in a {@link SlotRing} (the oldest key is the next slot: `map.keys().next()` on a
 * Map with many deletions stepped over every deleted entry, 38% of a 500k-message qce-json export). A `Map` that deletes one key and adds one per message is rehashed by V8 every so
 * often, each time leaving its old table (megabytes at 100k keys) as garbage in the large-object space:
 * qqnt-db at 4M messages peaked 6–7 MiB higher than at 1M from that alone.
 */
export class RecentMap<K extends string | number, V> {
  private keys: K[] = [];
  private values: V[] = [];
  private readonly ring: SlotRing;
  private probe: K | undefined;
  private readonly matches = (slot: number): boolean => this.keys[slot] === this.probe;

  constructor(limit: number) {
    this.ring = new SlotRing(limit);
  }

  get(key: K): V | undefined {
    const slot = this.find(key);
    return slot < 0 ? undefined : this.values[slot];
  }

  set(key: K, value: V): void {
    const found = this.find(key);
    if (found >= 0) {
      this.values[found] = value;
      return;
    }
    const slot = this.ring.take(hashOf(key));
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  /** Keys held (at most `limit`). */
  get size(): number {
    return this.ring.size;
  }

  /** Forgets every key. */
  clear(): void {
    this.ring.clear();
    this.keys = [];
    this.values = [];
  }

  private find(key: K): number {
    this.probe = key;
    const slot = this.ring.find(hashOf(key), this.matches);
    this.probe = undefined;
    return slot;
  }
}

/** Equal keys hash alike: strings by their code units, numbers by value (NaN never equals itself, as `===`). */
const hashOf = (key: string | number): number => (typeof key === "string" ? hashString(key) : hashNumber(key));
