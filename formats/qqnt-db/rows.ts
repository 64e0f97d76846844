import { cellBytes } from "../../src/plugin/cell-bytes.js";
import { mediaDigest } from "../../src/plugin/media-digest.js";
import type { InputTree } from "../../src/io/source.js";
import type { Attachment, Conversation, Message, Timestamp } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { exactTimestamp, isRepresentableInstant } from "../../src/time/index.js";
import { C, MAPPED, cellId, cellNumber, cellText, type Row } from "./columns.js";
import { decodeBody, summariseBody, type BodySummary, type MediaRef } from "./elements.js";
import { People, SYSTEM_ID, cleanCard } from "./people.js";
import { SeqIdWindow } from "./seq-ids.js";

/** Flags prefix of a recalled message in 40600 (formats-cn.md §3.2). */
const RECALLED_FLAGS = "c2e91304a8d114";
/** Recent (seq → id) pairs remembered per conversation to resolve replies by seq. */
const SEQ_WINDOW = 100_000;

/** Where every row went (tests assert the sum). */
export interface RowAccounting {
  rowsRead: number;
  rowsInMessages: number;
  rowsReported: number;
}

/** Maps nt_msg.db rows, ordered by conversation then time, to chatport events. */
export class QqntMapper {
  readonly accounting: RowAccounting = { rowsRead: 0, rowsInMessages: 0, rowsReported: 0 };
  private readonly people: People;
  private conv: Conversation | undefined;
  private convKey: string | undefined;
  private convSenders: string[] = [];
  private peerName: string | undefined;
  private seq = 0;
  private readonly seqToId = new SeqIdWindow(SEQ_WINDOW);

  constructor(private readonly ctx: ReadContext, private readonly file: string, private readonly tree: InputTree | undefined) {
    this.people = new People(typeof ctx.options.self === "string" ? ctx.options.self : undefined);
  }

  /** Maps one row of `table` (`chat` = c2c | group); `key` is its conversation key. */
  async row(table: string, chat: "c2c" | "group", key: string, row: Row): Promise<ChatEvent[]> {
    const out: ChatEvent[] = [];
    this.accounting.rowsRead++;
    if (this.convKey !== `${table}\u0000${key}`) {
      this.close(out);
      this.open(table, chat, key, row, out);
    }
    const conv = this.conv!;
    const rowid = cellText(row._rowid) ?? "";
    const place = { table, rowid };
    const id = cellId(row[C.msgId]) ?? `${table}:${rowid}`;

    const sendType = cellNumber(row[C.sendType]);
    const direction = sendType !== undefined && sendType <= 5 ? sendType : undefined; // larger values are day-timestamp noise (§3.3)
    const uin = cellId(row[C.senderUin]);
    const uid = cellText(row[C.senderUid]);
    const card = chat === "group" ? cleanCard(cellText(row[C.card]), uin) : undefined;
    const nickname = cellText(row[C.nickname]);
    const system = chat === "c2c" && direction === 3;
    const senderId = this.people.idFor({
      ...(uin ? { uin } : {}), ...(uid ? { uid } : {}), ...(card ? { card } : {}), ...(nickname ? { nickname } : {}),
      system, self: direction === 1 || direction === 2,
    }, out);
    if (!this.convSenders.includes(senderId)) this.convSenders.push(senderId);
    if (chat === "c2c" && !this.peerName && direction === 0 && senderId !== SYSTEM_ID) this.peerName = nickname ?? card;

    // A body stored as TEXT or a number (a damaged database) is read as its bytes and reported when it is
    // not protobuf, never dropped.
    const body = cellBytes(row[C.body]);
    let summary: BodySummary = { text: "", kind: "text", media: [], unknown: [], extra: {} };
    let malformed = false;
    if (body) {
      try {
        summary = summariseBody(decodeBody(body), (u, d) => this.people.mentionId(u, d));
      } catch (e) {
        malformed = true;
        summary = { text: "", kind: "unknown", media: [], unknown: [], extra: {} };
        this.accounting.rowsReported++;
        this.ctx.report("malformed-payload", { message: `Message ${id}: its 40800 body is not a readable protobuf (${(e as Error).message}); kept as hex in raw.`, file: this.file, place, raw: body.toString("hex") });
      }
    }
    for (const u of summary.unknown)
      this.ctx.report("unknown-element", { message: `Message ${id}: element ${u.index} has type ${u.type ?? "(none)"}, which this reader does not know; kept as hex in extra.unknownElements.`, file: this.file, place, raw: u.hex });

    const flags = cellText(row[C.flags]);
    const recalled = (flags?.startsWith(RECALLED_FLAGS) ?? false) || (cellNumber(row[C.msgType]) === 1 && summary.media.length === 0 && summary.text === "");
    const sentAt = this.timestamp(row[C.time], place);

    const extra: Record<string, unknown> = {};
    const columns: Record<string, string> = {};
    for (const [k, v] of Object.entries(row)) {
      if (MAPPED.has(k)) continue;
      const t = cellText(v);
      if (t !== undefined) columns[k] = t;
    }
    if (Object.keys(columns).length) extra.columns = columns;
    const p = this.people.get(senderId);
    const shown = card ?? nickname;
    if (p && shown && shown !== p.displayName) extra.senderName = shown;
    if (card && cellText(row[C.card]) !== card) extra.senderCardRaw = cellText(row[C.card]);
    Object.assign(extra, summary.extra);
    if (summary.unknown.length) extra.unknownElements = summary.unknown.map((u) => ({ index: u.index, type: u.type, hex: u.hex }));
    let replyTo: string | undefined;
    if (summary.quote) {
      extra.quote = summary.quote;
      replyTo = summary.quote.msgId ?? (summary.quote.seq ? this.seqToId.get(summary.quote.seq) : undefined);
    }
    const replySeq = chat === "group" ? cellId(row[C.replySeq]) : undefined;
    if (!replyTo && replySeq) replyTo = this.seqToId.get(replySeq);

    const attachments: Attachment[] = [];
    for (let i = 0; i < summary.media.length; i++) attachments.push(await this.attachment(summary.media[i]!, `${id}:a${i + 1}`, id, place));

    const message: Message = {
      id,
      conversationId: conv.id,
      seq: ++this.seq,
      senderId,
      sentAt,
      kind: summary.recallNotice || system ? "system" : summary.kind,
      text: summary.text,
      ...(summary.parts ? { parts: summary.parts } : {}),
      attachments,
      ...(replyTo ? { replyTo } : {}),
      reactions: [],
      status: recalled ? "recalled" : "normal",
      provenance: this.ctx.provenance(this.file, place),
      ...(body ? { raw: body.toString("hex") } : {}),
      ...(Object.keys(extra).length ? { extra } : {}),
    };
    const seqText = cellId(row[C.seq]);
    if (seqText) {
      this.seqToId.set(seqText, id);
    }
    if (!malformed) this.accounting.rowsInMessages++; // a malformed row is kept too, but counted as reported
    out.push({ type: "message", message });
    return out;
  }

  private timestamp(v: Row[string] | undefined, place: { table: string; rowid: string }): Timestamp {
    const s = cellNumber(v);
    // An epoch beyond the years 0000–9999 is a damaged cell, kept raw like a missing one.
    if (s === undefined || s <= 0 || !isRepresentableInstant(s * 1000)) {
      this.ctx.report("invalid-timestamp", { message: `Row has no usable send time (40050); kept without an instant.`, file: this.file, place, raw: cellText(v) ?? "" });
      return { raw: cellText(v) ?? "", basis: "floating", precision: "second" };
    }
    return exactTimestamp(String(s), s * 1000, "second", this.ctx.tz ? { zone: this.ctx.tz } : {});
  }

  /**
   * An attachment for a media element. QQNT keeps media outside the database, under `nt_data/` (Pic,
   * Video, File, Ptt …); the element records the absolute path on the original machine. When the input
   * folder holds that `nt_data/` tree the file is found by its path after `nt_data/` and hashed.
   */
  private async attachment(m: MediaRef, aid: string, id: string, place: { table: string; rowid: string }): Promise<Attachment> {
    const extra: Record<string, unknown> = { ...m.extra, ...(m.md5 ? { md5: m.md5 } : {}), ...(m.localPath ? { localPath: m.localPath } : {}) };
    const base: Attachment = {
      id: aid,
      kind: m.kind,
      ...(m.fileName ? { fileName: m.fileName } : {}),
      ...(m.bytes !== undefined ? { bytes: m.bytes } : {}),
      availability: "missing",
      ...(Object.keys(extra).length ? { extra } : {}),
    };
    const norm = m.localPath?.replace(/\\/g, "/");
    const at = norm ? norm.toLowerCase().lastIndexOf("/nt_data/") : -1;
    if (this.tree && norm && at !== -1) {
      const f = await this.tree.open(norm.slice(at + 1));
      if (f) {
        const digest = await mediaDigest(f, this.ctx, this.file, place);
        return digest ? { ...base, availability: "present", sha256: digest.sha256, bytes: digest.bytes, path: f.name } : { ...base, path: f.name };
      }
    }
    this.ctx.report("attachment-missing", { message: `Message ${id}: ${m.kind} ${m.fileName ?? ""} is not in the input (QQNT keeps media outside nt_msg.db${m.localPath ? `, at ${m.localPath}` : ""}).`, file: this.file, place });
    return base;
  }

  private open(table: string, chat: "c2c" | "group", key: string, row: Row, out: ChatEvent[]): void {
    this.convKey = `${table}\u0000${key}`;
    this.convSenders = [];
    this.peerName = undefined;
    this.seq = 0;
    this.seqToId.clear();
    const peer = cellId(row[C.peerNumber]);
    this.conv = {
      id: `qqnt:${chat}:${key}`,
      platform: "qq",
      kind: chat === "group" ? "group" : "direct",
      title: chat === "group" ? `QQ群 ${peer ?? key}` : `QQ ${peer ?? key}`,
      participantIds: [],
      source: this.file,
      extra: { table, key, ...(cellText(row[C.peerUid]) ? { peerUid: cellText(row[C.peerUid]) } : {}), ...(peer ? { peerNumber: peer } : {}) },
    };
    out.push({ type: "conversation", conversation: this.conv });
  }

  /** Closes the open conversation (restating its title with the peer's name for private chats). */
  close(out: ChatEvent[]): void {
    if (!this.conv) return;
    const c = this.conv;
    const title = c.kind === "direct" && this.peerName ? `${this.peerName} (${c.title.replace(/^QQ /, "")})` : c.title;
    out.push({ type: "conversation-end", conversation: { ...c, title, participantIds: [...this.convSenders] } });
    this.conv = undefined;
    this.convKey = undefined;
  }
}
