import type { CsvRecord } from "../../src/io/csv-records.js";
import type { InputTree } from "../../src/io/source.js";
import type { Attachment, Conversation, Message, MessageStatus, Place } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import type { PeopleBook } from "../wechat-shared/csv-people.js";
import { exportWallTimestamp, parseExportWall, type ExportTimeState } from "../wechat-shared/export-time.js";
import { localMessageId, looksRounded, normalizeSvrid } from "../wechat-shared/ids.js";
import { lookupMedia } from "../wechat-shared/media.js";
import { RepeatGuard } from "../wechat-shared/repeats.js";
import type { RepeatSketch } from "../wechat-shared/repeat-sketch.js";
import { RecentMessages, parsePyWxDumpQuote } from "../wechat-shared/quote-text.js";
import type { PyRow } from "./layout.js";
import { typeNameInfo } from "./type-names.js";

/** What the row mapper needs. */
export interface PyMapperOptions {
  people: PeopleBook;
  self?: string;
  dateOrder: "mdy" | "dmy";
  /** The MsgSvrIDs that may occur more than once in the export (the reader's first pass). */
  repeats: RepeatSketch;
}

/** `talker` values that name no account (PyWxDump's defaults). */
const NO_ACCOUNT = new Set(["", "我", "未知"]);
/** `msg` texts PyWxDump writes in place of media. */
const PLACEHOLDERS = new Set(["图片", "表情", "视频"]);
const REVOKE = /<revokemsg>([\s\S]*?)<\/revokemsg>/;

/** Turns PyWxDump rows into messages, keeping everything the model has no field for in `extra`. */
export class PyRowMapper {
  private conv: Conversation | undefined;
  private seq = 0;
  private readonly ids: RepeatGuard;
  /** A rounded MsgSvrID column is reported once per file (wechat-shared/ids.ts looksRounded). */
  private roundedReported = false;
  private readonly recent = new RecentMessages();
  private readonly time: ExportTimeState = {};
  /** The owner's wxid: from the option, else the first own row's talker; null when only `我` was seen. */
  private selfWxid: string | null | undefined;
  private file = "";
  private tree: InputTree | undefined;
  /** Folder of the CSV inside the tree ("" at the root). */
  private dir = "";

  constructor(private readonly ctx: ReadContext, private readonly o: PyMapperOptions) {
    if (o.self) this.selfWxid = o.self;
    this.ids = new RepeatGuard(o.repeats);
  }

  /** Sets the file being read (a folder holds several page files). */
  setFile(file: string, tree: InputTree | undefined, dir: string): void {
    this.file = file;
    this.roundedReported = false;
    this.tree = tree;
    this.dir = dir;
  }

  /** Starts numbering a new conversation. */
  startConversation(conv: Conversation): void {
    this.conv = conv;
    this.seq = 0;
  }

  /** Maps one row; participant events it needs are pushed to `out`. */
  async map(row: PyRow, rec: CsvRecord, out: ChatEvent[]): Promise<Message> {
    const conv = this.conv!;
    const file = this.file;
    const place: Place = rec.endLine > rec.line ? { line: rec.line, endLine: rec.endLine } : { line: rec.line };
    const sentAt = exportWallTimestamp(row.createTime, this.ctx, file, place, this.time, this.o.dateOrder);
    const id = this.messageId(row, rec, conv);
    const info = typeNameInfo(row.typeName);
    const extra: Record<string, unknown> = { typeName: row.typeName, rowId: row.id, isSender: row.isSender };
    if (row.msgSvrId !== "") extra.msgSvrId = row.msgSvrId;
    if (info?.code) extra.typeCode = info.code;
    if (row.contentExtra) extra.content = row.contentExtra;
    if (row.columns) extra.columns = row.columns;
    if (row.contentInvalid)
      this.ctx.report("malformed-payload", { message: "The v2 `content` column is not a JSON object; kept whole as the text.", file, place, raw: rec.raw });

    const senderId = this.sender(row, conv, out, extra);
    let kind = info?.kind ?? "unknown";
    let status: MessageStatus = "normal";
    let text = row.msg;
    let replyTo: string | undefined;
    let raw: string | undefined;
    if (!info) {
      raw = rec.raw;
      this.ctx.report("unknown-message-type", { message: `Message type "${row.typeName}" is not one PyWxDump labels are known for; kept as unknown with its row.`, file, place, raw: rec.raw });
    }
    const revoke = REVOKE.exec(text);
    if (info?.recalled || revoke || (kind === "system" && /撤回了一条消息/.test(text))) {
      kind = "system";
      status = "recalled";
      if (revoke) {
        extra.payload = text;
        text = revoke[1]!;
      }
    }
    const quote = parsePyWxDumpQuote(text);
    if (quote && (info?.code?.[1] === 57 || info?.code === undefined || kind === "text")) {
      text = quote.text;
      extra.quote = { time: quote.time, name: quote.name, content: quote.content };
      const w = parseExportWall(quote.time);
      const iso = w && w.precision === "second" ? isoWall(w.fields) : undefined;
      replyTo = this.recent.find(quote.content, iso);
    }
    const attachments: Attachment[] = [];
    if (row.src !== "") await this.source(row, id, info?.kind, info?.attachment, attachments, extra, place);
    if (attachments.length && PLACEHOLDERS.has(text)) {
      extra.placeholder = text;
      text = "";
    }
    this.recent.add(id, row.msg, sentAt.wall ?? sentAt.utc);
    const message: Message = {
      id,
      conversationId: conv.id,
      seq: ++this.seq,
      senderId,
      sentAt,
      kind,
      text,
      attachments,
      reactions: [],
      status,
      provenance: this.ctx.provenance(file, place),
      ...(replyTo ? { replyTo } : {}),
      ...(raw !== undefined ? { raw } : {}),
      extra,
    };
    return message;
  }

  private messageId(row: PyRow, rec: CsvRecord, conv: Conversation): string {
    const rounded = looksRounded(row.msgSvrId.trim());
    if (rounded && !this.roundedReported) {
      this.roundedReported = true;
      this.ctx.report("invalid-id", {
        message: `MsgSvrID "${row.msgSvrId.trim()}" ends in zeros past its 15th digit: a spreadsheet saved the column as numbers and rounded the server ids. Such rows get ids from their line (later ones are not reported); export the chat again, or open the CSV with the column as text.`,
        file: this.file,
        place: { line: rec.line },
        raw: rec.raw,
      });
    }
    const svr = rounded ? undefined : normalizeSvrid(row.msgSvrId);
    if (svr) {
      if (this.ids.claim(svr)) return svr;
      this.ctx.report("duplicate-id", {
        message: `MsgSvrID ${svr} appeared before in this file; this message gets an id from its line instead.`,
        file: this.file,
        place: { line: rec.line },
      });
    }
    return localMessageId("pywxdump-csv", this.file, conv.id, `L${rec.line}`);
  }

  /** The sender: own rows → the owner; groups → `talker`; private chats → the other party (`room_name`). */
  private sender(row: PyRow, conv: Conversation, out: ChatEvent[], extra: Record<string, unknown>): string | null {
    const talker = row.talker.trim();
    const people = this.o.people;
    if (talker !== "") extra.talker = talker;
    if (row.isSender.trim() === "1") {
      if (this.selfWxid === undefined) this.selfWxid = NO_ACCOUNT.has(talker) || talker === "系统" ? null : talker;
      return people.person(this.selfWxid ?? undefined, true, out);
    }
    if (talker === "系统") return people.system(out);
    if (conv.kind === "group") {
      if (NO_ACCOUNT.has(talker)) return null;
      if (talker === this.selfWxid) return people.person(talker, true, out);
      return people.person(talker, false, out);
    }
    // Private chat: the other party is the room. (The corpus file has received images whose talker is the
    // owner's id — PyWxDump's BytesExtra lookup — so talker is kept in extra, not trusted here.)
    const room = row.room.trim();
    if (room !== "") return people.person(room, false, out);
    return NO_ACCOUNT.has(talker) ? null : people.person(talker, false, out);
  }

  /** `src`: a local media path → attachment; a URL → extra.url (omitted attachment for stickers/images). */
  private async source(row: PyRow, id: string, kind: string | undefined, attKind: Attachment["kind"] | undefined, atts: Attachment[], extra: Record<string, unknown>, place: Place): Promise<void> {
    const src = row.src.trim();
    if (kind === "merged" || src.startsWith("{") || src.startsWith("[")) {
      extra.src = src; // the forwarded bundle's record items, as PyWxDump printed them
      return;
    }
    if (/^https?:\/\//i.test(src)) {
      if (attKind === "sticker" || attKind === "image" || attKind === "video")
        atts.push({ id: `${id}:a1`, kind: attKind, availability: "omitted", extra: { url: src } });
      else extra.url = src;
      return;
    }
    const bases = this.dir ? [this.dir, ""] : [""];
    atts.push(await lookupMedia({ kind: attKind ?? "other", path: src }, `${id}:a1`, { ctx: this.ctx, tree: this.tree, bases, file: this.file, place }));
  }
}

function isoWall(f: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number }): string {
  const p = (n: number | undefined): string => String(n ?? 0).padStart(2, "0");
  return `${String(f.year).padStart(4, "0")}-${p(f.month)}-${p(f.day)}T${p(f.hour)}:${p(f.minute)}:${p(f.second)}`;
}
