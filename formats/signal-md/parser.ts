import { shortHash } from "../../src/io/hash.js";
import { ownedString } from "../../src/io/owned-string.js";
import type { Attachment, Conversation, Message, MessageKind, Participant, Reaction, Timestamp } from "../../src/model/index.js";
import type { LineAccounting, LineParser } from "../../src/plugin/line-parser.js";
import { RecentMap } from "../../src/plugin/recent-map.js";
import { SameTimeIds } from "../../src/plugin/same-time-ids.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { isValidWall } from "../../src/time/index.js";
import { readWallTime } from "../../src/plugin/wall-time.js";
import { mediaTypeOf, messageKindOf } from "../whatsapp-txt/media.js";
import { linkPath, parseHeader, splitBody, type Header, type MediaLink } from "./grammar.js";

/** What the parser needs to know of its input. */
export interface SignalMdOptions {
  /** File name for provenance and diagnostics. */
  file: string;
  /** The chat's name: signal-export writes each chat to `<chat name>/chat.md`. */
  title: string;
  /** Your own name as the export writes it; "Me" (the exporter's name for you) is always you. */
  self?: string;
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
 * A push parser of `chat.md` lines (grammar.ts): a header line starts a message, every other line
 * continues the one before (lines before the first header are reported). One conversation per file.
 */
export class SignalMdParser implements LineParser {
  readonly accounting: LineAccounting = { linesRead: 0, linesInMessages: 0, linesStructural: 0, linesReported: 0 };
  private out: ChatEvent[] = [];
  private conv: Conversation | undefined;
  private header: Header | undefined;
  private headerLine = 0;
  private body: string[] = [];
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

  constructor(private readonly ctx: ReadContext, private readonly opts: SignalMdOptions) {}

  feed(text: string, no: number): void {
    this.accounting.linesRead++;
    const h = parseHeader(text);
    if (h) {
      this.finishMessage();
      this.header = h;
      this.headerLine = no;
      this.body = [h.rest];
      return;
    }
    if (this.header) {
      this.body.push(text);
      return;
    }
    if (text.trim() === "") {
      this.accounting.linesStructural++;
      return;
    }
    this.accounting.linesReported++;
    this.ctx.report("unrecognized-line", { message: "A line before the first message that is not a signal-export message header.", file: this.opts.file, place: { line: no }, raw: text });
  }

  takeEvents(): ChatEvent[] {
    if (this.out.length === 0) return [];
    return this.out.splice(0, this.out.length);
  }

  finish(): ChatEvent[] {
    this.finishMessage();
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
    this.conv = {
      id: `signal-md:${shortHash(this.opts.file, this.opts.title)}`,
      platform: "signal",
      kind: "unknown",
      title: this.opts.title,
      participantIds: [],
      source: this.opts.file,
    };
    this.out.push({ type: "conversation", conversation: this.conv });
    return this.conv;
  }

  private finishMessage(): void {
    const h = this.header;
    if (!h) return;
    this.header = undefined;
    // Lines that end the file blank are the last message's (the exporter ends each message with one "\n").
    const lines = this.body;
    const first = this.headerLine;
    const last = first + lines.length - 1;
    this.accounting.linesInMessages += lines.length;
    const conv = this.conversation();
    const { file } = this.opts;
    const place = last > first ? { line: first, endLine: last } : { line: first };
    const body = lines.join("\n");
    const parts = splitBody(body);
    const sentAt = this.timestamp(h, first);
    const senderId = h.sender === NO_SENDER ? null : this.person(h.sender);
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
    const base = `signal-md:${shortHash(conv.id, h.rawTime, h.sender, body)}`;
    const id = this.ids.id(h.rawTime, base);
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
      provenance: this.ctx.provenance(file, place),
    };
    if (replyTo) message.replyTo = replyTo;
    const extra: Record<string, unknown> = {};
    if (parts.quote !== undefined) extra.quote = parts.quote;
    if (h.sender === NO_SENDER) extra.sender = NO_SENDER;
    if (parts.sticker) extra.sticker = parts.sticker.label;
    if (Object.keys(extra).length) message.extra = extra;
    this.out.push({ type: "message", message });
  }

  private timestamp(h: Header, line: number): Timestamp {
    const { file } = this.opts;
    const precision = h.second === undefined ? "minute" : "second";
    if (!isValidWall(h)) {
      this.ctx.report("invalid-timestamp", { message: `"${h.rawTime}" names no real date or time; kept raw only.`, file, place: { line }, raw: h.rawTime });
      return { raw: h.rawTime, basis: "floating", precision };
    }
    const ts = readWallTime(h.rawTime, h, precision, this.ctx, file, { line });
    if (!this.floatingReported && ts.basis === "floating") {
      this.floatingReported = true;
      this.ctx.report("timezone-floating", { message: `${file} gives wall-clock times with no zone (signal-export writes the local time of the computer that ran it); pass --tz to record instants.`, file });
    }
    if (ts.wall && this.lastWall && ts.wall < this.lastWall)
      this.ctx.report("out-of-order", { message: `Message at ${h.rawTime} is earlier than the one before it (${this.lastWall}); kept in file order.`, file, place: { line } });
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
