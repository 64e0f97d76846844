import { shortHash } from "../../src/io/hash.js";
import { fileConversation } from "../../src/plugin/file-conversation.js";
import { ownedString } from "../../src/io/owned-string.js";
import type { Attachment, Conversation, Message, MessageKind, Participant, Place, Reaction, Timestamp, TimestampPrecision } from "../../src/model/index.js";
import { RecentMap } from "../../src/plugin/recent-map.js";
import { SameTimeIds } from "../../src/plugin/same-time-ids.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { readWallTime } from "../../src/plugin/wall-time.js";
import { isValidWall, type WallFields } from "../../src/time/index.js";
import { mediaTypeOf, messageKindOf } from "../whatsapp-txt/media.js";
import { linkPath, type BodyParts, type MediaLink } from "./grammar.js";

/** What a chat's reader needs to know of its input. */
export interface SignalChatOptions {
  /** File name for provenance and diagnostics. */
  file: string;
  /** The chat's name: signal-export writes each chat to `<chat name>/chat.md` (and `data.json`). */
  title: string;
  /** Your own name as the export writes it; "Me" (the exporter's name for you) is always you. */
  self?: string;
}

/** One message as a signal-export file gives it, whichever of its two files (chat.md, data.json). */
export interface SignalRecord {
  /** The time as written. */
  rawTime: string;
  /** Its fields, or undefined when it could not be read as a date and time. */
  wall: WallFields | undefined;
  precision: TimestampPrecision;
  sender: string;
  parts: BodyParts;
  /** The message as written (its lines, or its JSON line): what its id hashes. */
  written: string;
  /** What the model has no place for, kept in `extra`. */
  extra?: Record<string, unknown>;
  /** Its lines: `{ line }`, or `{ line, endLine }` when it spans several. */
  place: Place & { line: number };
}

/** The exporter's name for the account owner's messages (create.py). */
const OWNER = "Me";
/** The exporter's name for a sender it could not find in the contacts (create.py). */
const NO_SENDER = "No-Sender";
/** Messages a quote is looked for among (by text): the last this many of the conversation. */
const QUOTE_WINDOW = 5000;
// Call-history messages get a generated text (create.py `_format_call`).
const CALL = /^(?:(?:Incoming|Outgoing|Missed) (?:(?:voice|video) )?call(?: \([^)\n]*\))?)$/;

/**
 * One signal-export chat as events: the conversation (its kind decided at the end, from the senders seen),
 * participants by name, and each {@link SignalRecord} as a message. Shared by the chat.md and data.json
 * line parsers.
 */
export class SignalChat {
  private out: ChatEvent[] = [];
  private conv: Conversation | undefined;
  private seq = 0;
  private lastWall: string | undefined;
  private floatingReported = false;
  private readonly ids = new SameTimeIds();
  private readonly people = new Map<string, Participant>();
  /** Who wrote here other than you (reactors do not count): with {@link selfSeen}, the conversation's kind. */
  private readonly others = new Set<string>();
  /** Recent texts (by hash) → the one message that had it, or null when several did. */
  private readonly byText = new RecentMap<string, string | null>(QUOTE_WINDOW);
  private selfSeen = false;

  constructor(private readonly ctx: ReadContext, private readonly opts: SignalChatOptions) {}

  takeEvents(): ChatEvent[] {
    if (this.out.length === 0) return [];
    return this.out.splice(0, this.out.length);
  }

  finish(): ChatEvent[] {
    if (this.conv) {
      // Names only: with your own messages marked ("Me"), one other sender is a private chat; without
      // them (older exports), two senders may be you and the other person.
      const others = this.others.size;
      const kind = others === 0 ? "unknown" : others > (this.selfSeen ? 1 : 2) ? "group" : "direct";
      this.out.push({ type: "conversation-end", conversation: { ...this.conv, kind } });
    }
    return this.takeEvents();
  }

  private conversation(): Conversation {
    if (this.conv) return this.conv;
    this.conv = fileConversation("signal-md", "signal", this.opts.file, this.opts.title);
    this.out.push({ type: "conversation", conversation: this.conv });
    return this.conv;
  }

  /** Emits one message. */
  message(r: SignalRecord): void {
    const conv = this.conversation();
    const { parts } = r;
    const sentAt = this.timestamp(r);
    const senderId = r.sender === NO_SENDER ? null : this.person(r.sender);
    if (senderId && this.people.get(senderId)!.isSelf) this.selfSeen = true;
    else if (senderId) this.others.add(senderId);
    const reactions = this.reactions(parts.reactions);
    const attachments: Attachment[] = parts.attachments.map((l, i) => attachment(l, i));
    let kind: MessageKind = "text";
    if (parts.sticker) {
      kind = "sticker";
      attachments.push({
        id: "sticker",
        kind: "sticker",
        ...(parts.sticker.link ? { fileName: linkPath(parts.sticker.link.href).replace(/^.*\//, ""), path: linkPath(parts.sticker.link.href) } : {}),
        availability: parts.sticker.link ? "missing" : "omitted",
      });
    } else if (attachments.length > 0 && parts.text.trim() === "") kind = attachments.length === 1 ? messageKindOf(attachments[0]!.kind) : "file";
    else if (CALL.test(parts.text)) kind = "call";
    const text = parts.sticker && parts.text === "" ? parts.sticker.label : parts.text;
    const base = `signal-md:${shortHash(conv.id, r.rawTime, r.sender, r.written)}`;
    const id = this.ids.id(r.rawTime, base);
    const replyTo = parts.quote !== undefined ? this.byText.get(shortHash(parts.quote)) : undefined;
    if (text !== "") {
      const key = shortHash(text);
      this.byText.set(key, this.byText.get(key) === undefined ? id : null);
    }
    const message: Message = {
      id,
      conversationId: conv.id,
      seq: ++this.seq,
      senderId,
      sentAt,
      kind,
      text,
      attachments: attachments.map((a, i) => ({ ...a, id: `${id}:${i}` })),
      reactions,
      status: parts.deleted ? "deleted" : "normal",
      provenance: this.ctx.provenance(this.opts.file, r.place),
    };
    if (replyTo) message.replyTo = replyTo;
    const extra: Record<string, unknown> = { ...r.extra };
    if (parts.quote !== undefined) extra.quote = parts.quote;
    if (r.sender === NO_SENDER) extra.sender = NO_SENDER;
    if (parts.sticker) extra.sticker = parts.sticker.label;
    if (Object.keys(extra).length) message.extra = extra;
    this.out.push({ type: "message", message });
  }

  private timestamp(r: SignalRecord): Timestamp {
    const { file } = this.opts;
    const { rawTime, precision } = r;
    // Time diagnostics point at the line the time is on, the message's first.
    const place = { line: r.place.line };
    if (!r.wall || !isValidWall(r.wall)) {
      this.ctx.report("invalid-timestamp", { message: `"${rawTime}" names no real date or time; kept raw only.`, file, place, raw: rawTime });
      return { raw: rawTime, basis: "floating", precision };
    }
    const ts = readWallTime(rawTime, r.wall, precision, this.ctx, file, place);
    if (!this.floatingReported && ts.basis === "floating") {
      this.floatingReported = true;
      this.ctx.report("timezone-floating", { message: `${file} gives wall-clock times with no zone (signal-export writes the local time of the computer that ran it); pass --tz to record instants.`, file });
    }
    if (ts.wall && this.lastWall && ts.wall < this.lastWall)
      this.ctx.report("out-of-order", { message: `Message at ${rawTime} is earlier than the one before it (${this.lastWall}); kept in file order.`, file, place });
    if (ts.wall) this.lastWall = ts.wall;
    return ts;
  }

  /** The participant id of a sender or reactor name (the export has names only), emitted once. */
  private person(rawName: string): string {
    const name = rawName.trim();
    const id = `signal-name:${name}`;
    if (this.people.has(id)) return id;
    const owned = ownedString(name);
    const p: Participant = { id: `signal-name:${owned}`, displayName: owned, aliases: [], handles: [] };
    if (name === OWNER || name === this.opts.self) p.isSelf = true;
    this.people.set(id, p);
    this.out.push({ type: "participant", participant: p });
    return id;
  }

  private reactions(list: { name: string; emoji: string }[]): Reaction[] {
    const byEmoji = new Map<string, string[]>();
    for (const r of list) {
      const who = this.person(r.name);
      // You reacting shows the export marks you; another reactor is no evidence of who wrote here.
      if (this.people.get(who)!.isSelf) this.selfSeen = true;
      byEmoji.set(r.emoji, [...(byEmoji.get(r.emoji) ?? []), who]);
    }
    return [...byEmoji].map(([emoji, senderIds]) => ({ emoji, senderIds }));
  }
}

function attachment(l: MediaLink, i: number): Attachment {
  const path = linkPath(l.href);
  const type = mediaTypeOf(path);
  const kind: Attachment["kind"] = l.image || type?.startsWith("image/") ? "image" : type?.startsWith("video/") ? "video" : type?.startsWith("audio/") ? "audio" : "file";
  return { id: String(i), kind, fileName: l.name, path, availability: "missing", ...(type ? { mediaType: type } : {}) };
}
