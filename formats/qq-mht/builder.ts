/**
 * Turns classified rows into chat events: sections (消息分组 / 消息对象) become conversations, date rows
 * set the day for the time-only message headers, message rows become messages with their images
 * looked up in the part index. Every row is accounted for (DESIGN.md §3 "Nothing is lost").
 */
import { shortHash } from "../../src/io/hash.js";
import { SameTimeIds } from "../../src/plugin/same-time-ids.js";
import type { Attachment, Message, Place, TextPart, Timestamp } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { classifyBody, omittedAttachments, reportPlaceholdersBeyond } from "../qq-txt/body.js";
import { parseSender } from "../qq-txt/sender.js";
import { imageAttachment } from "./attachments.js";
import type { DateOrder } from "../qq-txt/timestamps.js";
import { flatten } from "./content.js";
import { MAX_ROW_DEPTH, type HNode, type Row } from "./html-rows.js";
import type { MhtIndex } from "./index-parts.js";
import { innerMessages } from "./merged.js";
import { ParticipantBook } from "./participants.js";
import { Sections } from "./sections.js";
import { classifyRow, type MessageHeader } from "./rows.js";
import { messageTimestamp, parseRowDate, parseRowTime, type RowDate } from "./timestamps.js";

/** Where every table row went. */
export interface RowAccounting {
  rowsRead: number;
  rowsInMessages: number;
  rowsStructural: number;
  rowsReported: number;
}

/** Options of the builder. */
export interface BuilderOptions {
  file: string;
  /** Title for rows before any 消息对象 row (the file name). */
  fallbackTitle: string;
  dateOrder: DateOrder;
  self?: string;
  index: MhtIndex;
}

/** Where a row sits: the line diagnostics name, and the provenance place. */
export interface RowAt {
  line: number;
  place: Place;
}

// Header colours seen in exports (§2.2): green is presumably the exporting account, blue everyone else.
// Unverified, so only ever a hint in `extra`.
const COLOR_HINTS: Record<string, "self" | "other"> = { "#42b475": "self", "#006efe": "other" };

/** The row-to-event state machine; feed rows in order, drain events after each. */
export class MhtBuilder {
  readonly accounting: RowAccounting = { rowsRead: 0, rowsInMessages: 0, rowsStructural: 0, rowsReported: 0 };
  private out: ChatEvent[] = [];
  private readonly participants: ParticipantBook;
  private readonly sections: Sections;
  private seq = 0;
  private date: RowDate | undefined;
  private lastWall: string | undefined;
  private floatingReported = false;
  private readonly ids = new SameTimeIds();
  private pending: Message | undefined;

  constructor(private readonly ctx: ReadContext, private readonly opts: BuilderOptions) {
    this.participants = new ParticipantBook((participant) => this.out.push({ type: "participant", participant }), opts.self);
    this.sections = new Sections(ctx, opts.file, opts.fallbackTitle, (ev) => this.out.push(ev), (id) => this.participants.get(id)?.isSystem === true);
  }

  /** Takes the events completed so far. */
  drain(): ChatEvent[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  /** Handles one table row. */
  row(row: Row, at: RowAt): void {
    this.accounting.rowsRead++;
    const bogus = row.raw.split("&get;").length - 1;
    if (bogus > 0)
      this.ctx.report("repaired-markup", { message: `QQ's bogus entity "&get;" read as ">" (${bogus}×).`, file: this.opts.file, place: at.place, raw: row.raw });
    if (row.flattened)
      this.ctx.report("repaired-markup", {
        message: `This row nests elements more than ${MAX_ROW_DEPTH} deep (QQ writes about ten); ${row.flattened} elements below that depth were not kept as elements, their text was kept in order.`,
        file: this.opts.file,
        place: at.place,
        raw: row.raw,
      });
    const k = classifyRow(row.tree);
    if (k.kind !== "merged-block") this.flushPending();
    switch (k.kind) {
      case "title":
      case "spacer":
        this.accounting.rowsStructural++;
        return;
      case "group":
        this.sections.setGroup(k.name);
        this.date = undefined; // a new section starts with its own date row
        this.accounting.rowsStructural++;
        return;
      case "object":
        this.sections.setObject(k.name);
        this.date = undefined;
        this.accounting.rowsStructural++;
        return;
      case "date": {
        const d = parseRowDate(k.text);
        if (d) {
          this.date = d;
          this.accounting.rowsStructural++;
        } else this.reportRow(row, at, `A date row whose date "${k.text}" could not be read; the following messages keep the previous date.`, "invalid-timestamp");
        return;
      }
      case "message":
        this.accounting.rowsInMessages++;
        this.pending = this.message(k.header, k.content, row, at);
        return;
      case "merged-block":
        if (this.pending) {
          this.accounting.rowsInMessages++;
          this.pending = this.attachBlock(this.pending, k.content, row, at);
        } else this.reportRow(row, at, "A forwarded-message block with no message before it to belong to.");
        return;
      case "unknown":
        this.flushPending();
        this.reportRow(row, at, `Unrecognised row (${k.reason}); kept only here.`);
        return;
    }
  }

  /** Text or markup outside any row. */
  stray(raw: string, at: RowAt, why = "Markup outside the chat table; not part of any message."): void {
    this.ctx.report("unrecognized-record", { message: why, file: this.opts.file, place: at.place, raw });
  }

  /** Ends the input. */
  finish(): void {
    this.flushPending();
    this.sections.close();
  }

  private reportRow(row: Row, at: RowAt, message: string, code: "unrecognized-record" | "invalid-timestamp" = "unrecognized-record"): void {
    this.accounting.rowsReported++;
    this.ctx.report(code, { message, file: this.opts.file, place: at.place, raw: row.raw });
  }

  private flushPending(): void {
    if (!this.pending) return;
    this.out.push({ type: "message", message: this.pending });
    this.pending = undefined;
  }

  private timestamp(h: MessageHeader, at: RowAt, raw: string): Timestamp {
    const { file } = this.opts;
    const time = parseRowTime(h.time);
    if (!time || !this.date) {
      const why = !time ? `"${h.time}" is not a time of day` : "no date row precedes it";
      this.ctx.report("invalid-timestamp", { message: `A message header's time cannot be placed (${why}); kept raw only.`, file, place: at.place, raw });
      return { raw: this.date ? `${this.date.raw} ${h.time}` : h.time, basis: "floating", precision: "second" };
    }
    const ts = messageTimestamp(this.date, time, this.opts.dateOrder, this.ctx, file, at.line);
    if (!this.floatingReported && ts.basis === "floating" && ts.wall) {
      this.floatingReported = true;
      this.ctx.report("timezone-floating", { message: `${file} gives wall-clock times with no zone; pass --tz (e.g. Asia/Shanghai) to record instants.`, file });
    }
    if (ts.wall && this.lastWall && ts.wall < this.lastWall)
      this.ctx.report("out-of-order", { message: `Message at ${ts.raw} is earlier than the one before it (${this.lastWall}); kept in file order.`, file, place: at.place });
    if (ts.wall) this.lastWall = ts.wall;
    return ts;
  }

  private message(h: MessageHeader, content: HNode[], row: Row, at: RowAt): Message {
    const { conv, fresh } = this.sections.current();
    if (fresh) {
      this.seq = 0;
      this.lastWall = undefined;
    }
    const sentAt = this.timestamp(h, at, row.raw);
    const sender = parseSender(h.sender);
    const senderId = this.participants.idFor(sender);
    if (senderId) this.sections.spoke(senderId);
    const participant = senderId ? this.participants.get(senderId) : undefined;
    const flat = flatten(content);
    if (flat.unknownTags.length > 0)
      this.ctx.report("unknown-element", { message: `Unknown markup <${flat.unknownTags.join(">, <")}> in a message; its text is kept and the row is in the message's raw.`, file: this.opts.file, place: at.place, raw: row.raw });

    const id = this.ids.id(sentAt.raw, `qq-mht:${shortHash(conv.id, sentAt.raw, h.sender, flat.text, flat.images.join("\n"))}`);

    const cls = classifyBody(flat.text, participant?.isSystem === true);
    reportPlaceholdersBeyond(this.ctx, cls, this.opts.file, at.place);
    const attachments: Attachment[] = flat.images.map((src, i) => this.attachment(src, `${id}:a${i + 1}`, at));
    attachments.push(...omittedAttachments(id, cls, attachments.length));
    let kind = cls.kind;
    if (flat.images.length > 0 && (kind === "text" || kind === "image") && flat.text.replace(/\[(?:图片|闪照|表情)\]/g, "").trim() === "") kind = "image";

    const extra: Record<string, unknown> = {};
    if (sender.title !== undefined) extra.senderTitle = sender.title;
    if (participant && sender.name !== participant.displayName && sender.name !== "") extra.senderName = sender.name;
    if (h.color) {
      extra.headerColor = h.color;
      const hint = COLOR_HINTS[h.color.toLowerCase()];
      if (hint) extra.directionHint = hint;
    }
    if (cls.flags) Object.assign(extra, cls.flags);
    if (flat.unknownTags.length > 0) extra.unknownElements = flat.unknownTags;

    let parts: TextPart[] | undefined;
    if (flat.images.length > 0) {
      let img = 0;
      parts = flat.runs.map((r) => (r.type === "text" ? { type: "text", text: r.text } : { type: "image", text: "", extra: { attachmentId: attachments[img++]!.id } }));
    }
    let message: Message = {
      id,
      conversationId: conv.id,
      seq: ++this.seq,
      senderId,
      sentAt,
      kind,
      text: flat.text,
      ...(parts ? { parts } : {}),
      attachments,
      reactions: [],
      status: "normal",
      provenance: this.ctx.provenance(this.opts.file, at.place),
      ...(flat.unknownTags.length > 0 ? { raw: row.raw } : {}),
      ...(Object.keys(extra).length ? { extra } : {}),
    };
    if (flat.hasTable) message = this.withInner(message, flat.text, at);
    return message;
  }

  /** A forwarded block inside or right after a message: nested messages + kind "merged". */
  private withInner(m: Message, blockText: string, at: RowAt): Message {
    const { title, inner } = innerMessages(blockText, m, {
      date: (d) => parseRowDate(d),
      time: (t) => parseRowTime(t),
      stamp: (d, t) => messageTimestamp(d, t, this.opts.dateOrder, this.ctx, this.opts.file, at.line),
      sender: (s) => this.participants.idFor(parseSender(s)),
    });
    const extra = { ...(m.extra ?? {}), ...(title ? { mergedTitle: title } : {}) };
    return { ...m, kind: "merged", inner: [...(m.inner ?? []), ...inner], ...(Object.keys(extra).length ? { extra } : {}) };
  }

  private attachBlock(m: Message, content: HNode[], row: Row, at: RowAt): Message {
    const flat = flatten(content);
    const more = flat.images.map((src, i) => this.attachment(src, `${m.id}:b${m.attachments.length + i + 1}`, at));
    const text = m.text === "" ? flat.text : `${m.text}\n${flat.text}`;
    const joined = { ...m, text, attachments: [...m.attachments, ...more], raw: m.raw !== undefined ? `${m.raw}\n${row.raw}` : undefined };
    if (joined.raw === undefined) delete joined.raw;
    return this.withInner(joined, flat.text, at);
  }

  private attachment(src: string, id: string, at: RowAt): Attachment {
    return imageAttachment(this.opts.index, src, id, (key) =>
      this.ctx.report("attachment-missing", {
        message: `Image ${key || "(empty src)"} is referenced but no part of the file holds it (the export often drops images).`,
        file: this.opts.file,
        place: at.place,
        raw: src,
      }),
    );
  }

}
