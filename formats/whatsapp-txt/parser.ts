/**
 * Second pass over a WhatsApp export: a push parser that turns lines into conversation, participant
 * and message events, using what the first pass (scan.ts) decided about header shapes and date order.
 * Synchronous; attachment look-ups happen in the reader, which awaits them per message.
 */
import { hash16 } from "./hash.js";
import type { LineAccounting } from "../../src/plugin/line-parser.js";
import { SameTimeIds } from "../../src/plugin/same-time-ids.js";
import type { Attachment, Conversation, Message, Participant, Place, Timestamp } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { readWallTime } from "../../src/plugin/wall-time.js";
import { isValidWall, type ZoneNote } from "../../src/time/index.js";
import { AuthorSplitter, cleanAuthor, phoneOf } from "./author.js";
import { classifyBody, displayText, isPlainBody } from "./body.js";
import { resolveTime } from "./dates.js";
import type { Header } from "./grammar.js";
import { HeaderCache } from "./header-cache.js";
import { isBlank } from "./normalize.js";
import type { ScanResult } from "./scan.js";


/** What the parser needs besides the scan. */
export interface ParserOptions {
  /** File name shown in provenance and diagnostics (the zip's name for a zip member). */
  file: string;
  /** Builds the place of a line range (a zip member wraps it in `{entry, inner}`). */
  place: (line: number, endLine?: number) => Place;
  conversation: Conversation;
  /** The user's own name or phone number (`--self`). */
  self?: string;
}

/**
 * A loose header shape: a date of digits and separators, a time, then `] Name:` or ` - Name:` (optional
 * marks and brackets). Only continuation lines are tested against it.
 */
const HEADER_LIKE = /^[\u200e\u200f\u202a-\u202e]*\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},? \d{1,2}[:.]\d{1,2}(?:[:.]\d{1,2})?[^\]\n-]{0,12}(?:\] | - )[^:\n]{1,100}: /;

/** A push parser: feed raw lines in order, collect events. */
export class WhatsAppParser {
  readonly accounting: LineAccounting = { linesRead: 0, linesInMessages: 0, linesStructural: 0, linesReported: 0 };
  private out: ChatEvent[] = [];
  // The message being collected, kept in fields (not an object per message): its header, first line,
  // further lines (an array only for multi-line messages), and trailing blank lines held back until it
  // ends (they are structure, not body).
  private pending = false;
  private pHeader!: Header;
  private pLine = 0;
  private pFirst = "";
  private pMore: string[] | undefined;
  private pBlanks = 0;
  private seq = 0;
  private readonly participants = new Map<string, Participant>();
  private readonly senders = new Set<string>();
  private lastWall: string | undefined;
  private floatingReported = false;
  private readonly ids = new SameTimeIds();
  private hashPrefix = "";
  private lastSender: string | undefined;
  private readonly splitter = new AuthorSplitter();
  private readonly authorIds = new Map<string, string>();
  private readonly headers = new HeaderCache();
  /** The last header object whose shape starts messages (header objects repeat, see header-cache.ts). */
  private acceptedHeader: Header | undefined;
  private lastTs: Timestamp | undefined;
  private lastTsHeader: Header | undefined;
  private lastTsRaw = "";
  private lastTsShape = "";
  private cleanTs = false;

  constructor(
    private readonly ctx: ReadContext,
    private readonly scan: ScanResult,
    private readonly opts: ParserOptions,
  ) {
    this.out.push({ type: "conversation", conversation: opts.conversation });
  }

  /** Feeds one raw line (without its line end); returns the events it completed. */
  push(text: string, no: number): ChatEvent[] {
    this.accounting.linesRead++;
    const h = this.headers.parse(text);
    if (h !== undefined && (h === this.acceptedHeader || this.accepts(h))) {
      this.finishMessage();
      this.pending = true;
      this.pHeader = h;
      this.pLine = no;
      this.pFirst = text;
      this.pMore = undefined;
      this.pBlanks = 0;
      return this.drain();
    }
    if (this.pending) {
      this.pBlanks = isBlank(text) ? this.pBlanks + 1 : 0;
      (this.pMore ??= []).push(text);
      // Shaped like a header, but its date or time is impossible ("25:61"): it stays the message's line,
      // and is said to be there (a damaged or edited export), not merged into the text unnoticed.
      if (h === undefined && HEADER_LIKE.test(text))
        this.ctx.report("invalid-timestamp", {
          message: "A line shaped like a message header whose date or time is impossible; kept as a line of the message before it.",
          file: this.opts.file,
          place: this.opts.place(no),
          raw: text,
        });
      return this.drain();
    }
    if (isBlank(text)) this.accounting.linesStructural++;
    else {
      this.accounting.linesReported++;
      this.ctx.report("unrecognized-line", {
        message: "A line before the first message that is not a WhatsApp message header.",
        file: this.opts.file,
        place: this.opts.place(no),
        raw: text,
      });
    }
    return this.drain();
  }

  /** Ends the input; returns the last events. */
  finish(): ChatEvent[] {
    this.finishMessage();
    const c = this.opts.conversation;
    const ids = [...this.senders];
    this.out.push({ type: "conversation-end", conversation: { ...c, participantIds: ids } });
    return this.drain();
  }

  private drain(): ChatEvent[] {
    if (this.out.length === 0) return EMPTY;
    const o = this.out;
    this.out = [];
    return o;
  }

  private accepts(h: Header): boolean {
    if (!this.scan.shapes.has(h.shape)) return false;
    this.acceptedHeader = h;
    return true;
  }

  private finishMessage(): void {
    if (!this.pending) return;
    this.pending = false;
    const more = this.pMore;
    if (this.pBlanks > 0) {
      more!.length -= this.pBlanks;
      this.accounting.linesStructural += this.pBlanks;
    }
    this.accounting.linesInMessages += 1 + (more !== undefined ? more.length : 0);
    this.emit(this.pHeader, this.pLine, this.pFirst, more !== undefined && more.length > 0 ? more : undefined);
  }

  private emit(h: Header, line: number, first: string, more: string[] | undefined): void {
    const { file } = this.opts;
    const conv = this.opts.conversation;
    const split = this.splitter.splitAt(first, h.restStart, this.scan.authors);
    const bodyFirst = first.slice(h.restStart + split.bodyStart);
    const bodyLines = more === undefined ? [bodyFirst] : [bodyFirst, ...more];
    // Most bodies are plain text: no BodyInfo (and its arrays and extra) is built for them.
    const info = split.author !== undefined && isPlainBody(bodyLines) ? undefined : classifyBody(bodyLines, split.author === undefined);
    const sameTime = h === this.lastTsHeader;
    const rawTime = sameTime ? this.lastTsRaw : first.slice(h.rawStart, h.rawEnd);
    const sentAt = this.timestamp(h, rawTime, line);

    let senderId: string | null = null;
    if (split.author !== undefined && info !== undefined && info.kind === "system") info.extra.shownAuthor = split.author;
    else if (split.author !== undefined) senderId = this.participantFor(split.author);

    // The hashed text starts with the conversation and the header time, shared by the minute's messages.
    if (this.ids.time !== rawTime) this.hashPrefix = `${conv.id}\u0000${rawTime}\u0000`;
    const base = `whatsapp:${hash16(`${this.hashPrefix}${split.author ?? ""}\u0000${more === undefined ? bodyFirst : bodyLines.join("\n")}`)}`;
    const id = this.ids.id(rawTime, base);

    const attachments: Attachment[] = info === undefined || info.attachments.length === 0 ? [] : info.attachments.map((a, i) => ({
      id: `${id}:a${i + 1}`,
      kind: a.kind,
      ...(a.fileName !== undefined ? { fileName: a.fileName } : {}),
      // "missing" until the reader finds the file in the zip or folder (then "present" with sha256).
      availability: a.availability === "omitted" ? "omitted" : "missing",
      extra: { marker: a.marker },
    }));
    if (senderId && senderId !== this.lastSender) {
      this.senders.add(senderId);
      this.lastSender = senderId;
    }
    const lastLine = more === undefined ? line : line + more.length;
    const message: Message = {
      id,
      conversationId: conv.id,
      seq: ++this.seq,
      senderId,
      sentAt,
      kind: info === undefined ? "text" : info.kind,
      text: info === undefined ? displayText(bodyLines) : info.text,
      attachments,
      reactions: [],
      status: info === undefined ? "normal" : info.status,
      provenance: this.ctx.provenance(file, this.opts.place(line, lastLine > line ? lastLine : undefined)),
      raw: more === undefined ? first : `${first}\n${more.join("\n")}`,
    };
    if (info !== undefined)
      for (const _ in info.extra) {
        message.extra = info.extra;
        break;
      }
    this.out.push({ type: "message", message });
  }

  private timestamp(h: Header, raw: string, line: number): Timestamp {
    // Messages of the same minute (or second) share the header text: reuse the clean timestamp built
    // for it (a copy; only timestamps that raised no diagnostic are remembered).
    const last = this.lastTs;
    if (last !== undefined && raw === this.lastTsRaw && h.shape === this.lastTsShape) {
      this.lastTsHeader = h;
      return { ...last };
    }
    const ts = this.buildTimestamp(h, raw, line);
    if (this.cleanTs) {
      this.lastTs = ts;
      this.lastTsRaw = raw;
      this.lastTsShape = h.shape;
      this.lastTsHeader = h;
    } else {
      this.lastTs = undefined;
      this.lastTsHeader = undefined;
    }
    return ts;
  }

  private buildTimestamp(h: Header, raw: string, line: number): Timestamp {
    const { file } = this.opts;
    this.cleanTs = false;
    const decision = this.scan.shapes.get(h.shape)!;
    const r = resolveTime(h, decision.order);
    if (r.impossible12h)
      this.ctx.report("invalid-timestamp", { message: `Hour ${h.hour} cannot go with a 12-hour marker; read as a 24-hour time.`, file, place: this.opts.place(line), raw });
    if (!r.fields || !isValidWall(r.fields)) {
      this.ctx.report("invalid-timestamp", {
        message: r.noYear ? `"${raw}" has no year; kept raw only.` : `"${raw}" names no real date or time (read as ${decision.order}); kept raw only.`,
        file,
        place: this.opts.place(line),
        raw,
      });
      return { raw, basis: "floating", precision: r.precision };
    }
    const note: ZoneNote = {};
    const ts = readWallTime(raw, r.fields, r.precision, this.ctx, file, this.opts.place(line), note);
    if (!this.floatingReported && ts.basis === "floating") {
      this.floatingReported = true;
      this.ctx.report("timezone-floating", { message: `${file} gives wall-clock times with no zone (the exporting phone's zone); pass --tz to record instants.`, file });
    }
    if (ts.wall && this.lastWall && ts.wall < this.lastWall)
      this.ctx.report("out-of-order", { message: `Message at ${raw} is earlier than the one before it (${this.lastWall}); kept in file order.`, file, place: this.opts.place(line), raw });
    if (ts.wall) this.lastWall = ts.wall;
    this.cleanTs = !r.impossible12h && !note.gap && !note.ambiguous;
    return ts;
  }

  /** The participant id for an author, emitting a participant event the first time. */
  private participantFor(author: string): string {
    // An author spelling already handled needs nothing more (its id is known, no new alias).
    const seen = this.authorIds.get(author);
    if (seen !== undefined) return seen;
    const id = this.participantForNew(author);
    if (this.authorIds.size < 20000) this.authorIds.set(author, id);
    return id;
  }

  private participantForNew(author: string): string {
    const pushName = /^~\s*/.exec(author);
    const name = pushName ? author.slice(pushName[0].length) : author;
    const phone = phoneOf(name);
    const id = phone ? `whatsapp:phone:${phone}` : `whatsapp:name:${name}`;
    const known = this.participants.get(id);
    if (known) {
      if (author !== known.displayName && !known.aliases.includes(author)) {
        const updated = { ...known, aliases: [...known.aliases, author] };
        this.participants.set(id, updated);
        this.out.push({ type: "participant", participant: updated });
      }
      return id;
    }
    const p: Participant = { id, displayName: name, aliases: pushName ? [author] : [], handles: phone ? [{ kind: "phone", value: phone }] : [] };
    if (pushName) p.extra = { notInContacts: true };
    const self = this.opts.self !== undefined ? cleanAuthor(this.opts.self) : undefined;
    if (self !== undefined && (self === name || (phone !== undefined && phoneOf(self) === phone))) p.isSelf = true;
    this.participants.set(id, p);
    this.out.push({ type: "participant", participant: p });
    return id;
  }
}

const EMPTY: ChatEvent[] = [];
