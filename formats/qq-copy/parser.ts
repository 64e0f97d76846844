import { ownedString } from "../../src/io/owned-string.js";
import { fileConversation } from "../../src/plugin/file-conversation.js";
import { shortHash } from "../../src/io/hash.js";
import type { LineAccounting, LineParser } from "../../src/plugin/line-parser.js";
import { SameTimeIds } from "../../src/plugin/same-time-ids.js";
import type { Conversation, Message, Participant } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { classifyBody, omittedAttachments, reportPlaceholdersBeyond } from "../qq-txt/body.js";
import { isDividerLike, parseDivider, parseHeaderLine, parseSender, type HeaderParts } from "./grammar.js";
import { headerTimestamp, isRealDate, ymdOf, type DateOrder, type Ymd } from "./timestamps.js";

/** Options the parser needs. */
export interface ParserOptions {
  file: string;
  /** The conversation's title (the file name: a copy names no chat). */
  title: string;
  dateOrder: DateOrder;
  /** The user's own name in the chat, to mark `isSelf`. */
  self?: string;
}

/** The date the nearest divider above gives, or why it gives none. */
type DayAbove = { line: number; raw: string; day: Ymd } | { line: number; raw: string; day?: undefined } | undefined;

interface Pending {
  header: HeaderParts;
  line: number;
  dayAbove: DayAbove;
  body: string[];
}

/**
 * A push parser for the lines of a QQ chat-window copy (FORMAT.md): a header line starts a message
 * when it stands at a boundary (the first line, after a blank line or after a divider); the body runs
 * to the next such header or divider; blank lines at a body's end are separators.
 */
export class QqCopyParser implements LineParser {
  readonly accounting: LineAccounting = { linesRead: 0, linesInMessages: 0, linesStructural: 0, linesReported: 0 };
  private out: ChatEvent[] = [];
  private pending: Pending | undefined;
  /** At a boundary: the next line may be a header. */
  private boundary = true;
  private dayAbove: DayAbove;
  private conv: Conversation | undefined;
  private seq = 0;
  private readonly participants = new Map<string, Participant>();
  private readonly ids = new SameTimeIds();
  private lastWall: string | undefined;
  private floatingReported = false;
  private undated = 0;
  private firstUndated: number | undefined;

  constructor(private readonly ctx: ReadContext, private readonly opts: ParserOptions) {}

  feed(text: string, no: number): void {
    this.accounting.linesRead++;
    if (text.trim() === "") {
      if (this.pending) this.pending.body.push(text);
      else this.accounting.linesStructural++;
      this.boundary = true;
      return;
    }
    const divider = parseDivider(text);
    if (divider) {
      this.finishMessage();
      this.accounting.linesStructural++;
      const day = ymdOf(divider.date, this.opts.dateOrder);
      if (isRealDate(day)) this.dayAbove = { line: no, raw: ownedString(divider.date.raw), day };
      else {
        this.dayAbove = { line: no, raw: ownedString(divider.date.raw) };
        this.ctx.report("invalid-timestamp", { message: `Date divider "${divider.date.raw}" names no real day; time-only messages under it have no date.`, file: this.opts.file, place: { line: no }, raw: text });
      }
      this.boundary = true;
      return;
    }
    // Before the first message no body can be cut short: a header is taken anywhere there.
    if (this.boundary || !this.pending) {
      const h = parseHeaderLine(text);
      if (h) {
        this.finishMessage();
        this.accounting.linesInMessages++;
        this.pending = { header: h, line: no, dayAbove: this.dayAbove, body: [] };
        this.boundary = false;
        return;
      }
      if (isDividerLike(text)) {
        this.finishMessage();
        this.accounting.linesReported++;
        this.dayAbove = { line: no, raw: ownedString(text.trim()) };
        this.ctx.report("unrecognized-line", { message: "A divider line whose date cannot be read; time-only messages under it have no date.", file: this.opts.file, place: { line: no }, raw: text });
        return;
      }
    }
    this.boundary = false;
    if (this.pending) {
      this.pending.body.push(text);
      return;
    }
    this.accounting.linesReported++;
    this.ctx.report("unrecognized-line", {
      message: "A line before the first message header that is not a date divider; kept here only.",
      file: this.opts.file,
      place: { line: no },
      raw: text,
    });
  }

  takeEvents(): ChatEvent[] {
    if (this.out.length === 0) return EMPTY;
    const o = this.out;
    this.out = [];
    return o;
  }

  finish(): ChatEvent[] {
    this.finishMessage();
    if (this.undated > 0)
      this.ctx.report("date-unknown", {
        message: `${this.undated} message${this.undated === 1 ? " gives" : "s give"} only a time of day (the copy's "today") with no readable date divider above; kept with the raw time only, no date or instant invented.`,
        file: this.opts.file,
        place: { line: this.firstUndated! },
      });
    if (this.conv) {
      const humans = this.participants.size;
      const kind = humans > 2 ? "group" : this.conv.kind;
      this.out.push({ type: "conversation-end", conversation: { ...this.conv, kind } });
      this.conv = undefined;
    }
    return this.takeEvents();
  }

  private openConversation(): Conversation {
    if (this.conv) return this.conv;
    this.conv = fileConversation("qq-copy", "qq", this.opts.file, this.opts.title);
    this.out.push({ type: "conversation", conversation: this.conv });
    return this.conv;
  }

  private finishMessage(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const body = p.body;
    // Blank lines at a body's end separate messages; blank lines inside it are the message's own.
    let n = body.length;
    while (n > 0 && body[n - 1]!.trim() === "") n--;
    this.accounting.linesStructural += body.length - n;
    this.accounting.linesInMessages += n;
    this.emit(p, n === 1 ? body[0]! : body.slice(0, n).join("\n"), p.line + n);
  }

  private emit(p: Pending, text: string, lastLine: number): void {
    const conv = this.openConversation();
    const { file } = this.opts;
    const h = p.header;
    const sentAt = headerTimestamp(h, h.date ? undefined : p.dayAbove?.day, this.opts.dateOrder, this.ctx, file, p.line);
    let extra: Record<string, unknown> | undefined;
    if (!h.date) {
      if (p.dayAbove?.day) extra = { dateFrom: "divider", divider: { line: p.dayAbove.line, raw: p.dayAbove.raw } };
      else {
        extra = { dateFrom: "none" };
        if (p.dayAbove) extra.divider = { line: p.dayAbove.line, raw: p.dayAbove.raw };
        if (this.undated++ === 0) this.firstUndated = p.line;
      }
    }
    if (!this.floatingReported && sentAt.basis === "floating" && sentAt.wall) {
      this.floatingReported = true;
      this.ctx.report("timezone-floating", { message: `${file} gives wall-clock times with no zone; pass --tz (e.g. Asia/Shanghai) to record instants.`, file });
    }
    if (sentAt.wall && this.lastWall && sentAt.wall < this.lastWall)
      this.ctx.report("out-of-order", { message: `Message at ${sentAt.raw} is earlier than the one before it (${this.lastWall}); kept in copy order.`, file, place: { line: p.line } });
    if (sentAt.wall) this.lastWall = sentAt.wall;

    const sender = parseSender(h.sender);
    const senderId = this.participantFor(sender.name, h.sender);
    if (sender.titles.length === 1) (extra ??= {}).senderTitle = sender.titles[0];
    else if (sender.titles.length > 1) (extra ??= {}).senderTitles = sender.titles;
    const cls = classifyBody(text, false);
    reportPlaceholdersBeyond(this.ctx, cls, file, { line: p.line, endLine: lastLine });
    if (cls.flags) Object.assign((extra ??= {}), cls.flags);

    // The time as written (with its divider's date when it has none): ids do not move with --tz or --date-order.
    const timeKey = h.date ? h.rawTime : `${p.dayAbove?.raw ?? ""}\u0000${h.rawTime}`;
    const id = this.ids.id(timeKey, `qq-copy:${shortHash(conv.id, timeKey, h.sender, text)}`);
    const message: Message = {
      id,
      conversationId: conv.id,
      seq: ++this.seq,
      senderId,
      sentAt,
      kind: cls.kind,
      text,
      attachments: omittedAttachments(id, cls),
      reactions: [],
      status: "normal",
      provenance: this.ctx.provenance(file, lastLine > p.line ? { line: p.line, endLine: lastLine } : { line: p.line }),
    };
    if (extra) message.extra = extra;
    this.out.push({ type: "message", message });
  }

  /** The participant of a name (ids from the name: a copy shows no QQ number), announced when new. */
  private participantFor(name: string, raw: string): string {
    const id = `qq-name:${name}`;
    if (this.participants.has(id)) return id;
    const p: Participant = { id, displayName: ownedString(name), aliases: [], handles: [] };
    if (this.opts.self !== undefined && (this.opts.self === name || this.opts.self === raw)) p.isSelf = true;
    this.participants.set(id, p);
    this.out.push({ type: "participant", participant: p });
    return id;
  }
}

const EMPTY: ChatEvent[] = [];
