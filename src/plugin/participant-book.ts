import type { Participant } from "../model/schema.js";
import { RecentMap } from "./recent-map.js";
import { MemoryRecords, type RecordStore } from "./record-store.js";
import { ensureLength, hashString, SlotTable } from "./slot-table.js";

/** What the pipeline and readers need of their participants: a `Map<string, Participant>` does, and so does {@link ParticipantBook}. */
export interface ParticipantTable {
  has(id: string): boolean;
  get(id: string): Participant | undefined;
  set(id: string, participant: Participant): unknown;
  readonly size: number;
  /** In the order first set, each as last set. */
  values(): Iterable<Participant>;
}

/** Participants kept as objects for quick lookups (the senders of the chats being read). */
const RECENT = 4096;

const MAX = 2 ** 31 - 1;

interface Cached {
  slot: number;
  participant: Participant;
}

/**
 * Participants by id, each a JSON record in a {@link RecordStore} (in memory by default; the pipeline's
 * moves to a scratch file) with ~30 bytes of index each in typed arrays; the {@link RECENT} last set or
 * looked up are kept as objects too. Held as objects in a Map (the writers' `participant(id)`, the
 * end's list, a reader's people), a full-account export of 100,000 friends kept ~350 bytes a person in
 * each such map. A renamed participant is appended again and its index moved: the order stays the
 * order first seen, as a Map's does. What comes back is plain data, as JSON gives it.
 */
export class ParticipantBook implements ParticipantTable {
  private starts = new Float64Array(64);
  private lengths = new Int32Array(64);
  private hashes = new Int32Array(64);
  private n = 0;
  private readonly table = new SlotTable((slot) => this.hashes[slot]!);
  private readonly recent = new RecentMap<string, Cached>(RECENT);
  /** The last one looked up: a writer asks for the same sender message after message. */
  private last: Cached | undefined;
  private lastId: string | undefined;
  private probe = "";
  private found: Participant | undefined;
  private readonly matches = (slot: number): boolean => {
    const [id, p] = this.recordAt(slot);
    if (id !== this.probe) return false;
    this.found = p;
    return true;
  };

  constructor(private readonly spill: RecordStore = new MemoryRecords()) {}

  /** Participants held. */
  get size(): number {
    return this.n;
  }

  has(id: string): boolean {
    return this.lookup(id) !== undefined;
  }

  get(id: string): Participant | undefined {
    return this.lookup(id)?.participant;
  }

  set(id: string, participant: Participant): this {
    let cached = this.lookup(id);
    const at = this.spill.append(JSON.stringify([id, participant]));
    const length = this.spill.size - at;
    if (!cached) {
      const slot = this.n++;
      this.starts = ensureLength(this.starts, this.n, MAX);
      this.lengths = ensureLength(this.lengths, this.n, MAX);
      this.hashes = ensureLength(this.hashes, this.n, MAX);
      this.hashes[slot] = hashString(id);
      this.table.insert(this.hashes[slot]!, slot);
      cached = { slot, participant };
      this.recent.set(id, cached);
      this.last = cached;
      this.lastId = id;
    }
    cached.participant = participant;
    this.starts[cached.slot] = at;
    this.lengths[cached.slot] = length;
    return this;
  }

  /** Each participant in the order first set, as last set, read back when reached. */
  *values(): Generator<Participant> {
    for (let k = 0; k < this.n; k++) yield this.recordAt(k)[1];
  }

  private lookup(id: string): Cached | undefined {
    if (id === this.lastId) return this.last;
    let cached = this.recent.get(id);
    if (!cached) {
      this.probe = id;
      const slot = this.table.find(hashString(id), this.matches);
      this.probe = "";
      if (slot < 0) {
        // Remembered as unknown too: a sender without a participant event is asked for message after message.
        this.last = undefined;
        this.lastId = id;
        return undefined;
      }
      cached = { slot, participant: this.found! };
      this.found = undefined;
      this.recent.set(id, cached);
    }
    this.last = cached;
    this.lastId = id;
    return cached;
  }

  private recordAt(slot: number): [string, Participant] {
    return JSON.parse(this.spill.read(this.starts[slot]!, this.lengths[slot]!)) as [string, Participant];
  }
}
