import { str } from "./raw-types.js";
import { ensureLength, hashNumber, hashString, SlotTable } from "../../src/plugin/slot-table.js";
import { IdSlots } from "../../src/plugin/id-slots.js";

/** How many recent messages the reply index remembers (memory stays flat on huge exports). */
export const REPLY_WINDOW = 200_000;
/**
 * How many of the latest messages keep their text in any case. Older messages keep it only when they
 * share (sender, second) with another message (the only case where the text is read); see
 * {@link ReplyIndex}.
 */
export const RECENT_TEXTS = 16_384;

const KEYED = 1;
const PINNED = 2;
/** The slot's key is the message's QCE `id` (else its chatport id, for messages without one). */
const HAS_QCE_ID = 4;
/** The chatport id is the key itself (the usual case; else it is in `otherIds`, e.g. `…~2`). */
const SAME_ID = 8;
/** QQ numbers that survive a round trip through a double, held as numbers (not strings). */
const CANONICAL_UIN = /^[1-9]\d{0,14}$/;

/**
 * Resolves QCE `reply` elements to the id chatport gave the quoted message. QCE writes
 * `referencedMessageId` (the quoted NT msgId; null when the original was deleted), `messageId`, the quoted
 * sender's `senderUin` and `timestamp` in **seconds** (formats-cn.md §10.3). When the file carries
 * message `id`s the reference is direct; when it does not (the corpus file has no `id` field, so ids come
 * from `seq`), the quoted message is found by (sender QQ number, second), content breaking ties.
 * Only the last {@link REPLY_WINDOW} messages are remembered.
 *
 * Memory (issue 7): the window is a ring of slots in typed arrays plus two {@link SlotTable}s (NT id →
 * newest slot; (sender, second) → oldest slot of a chain of slots in add order), about 85 bytes a
 * message instead of ~450 in Maps, arrays and wrapper objects. Each slot keeps one id in {@link IdSlots}
 * (numbers for decimal ids, off the JS heap): the QCE id, or the chatport id when there is none; a
 * chatport id that differs from the QCE id (a repeat's `…~2`) sits in a small Map. A message's text is
 * needed only to break a tie between messages of one sender in one second, so it is kept while the message is among the
 * last {@link RECENT_TEXTS}, and for good once a second message joins its (sender, second). Every keyed
 * message also keeps a 64-bit fingerprint of its text. A tie that involves a text no longer held (its
 * messages more than {@link RECENT_TEXTS} apart in the file) is decided by fingerprint equality with
 * the quoted content or a held text; failing that the reply is left unresolved, never linked by guess.
 */
export class ReplyIndex {
  private readonly keys: IdSlots;
  private readonly otherIds = new Map<number, string>();
  private readonly texts: (string | undefined)[] = [];
  private readonly otherUins = new Map<number, string>();
  private flags = new Uint8Array(1024);
  private uins = new Float64Array(1024);
  private secs = new Float64Array(1024);
  private groupHash = new Int32Array(1024);
  private qceHash = new Int32Array(1024);
  private nextInGroup = new Int32Array(1024);
  private tailOf = new Int32Array(1024);
  private fpA = new Int32Array(1024);
  private fpB = new Int32Array(1024);
  private readonly byQceId = new SlotTable((slot) => this.qceHash[slot]!);
  private readonly bySenderSecond = new SlotTable((slot) => this.groupHash[slot]!);
  private added = 0;
  private probeSlot = 0;
  private probeUin = 0;
  private probeOther = "";
  private probeSec = 0;
  private readonly sameQceId = (slot: number): boolean => (this.flags[slot]! & HAS_QCE_ID) !== 0 && this.keys.matchesProbe(slot);
  private readonly sameQceIdAsSlot = (slot: number): boolean => (this.flags[slot]! & HAS_QCE_ID) !== 0 && this.keys.same(slot, this.probeSlot);
  private readonly sameKey = (slot: number): boolean => {
    if (this.secs[slot] !== this.probeSec) return false;
    const u = this.uins[slot]!;
    return Number.isNaN(u) ? Number.isNaN(this.probeUin) && this.otherUins.get(slot) === this.probeOther : u === this.probeUin;
  };

  constructor(private readonly window = REPLY_WINDOW, private readonly recent = Math.min(RECENT_TEXTS, window)) {
    this.keys = new IdSlots(window);
  }

  /** Records a message: its own `id` field (if any), its chatport id, sender QQ number, epoch ms, text. */
  add(qceId: string | undefined, id: string, senderUin: string | undefined, ms: number | undefined, text: string): void {
    const W = this.window;
    const slot = this.added % W;
    // The Map-based index set the new NT id before forgetting the evicted message's, so a message
    // repeating the NT id of the one it evicts was not findable by id; kept so output stays the same.
    if (qceId !== undefined) this.keys.probe(qceId);
    const shadowed = this.added >= W && qceId !== undefined && this.sameQceId(slot);
    if (this.added >= W) this.evict(slot);
    else this.reserve(slot + 1);
    if (this.added >= this.recent) {
      const old = (this.added - this.recent) % W;
      if (!(this.flags[old]! & PINNED)) this.texts[old] = undefined;
    }
    this.added++;
    const key = qceId ?? id;
    this.keys.set(slot, key);
    this.flags[slot] = (qceId !== undefined ? HAS_QCE_ID : 0) | (id === key ? SAME_ID : 0);
    if (id !== key) this.otherIds.set(slot, id);
    if (qceId !== undefined) {
      const h = (this.qceHash[slot] = hashString(qceId));
      const had = this.byQceId.find(h, this.sameQceId);
      this.keys.clearProbe();
      if (had >= 0) this.byQceId.replace(h, had, slot);
      else if (!shadowed) this.byQceId.insert(h, slot);
    }
    if (senderUin === undefined || ms === undefined) {
      this.texts[slot] = undefined;
      return;
    }
    const h = this.setProbe(senderUin, Math.floor(ms / 1000));
    this.flags[slot]! |= KEYED;
    this.uins[slot] = this.probeUin;
    if (Number.isNaN(this.probeUin)) this.otherUins.set(slot, senderUin);
    this.secs[slot] = this.probeSec;
    this.groupHash[slot] = h;
    this.texts[slot] = text;
    this.fpA[slot] = hashString(text, 0x3c6ef372);
    this.fpB[slot] = hashString(text, 0x1b873593);
    this.nextInGroup[slot] = -1;
    const head = this.bySenderSecond.find(h, this.sameKey);
    if (head < 0) {
      this.bySenderSecond.insert(h, slot);
      this.tailOf[slot] = slot;
      return;
    }
    const tail = this.tailOf[head]!;
    this.nextInGroup[tail] = slot;
    this.tailOf[head] = slot;
    // A second message in this (sender, second): from now on its texts may break a tie.
    if (tail === head && this.texts[head] !== undefined) this.flags[head]! |= PINNED;
    this.flags[slot]! |= PINNED;
  }

  /** Forgets the message in `slot` (the oldest remembered, so the first of its (sender, second)). */
  private evict(slot: number): void {
    if (!(this.flags[slot]! & SAME_ID)) this.otherIds.delete(slot);
    if (this.flags[slot]! & HAS_QCE_ID) {
      // As the Map did: forgetting a message forgets its NT id, even if a later repeat had claimed it.
      const h = this.qceHash[slot]!;
      this.probeSlot = slot;
      const holder = this.byQceId.find(h, this.sameQceIdAsSlot);
      if (holder >= 0) this.byQceId.remove(h, holder);
    }
    if (this.flags[slot]! & KEYED) {
      const h = this.groupHash[slot]!;
      const next = this.nextInGroup[slot]!;
      if (next < 0) this.bySenderSecond.remove(h, slot);
      else {
        this.tailOf[next] = this.tailOf[slot]!;
        this.bySenderSecond.replace(h, slot, next);
      }
      if (Number.isNaN(this.uins[slot]!)) this.otherUins.delete(slot);
    }
    this.texts[slot] = undefined;
  }

  private reserve(n: number): void {
    const W = this.window;
    this.flags = ensureLength(this.flags, n, W);
    this.uins = ensureLength(this.uins, n, W);
    this.secs = ensureLength(this.secs, n, W);
    this.groupHash = ensureLength(this.groupHash, n, W);
    this.qceHash = ensureLength(this.qceHash, n, W);
    this.nextInGroup = ensureLength(this.nextInGroup, n, W);
    this.tailOf = ensureLength(this.tailOf, n, W);
    this.fpA = ensureLength(this.fpA, n, W);
    this.fpB = ensureLength(this.fpB, n, W);
  }

  /** Sets the (sender, second) probe; returns its hash. */
  private setProbe(uin: string, sec: number): number {
    const canonical = CANONICAL_UIN.test(uin);
    this.probeUin = canonical ? Number(uin) : NaN;
    this.probeOther = canonical ? "" : uin;
    this.probeSec = sec + 0;
    return hashNumber(this.probeSec, canonical ? hashNumber(this.probeUin) : hashString(uin));
  }

  /**
   * The chatport id of the quoted message, and how it was found; `undefined` id when the quoted message
   * is not in the export (or beyond the window), or when a tie cannot be broken.
   */
  resolve(data: Record<string, unknown>): { id?: string; via?: "id" | "sender-time" } {
    for (const k of ["referencedMessageId", "messageId"]) {
      const ref = str(data[k]);
      if (ref && ref !== "0") {
        this.keys.probe(ref);
        const hit = this.byQceId.find(hashString(ref), this.sameQceId);
        this.keys.clearProbe();
        if (hit >= 0) return { id: this.idOf(hit), via: "id" };
      }
    }
    const uin = str(data.senderUin);
    const sec = typeof data.timestamp === "number" ? data.timestamp : typeof data.timestamp === "string" && /^\d+$/.test(data.timestamp) ? Number(data.timestamp) : undefined;
    if (uin && sec) {
      const head = this.bySenderSecond.find(this.setProbe(uin, sec > 1e11 ? Math.floor(sec / 1000) : sec), this.sameKey);
      this.probeOther = "";
      if (head >= 0) {
        if (this.nextInGroup[head]! < 0) return { id: this.idOf(head), via: "sender-time" };
        const content = str(data.content);
        const one = content ? this.onlyHolder(head, content) : -1;
        if (one >= 0) return { id: this.idOf(one), via: "sender-time" };
      }
    }
    return {};
  }

  /** The chatport id of the message in `slot`. */
  private idOf(slot: number): string {
    return (this.flags[slot]! & SAME_ID ? this.keys.get(slot) : this.otherIds.get(slot))!;
  }

  /**
   * The one message of the chain from `head` whose text contains `content`, or -1 (none, several, or
   * undecidable because a text is no longer held and its fingerprint proves nothing).
   */
  private onlyHolder(head: number, content: string): number {
    const ca = hashString(content, 0x3c6ef372), cb = hashString(content, 0x1b873593);
    let found = -1;
    let hits = 0;
    for (let s = head; s >= 0; s = this.nextInGroup[s]!) {
      const text = this.texts[s];
      let has: boolean | undefined;
      if (text !== undefined) has = text.includes(content);
      else if (this.fpA[s] === ca && this.fpB[s] === cb) has = true;
      else has = this.sameTextHeld(head, s)?.includes(content);
      if (has === undefined) return -1;
      if (has) {
        hits++;
        found = s;
      }
    }
    return hits === 1 ? found : -1;
  }

  /** A held text of the chain from `head` with the same fingerprint as slot `s`'s (a verbatim repeat). */
  private sameTextHeld(head: number, s: number): string | undefined {
    for (let t = head; t >= 0; t = this.nextInGroup[t]!) {
      const text = this.texts[t];
      if (text !== undefined && this.fpA[t] === this.fpA[s] && this.fpB[t] === this.fpB[s]) return text;
    }
    return undefined;
  }

  /** Sizes for tests: remembered NT ids, (sender, second) chains, texts still held, chatport ids held apart from their key, keys held as strings. */
  get stats(): { qceIds: number; chains: number; texts: number; otherIds: number; textIds: number } {
    let texts = 0;
    for (const t of this.texts) if (t !== undefined) texts++;
    return { qceIds: this.byQceId.size, chains: this.bySenderSecond.size, texts, otherIds: this.otherIds.size, textIds: this.keys.textCount };
  }
}
