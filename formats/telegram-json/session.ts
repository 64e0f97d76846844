import { shortHash } from "../../src/io/hash.js";
import type { Conversation } from "../../src/model/schema.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { ACCOUNT_SECTIONS, CHAT_TYPES, chatPeer } from "./chat-kinds.js";
import { IdSet } from "./ids.js";
import type { ChatSlot, Json, JsonObject, WalkHandler } from "./json-walk.js";
import { convertMessage, type Converted } from "./message.js";
import { idShown, idText, isOddId, People, peerParticipantId as peerParticipantIdOf, readPeer } from "./people.js";
import type { TimeIssues } from "./timestamps.js";

/** True when building a timestamp found anything {@link TelegramSession} may report. */
const hasIssues = (t: TimeIssues): boolean =>
  t.floating === true || t.badDate === true || t.badUnix === true || t.mismatch === true || t.zone !== undefined;

/** A message id as text: an integer's digits (ids beyond 2^53 arrive so). */
const INTEGER = /^-?\d+$/;

/** The message keys holding the sender's or actor's peer id. */
const PEER_KEYS = ["from_id", "actor_id"] as const;
/** Chat id text longer than this (no Telegram id has 64 characters) gives a hashed conversation id. */
const LONG_CHAT_ID = 64;

/** Messages held while a chat's header is unknown (it normally precedes `messages`). */
export const HEADER_WAIT_LIMIT = 1000;

interface Held {
  index: number;
  value: Json;
  pointer: string;
}

interface ChatState {
  slot: ChatSlot;
  fields: JsonObject;
  conversation?: Conversation;
  held: Held[];
  ids: IdSet;
  seq: number;
  ordinal: number;
  senders: Set<string>;
  /** The last message time: its kind (1 instant, 2 wall clock, 0 none yet) and text (utc or wall). */
  lastKind: number;
  lastTime: string;
  sawMessages: boolean;
}

/** Where every input item went (the test asserts read = messages + structural + reported). */
export interface Accounting {
  itemsRead: number;
  itemsInMessages: number;
  itemsStructural: number;
  itemsReported: number;
}

/**
 * Turns what the JSON walker finds into chat events, queued for the reader to yield: one conversation
 * per chat object, its messages one at a time, a conversation-end that restates what was learnt.
 */
export class TelegramSession implements WalkHandler {
  /** Events not yet handed to the reader ({@link take}). */
  queue: ChatEvent[] = [];
  readonly accounting: Accounting = { itemsRead: 0, itemsInMessages: 0, itemsStructural: 0, itemsReported: 0 };
  private readonly people = new People();
  private readonly usedConversationIds = new Set<string>();
  private cur: ChatState | undefined;
  private floatingReported = false;
  private readonly rootExtra: JsonObject = {};
  /** The root keys of a root object that closed with no "messages" key and no chat list (see chatEnd). */
  rootWithoutMessages: string[] | undefined;

  constructor(
    private readonly ctx: ReadContext,
    private readonly file: string,
    private readonly fallbackTitle: string,
    self: string | undefined,
  ) {
    if (self) this.people.addSelf(self);
  }

  /** The queued events, as an array of their own (a new queue starts). */
  take(): ChatEvent[] {
    const q = this.queue;
    this.queue = [];
    return q;
  }

  chatStart(slot: ChatSlot): void {
    this.cur = { slot, fields: {}, held: [], ids: new IdSet(), seq: 0, ordinal: 0, senders: new Set(), lastKind: 0, lastTime: "", sawMessages: false };
    this.accounting.itemsRead++;
    this.accounting.itemsStructural++;
  }

  chatField(_slot: ChatSlot, key: string, value: Json): void {
    const c = this.cur!;
    if (key === "messages") {
      c.sawMessages = true;
      this.accounting.itemsRead++;
      this.accounting.itemsReported++;
      this.ctx.report("unrecognized-record", { message: `${this.file}: "messages" of the chat at ${c.slot.pointer || "/"} is not an array; it holds no readable messages.`, file: this.file, place: { pointer: `${c.slot.pointer}/messages` }, raw: JSON.stringify(value) });
      return;
    }
    c.fields[key] = value;
    if (key === "type" && value === "saved_messages" && c.fields.id !== undefined) this.people.addSelf(`user${String(c.fields.id)}`);
    if (key === "id" && c.fields.type === "saved_messages") this.people.addSelf(`user${String(value)}`);
  }

  messagesStart(_slot: ChatSlot, pointer: string, n: number): void {
    const c = this.cur!;
    if (n > 1)
      this.ctx.report("duplicate-key", { message: `${this.file}: the chat at ${c.slot.pointer || "/"} has the key "messages" ${n === 2 ? "twice" : `${n} times`} (an edited or joined file?); array ${n} is read too, its messages placed at ${pointer}/<index>.`, file: this.file, place: { pointer } });
    c.sawMessages = true;
    if (c.fields.id !== undefined && !c.conversation) this.open(c);
  }

  message(_slot: ChatSlot, index: number, value: Json, pointer: string): void {
    const c = this.cur!;
    this.accounting.itemsRead++;
    if (c.conversation) {
      this.convert(c, index, value, pointer);
      return;
    }
    c.held.push({ index, value, pointer });
    if (c.held.length >= HEADER_WAIT_LIMIT) this.open(c);
  }

  chatEnd(_slot: ChatSlot): void {
    const c = this.cur!;
    if (c.slot.section === undefined) for (const [k, v] of Object.entries(this.rootExtra)) if (!(k in c.fields)) c.fields[k] = v;
    // A root object with a name/type/id but no "messages" key at all, and no chat list: not a chat
    // export (detection may choose this reader from a head holding only a long "name"). Left to the
    // reader to refuse, rather than an empty conversation and exit 0.
    if (c.slot.section === undefined && !c.sawMessages && !c.conversation && this.usedConversationIds.size === 0) {
      this.rootWithoutMessages = Object.keys(c.fields);
      this.cur = undefined;
      return;
    }
    if (!c.conversation) this.open(c);
    const conv = this.describe(c, c.conversation!.id);
    conv.participantIds = [...c.senders];
    this.queue.push({ type: "conversation-end", conversation: conv });
    this.cur = undefined;
  }

  section(key: string, value: Json | undefined): void {
    this.accounting.itemsRead++;
    this.accounting.itemsStructural++;
    // In a single-chat export, an unexpected root key belongs to the chat: kept in its extra.
    if (value !== undefined && !ACCOUNT_SECTIONS.has(key)) this.rootExtra[key] = value;
    if (key === "personal_information" && value && typeof value === "object" && !Array.isArray(value)) {
      const uid = value.user_id;
      if (typeof uid === "number" || typeof uid === "string") this.people.addSelf(`user${uid}`);
    }
  }

  strayListItem(section: string, index: number, value: Json, pointer: string): void {
    this.accounting.itemsRead++;
    this.accounting.itemsReported++;
    const what = index < 0 ? `${section}.list is not an array of chats` : `element ${index} of ${section}.list is not a chat object`;
    this.ctx.report("unrecognized-record", { message: `${this.file}: ${what}; skipped.`, file: this.file, place: { pointer }, raw: JSON.stringify(value) });
  }

  /** Closes a chat left open by a truncated file, so what was read is kept. */
  abort(): void {
    if (this.cur) this.chatEnd(this.cur.slot);
  }

  /** The conversation as known now (header fields may arrive after the messages). */
  private describe(c: ChatState, id: string): Conversation {
    const f = c.fields;
    const type = typeof f.type === "string" ? f.type : undefined;
    const t = type !== undefined ? CHAT_TYPES[type] : undefined;
    const title =
      typeof f.name === "string" && f.name !== "" ? f.name
      : t?.title ?? (c.slot.section === undefined ? this.fallbackTitle : `${c.slot.section} ${c.slot.index + 1}`);
    const extra: Record<string, unknown> = {};
    if (f.id !== undefined) extra.telegramId = typeof f.id === "number" ? String(f.id) : f.id;
    if (type !== undefined) extra.telegramType = type;
    if (c.slot.section !== undefined) extra.section = c.slot.section;
    for (const [k, v] of Object.entries(f)) if (k !== "id" && k !== "type" && k !== "name") extra[k] = v;
    if (f.name === null) extra.name = null;
    const conv: Conversation = { id, platform: "telegram", kind: t?.kind ?? "unknown", title, participantIds: [], source: this.file };
    if (Object.keys(extra).length) conv.extra = extra;
    return conv;
  }

  private conversationId(c: ChatState): string {
    const f = c.fields;
    const type = typeof f.type === "string" ? f.type : "";
    let base: string;
    const prefix = CHAT_TYPES[type]?.peer ?? "peer";
    // An id text longer than any Telegram id (a crafted 1 MB "id") would be repeated in every message id
    // and conversationId of the output: the conversation id holds its hash instead (the text is in extra.telegramId).
    if (typeof f.id === "string" && f.id.length > LONG_CHAT_ID) base = `tg:${prefix}#${shortHash(f.id)}`;
    else if (typeof f.id === "number" || (typeof f.id === "string" && f.id !== "")) base = `tg:${chatPeer(prefix, f.id)}`;
    else base = c.slot.section === undefined ? "tg:chat" : `tg:${c.slot.section}-${c.slot.index}`;
    let id = base;
    for (let n = 2; this.usedConversationIds.has(id); n++) id = `${base}~${n}`;
    if (id !== base)
      this.ctx.report("duplicate-id", { message: `${this.file}: chat ${base} appears again at ${c.slot.pointer}; read as ${id}.`, file: this.file, place: { pointer: c.slot.pointer } });
    this.usedConversationIds.add(id);
    return id;
  }

  private open(c: ChatState): void {
    if (c.held.length >= HEADER_WAIT_LIMIT && c.fields.id === undefined)
      this.ctx.report("unrecognized-record", { message: `${this.file}: the chat at ${c.slot.pointer || "/"} has no id before its first ${HEADER_WAIT_LIMIT} messages; its messages use a positional conversation id.`, file: this.file, place: { pointer: c.slot.pointer } });
    c.conversation = this.describe(c, this.conversationId(c));
    if (isOddId(c.fields.id, false)) this.reportOddChatId(c);
    this.queue.push({ type: "conversation", conversation: c.conversation });
    const held = c.held;
    c.held = [];
    for (const h of held) this.convert(c, h.index, h.value, h.pointer);
  }

  /** A chat `id` of no form tdesktop writes ({@link isOddId}): kept as text in the conversation id and extra.telegramId. */
  private reportOddChatId(c: ChatState): void {
    const v = c.fields.id!;
    const pointer = `${c.slot.pointer}/id`;
    this.ctx.report("invalid-id", {
      message: `${this.file}: chat id ${idShown(v)} at ${pointer} is not a whole number (tdesktop writes one); the conversation was read as ${c.conversation!.id}, the original kept in extra.telegramId.`,
      file: this.file,
      place: { pointer },
      raw: idText(v),
    });
  }

  private convert(c: ChatState, _index: number, value: Json, pointer: string): void {
    const convId = c.conversation!.id;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.accounting.itemsReported++;
      this.ctx.report("unrecognized-record", { message: `${this.file}: element at ${pointer} of a messages array is not a message object; skipped.`, file: this.file, place: { pointer }, raw: JSON.stringify(value) });
      return;
    }
    c.ordinal++;
    const rawId = value.id;
    let id: string;
    // Only integer ids (digits beyond 2^53 stay strings: quote-big.ts) keep their own text; with the
    // `~ordinal` and `#ordinal` forms below, no two messages can share an id.
    const whole = typeof rawId === "number" ? Number.isSafeInteger(rawId) : typeof rawId === "string" && INTEGER.test(rawId);
    if (whole) {
      id = `${convId}:${String(rawId)}`;
      if (!c.ids.add(rawId as number | string)) {
        const again = `${id}~${c.ordinal}`;
        this.ctx.report("duplicate-id", { message: `${this.file}: message id ${String(rawId)} appears again at ${pointer}; read as ${again}.`, file: this.file, place: { pointer } });
        id = again;
      }
    } else id = `${convId}:#${c.ordinal}`;
    const provenance = this.ctx.provenance(this.file, { pointer });
    const r: Converted = convertMessage(value, { conversationId: convId, id, seq: ++c.seq, pointer, provenance }, this.people, this.ctx.tz);
    if (!whole && rawId !== undefined) {
      (r.message.extra ??= {}).id = rawId;
      this.ctx.report("invalid-id", { message: `${this.file}: message id ${idShown(rawId)} at ${pointer} is not an integer (Telegram writes whole numbers); read as ${id}, the original kept in extra.id.`, file: this.file, place: { pointer }, raw: JSON.stringify(value) });
    }
    for (const key of PEER_KEYS) if (isOddId(value[key], true)) this.reportOddPeer(r, key, value[key]!, pointer);
    if (r.unknownType !== undefined || r.unknownAction !== undefined || r.unknownKeys.length || r.oddText.length || r.message.sentAt.raw === "" || hasIssues(r.sent) || hasIssues(r.edited))
      this.reportIssues(r, pointer, value);
    for (const p of r.participants) this.queue.push({ type: "participant", participant: p });
    if (r.message.senderId !== null) c.senders.add(r.message.senderId);
    // Compare like with like: instants with instants, wall clocks with wall clocks.
    const { utc, wall } = r.message.sentAt;
    const kind = utc !== undefined ? 1 : wall !== undefined ? 2 : 0;
    if (kind !== 0) {
      const t = kind === 1 ? utc! : wall!;
      if (kind === c.lastKind && t < c.lastTime)
        this.ctx.report("out-of-order", { message: `${this.file}: message ${id} (${r.message.sentAt.raw}) is earlier than the one before it; kept in file order.`, file: this.file, place: { pointer } });
      c.lastKind = kind;
      c.lastTime = t;
    }
    this.queue.push({ type: "message", message: r.message });
    this.accounting.itemsInMessages++;
  }

  /** A `from_id`/`actor_id` of no form tdesktop writes ({@link isOddId}): kept in extra, reported as `invalid-id`. */
  private reportOddPeer(r: Converted, key: string, v: Json, pointer: string): void {
    (r.message.extra ??= {})[key] = v;
    const ref = readPeer(v);
    const read = ref ? `the ${key === "from_id" ? "sender" : "actor"} was read as ${idShown(peerParticipantIdOf(ref.peer))}` : `it names no peer, so the ${key === "from_id" ? "sender" : "actor"} was read by name`;
    this.ctx.report("invalid-id", {
      message: `${this.file}: ${key} ${idShown(v)} at ${pointer}/${key} is no Telegram peer id (tdesktop writes "user…", "channel…", "chat…" or a whole number); ${read}, the original kept in extra.${key}.`,
      file: this.file,
      place: { pointer: `${pointer}/${key}` },
      raw: idText(v),
    });
  }

  private reportIssues(r: Converted, pointer: string, value: JsonObject): void {
    const place = { pointer };
    const file = this.file;
    const raw = (): string => JSON.stringify(value);
    if (r.unknownType !== undefined)
      this.ctx.report("unknown-message-type", { message: `${file}: message type "${r.unknownType}"${r.unknownType === "unsupported" ? " (tdesktop could not export this message)" : ""}; kept with kind unknown.`, file, place, raw: raw() });
    if (r.unknownAction !== undefined)
      this.ctx.report("unknown-message-type", { message: `${file}: service action "${r.unknownAction}" is not one this reader knows; kept as a system message with its fields in extra.`, file, place, raw: raw() });
    if (r.unknownKeys.length)
      this.ctx.report("unknown-element", { message: `${file}: message with unknown content keys ${r.unknownKeys.join(", ")}; kept with kind unknown.`, file, place, raw: raw() });
    if (r.oddText.length)
      this.ctx.report("unknown-element", { message: `${file}: text runs that are neither strings nor {type, text} objects; kept in extra.textUnreadable.`, file, place, raw: JSON.stringify(r.oddText) });
    // An "unsupported" object has only id and type (formats-intl.md §3.3): its missing date is expected.
    this.reportTime(r.sent, "date", r.message.sentAt.raw === "" && r.unknownType !== "unsupported", pointer, raw);
    this.reportTime(r.edited, "edited", false, pointer, raw);
  }

  private reportTime(t: TimeIssues, what: string, none: boolean, pointer: string, raw: () => string): void {
    const file = this.file;
    const place = { pointer };
    if (none) this.ctx.report("invalid-timestamp", { message: `${file}: message without a readable date or date_unixtime; its time is unknown.`, file, place, raw: raw() });
    if (t.badDate || t.badUnix)
      this.ctx.report("invalid-timestamp", { message: `${file}: unreadable ${t.badDate ? what : `${what}_unixtime`} value; kept in extra.`, file, place, raw: raw() });
    if (t.mismatch)
      this.ctx.report("invalid-timestamp", { message: `${file}: ${what} and ${what}_unixtime differ by something that is no UTC offset; the instant was kept, ${what} is in extra.`, file, place, raw: raw() });
    if (t.zone?.gap) this.ctx.report("timezone-gap", { message: `${file}: ${what} does not exist in ${this.ctx.tz} (DST gap); moved forward.`, file, place });
    if (t.zone?.ambiguous) this.ctx.report("timezone-ambiguous", { message: `${file}: ${what} occurs twice in ${this.ctx.tz}; the earlier instant was taken.`, file, place });
    if (t.floating && !this.floatingReported) {
      this.floatingReported = true;
      this.ctx.report("timezone-floating", { message: `${file} has messages with only a local "date" (no date_unixtime: an export made before mid-2022); those times are kept as wall clock without an instant (pass --tz to place them).`, file });
    }
  }
}
