import type { Conversation } from "../model/schema.js";
import { ensureLength, hashString, SlotTable } from "../plugin/slot-table.js";
import type { ClosedConversation, ConversationStats } from "../plugin/types.js";
import { MemoryRecords, type RecordStore } from "../plugin/record-store.js";
import { addStats, emptyStats, sumStats } from "./stats.js";

const MAX = 2 ** 31 - 1;

/** The conversation open now: its id, where its id first closed (-1: new) and its counters. */
interface Open {
  id: string;
  hash: number;
  head: number;
  stats: ConversationStats;
}

/**
 * The conversations of a run as they close, each with its counters, kept as one JSON record each in a
 * {@link RecordStore} (convert's moves to a scratch file past a limit, pipeline/record-spill.ts) with ~30 bytes of index a conversation in typed arrays:
 * the manifest, the html cover and the ndjson end record read them back in order. Objects held for the
 * end were ~900 bytes a conversation (its closed form, its counters and their maps and strings).
 *
 * Conversations may share an id (a reader that splits one chat). With `sameIdContinues` (the writing
 * pass) a conversation whose id closed before counts on from that one's counters and every conversation
 * of the id shows the last counters, as one shared counters object per id did; without it (the counting
 * pass) each keeps its own. {@link closed} gives the latest closed form of an id either way.
 */
export class ConversationLog {
  private offsets = new Float64Array(65);
  private hashes = new Int32Array(64);
  /** For each conversation, the first one with its id; for that first one, the latest with its id. */
  private heads = new Int32Array(64);
  private lasts = new Int32Array(64);
  private n = 0;
  private distinct = 0;
  /** Some id reads as an array index ("42"): an object's keys put those first. */
  private indexIds = false;
  private current: Open | undefined;
  /** The counters of the closed conversations added up as they close; right while no id closed twice. */
  private readonly total = emptyStats();
  private sharedIds = false;
  private probe = "";
  private readonly table = new SlotTable((slot) => this.hashes[slot]!);
  private readonly matches = (slot: number): boolean => this.idAt(slot) === this.probe;

  constructor(
    private readonly spill: RecordStore = new MemoryRecords(),
    private readonly sameIdContinues = true,
  ) {}

  /** Closed conversations held. */
  get count(): number {
    return this.n;
  }

  /** A conversation opens: the counters to count its messages into. */
  open(c: Conversation): ConversationStats {
    const hash = hashString(c.id);
    const head = this.headOf(c.id, hash);
    const stats = this.sameIdContinues && head >= 0 ? this.statsAt(this.lasts[head]!) : emptyStats();
    this.current = { id: c.id, hash, head, stats };
    if (head < 0 && isArrayIndex(c.id)) this.indexIds = true;
    return stats;
  }

  /** The open conversation closes as `closed` (same id), with its counters. */
  close(closed: Conversation, stats: ConversationStats): void {
    const open = this.current?.id === closed.id ? this.current : undefined;
    const hash = open ? open.hash : hashString(closed.id);
    const head = open ? open.head : this.headOf(closed.id, hash);
    this.current = undefined;
    const k = this.n;
    this.offsets = ensureLength(this.offsets, k + 2, MAX);
    this.hashes = ensureLength(this.hashes, k + 1, MAX);
    this.heads = ensureLength(this.heads, k + 1, MAX);
    this.lasts = ensureLength(this.lasts, k + 1, MAX);
    // Three lines (JSON text holds no raw line break): the counters, the id, the conversation; the
    // passes that sum counters or list ids need not parse the conversation.
    this.offsets[k] = this.spill.append(`${JSON.stringify(stats)}\n${JSON.stringify(closed.id)}\n${JSON.stringify(closed)}`);
    this.offsets[k + 1] = this.spill.size;
    this.hashes[k] = hash;
    if (head < 0) {
      this.heads[k] = k;
      this.lasts[k] = k;
      this.table.insert(hash, k);
      this.distinct++;
      if (isArrayIndex(closed.id)) this.indexIds = true;
    } else {
      this.heads[k] = head;
      this.lasts[head] = k;
      this.sharedIds = true;
    }
    addStats(this.total, stats);
    this.n = k + 1;
  }

  /**
   * Each closed conversation in order, with its counters (see the class note for shared ids). The
   * conversation is parsed when first read: the cover and the manifest sum the counters alone first.
   */
  *entries(): Generator<ClosedConversation> {
    for (let k = 0; k < this.n; k++) {
      const text = this.textAt(k);
      const cut = text.indexOf("\n");
      const stats = this.statsOf(k, JSON.parse(text.slice(0, cut)) as ConversationStats);
      let conversation: Conversation | undefined;
      yield {
        stats,
        get conversation(): Conversation {
          return (conversation ??= JSON.parse(text.slice(text.indexOf("\n", cut + 1) + 1)) as Conversation);
        },
      };
    }
  }

  /** The counters {@link entries} gives, added up (without reading the records back when no id is shared). */
  sum(): ConversationStats {
    if (!this.sharedIds || !this.sameIdContinues) return sumStats([this.total]);
    return sumStats(this.statsOfEntries());
  }

  /** The counters {@link statsById} gives, added up. */
  statsSum(): ConversationStats {
    const open = this.current;
    if (this.sharedIds || (open && open.head >= 0)) return sumStats(valuesOf(this.statsById()));
    const t = sumStats([this.total]);
    if (open) addStats(t, open.stats);
    return t;
  }

  /** The latest closed form of the conversation with this id, if one closed. */
  closed(id: string): Conversation | undefined {
    const head = this.headOf(id, hashString(id));
    return head < 0 ? undefined : this.conversationAt(this.lasts[head]!);
  }

  /** How many entries {@link statsById} gives: one per id, the open conversation's included. */
  get statsCount(): number {
    return this.distinct + (this.current && this.current.head < 0 ? 1 : 0);
  }

  /**
   * The counters by id, the open conversation's (a run that failed) included, in the order an object's
   * keys would list them: ids that read as array indices first, by value, then the others as first seen.
   */
  *statsById(): Generator<[string, ConversationStats]> {
    if (!this.indexIds) {
      yield* this.idStats(() => true);
      return;
    }
    const indexed = [...this.idStats(isArrayIndex)].sort((a, b) => Number(a[0]) - Number(b[0]));
    yield* indexed;
    yield* this.idStats((id) => !isArrayIndex(id));
  }

  /** The counters by id as one record (for callers of the old `stats` field). */
  statsRecord(): Record<string, ConversationStats> {
    const out: Record<string, ConversationStats> = {};
    // defineProperty: an id "__proto__" stays a key.
    for (const [id, s] of this.statsById()) Object.defineProperty(out, id, { value: s, enumerable: true, writable: true, configurable: true });
    return out;
  }

  private *statsOfEntries(): Generator<ConversationStats> {
    for (const e of this.entries()) yield e.stats;
  }

  private *idStats(want: (id: string) => boolean): Generator<[string, ConversationStats]> {
    for (let k = 0; k < this.n; k++) {
      if (this.heads[k] !== k) continue;
      const text = this.textAt(k);
      const cut = text.indexOf("\n");
      const id = JSON.parse(text.slice(cut + 1, text.indexOf("\n", cut + 1))) as string;
      if (want(id)) yield [id, this.statsOf(k, JSON.parse(text.slice(0, cut)) as ConversationStats)];
    }
    const open = this.current;
    if (open && open.head < 0 && want(open.id)) yield [open.id, open.stats];
  }

  /** The counters conversation `k` shows: its own, or with shared ids the latest of its id (the open one's too). */
  private statsOf(k: number, own: ConversationStats): ConversationStats {
    if (!this.sameIdContinues) return own;
    const head = this.heads[k]!;
    if (this.current && this.current.head === head) return this.current.stats;
    const last = this.lasts[head]!;
    return last === k ? own : this.statsAt(last);
  }

  private headOf(id: string, hash: number): number {
    this.probe = id;
    const slot = this.table.find(hash, this.matches);
    this.probe = "";
    return slot;
  }

  private textAt(k: number): string {
    const at = this.offsets[k]!;
    return this.spill.read(at, this.offsets[k + 1]! - at);
  }

  private statsAt(k: number): ConversationStats {
    const text = this.textAt(k);
    return JSON.parse(text.slice(0, text.indexOf("\n"))) as ConversationStats;
  }

  private idAt(k: number): string {
    const text = this.textAt(k);
    const cut = text.indexOf("\n");
    return JSON.parse(text.slice(cut + 1, text.indexOf("\n", cut + 1))) as string;
  }

  private conversationAt(k: number): Conversation {
    const text = this.textAt(k);
    return JSON.parse(text.slice(text.indexOf("\n", text.indexOf("\n") + 1) + 1)) as Conversation;
  }
}

function* valuesOf(entries: Iterable<[string, ConversationStats]>): Generator<ConversationStats> {
  for (const [, s] of entries) yield s;
}

/** True for a key an object lists before its others ("0", "42"; not "042", "-1" or 2^32 - 1 and above). */
function isArrayIndex(id: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(id) && Number(id) < 4294967295;
}
