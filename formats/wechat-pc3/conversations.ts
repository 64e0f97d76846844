import type { Conversation, Message } from "../../src/model/schema.js";
import type { InputTree } from "../../src/io/source.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { exactTimestamp, isRepresentableInstant } from "../../src/time/index.js";
import { bytesToText, DecompressError, decodeLz4Block, isInvalidUtf8 } from "../wechat-shared/compression.js";
import { contactParticipant } from "../wechat-shared/contacts.js";
import { conversationId, localMessageId, normalizeSvrid } from "../wechat-shared/ids.js";
import { buildWechatMessageNow, type MediaSettings } from "../wechat-shared/message.js";
import { exactUtcSecond } from "../wechat-shared/utc-seconds.js";
import type { ParticipantBook } from "../wechat-shared/participants.js";
import { cellBytes } from "../../src/plugin/cell-bytes.js";
import { ProtoError, toHex } from "../wechat-shared/protobuf.js";
import { splitSenderPrefix } from "../wechat-shared/sender-prefix.js";
import { decodeBytesExtra, fastBytesExtraHex, type BytesExtraInfo } from "./bytes-extra.js";
import type { Pc3Directory } from "./contacts.js";
import type { VoiceStore } from "../wechat-shared/voice-store.js";
import { BYTES_EXTRA, BYTES_EXTRA_HEX, COMPRESS, CONTENT, CREATE_TIME, DISPLAY, IS_SENDER, LOCAL_ID, SUB_TYPE, SVRID, TALKER, TYPE, type MsgRow } from "./schema.js";

/** Where every MSG row went (DESIGN.md §3 "Nothing is lost"). */
export interface RowAccounting {
  rowsRead: number;
  rowsInMessages: number;
  rowsReported: number;
}

const READER = "wechat-pc3";
const SYSTEM_TYPES = new Set([10000, 10002]);
const utf8 = new TextDecoder("utf-8");
const NO_VOICE_DB = { voice: "voice audio is kept in MediaMSG*.db (table Media), and none was in the input (give the account folder)" };
const NOT_IN_VOICE_DB = { voice: "its audio is not in the MediaMSG*.db files given (table Media, Reserved0 = MsgSvrID)" };

/** What the reader learnt about server ids before streaming the rows (both sets are small). */
export interface ServerIdFacts {
  /** Server ids named by recall notices. */
  recalled: Set<string>;
  /** Server ids on more than one MSG row (repeats.ts `repeatedServerIds`); empty in a healthy database. */
  repeats: Set<string>;
}

/** Turns merged MSG rows (conversation by conversation, in time order) into events. */
export class Pc3Conversations {
  readonly accounting: RowAccounting = { rowsRead: 0, rowsInMessages: 0, rowsReported: 0 };
  private conv: Conversation | undefined;
  private talker: string | undefined;
  private seq = 0;
  /** The ids of {@link ServerIdFacts.repeats} met so far in this conversation. */
  private seenRepeats = new Set<string>();
  private members = new Map<string, string | undefined>();
  private isGroup = false;
  /** The partner's participant id in a one-to-one chat, once ensured (saves a lookup per row). */
  private partnerId: string | undefined;

  constructor(
    private readonly ctx: ReadContext,
    private readonly book: ParticipantBook,
    private readonly dir: Pc3Directory,
    private readonly ids: ServerIdFacts,
    private readonly media: { tree: InputTree | undefined; bases: string[] },
    private readonly voices?: VoiceStore,
    /** A row's StrContent as stored (CAST AS BLOB), to confirm a U+FFFD SQLite's text may stand for. */
    private readonly strContentBytes?: (file: string, rowid: bigint) => Uint8Array | null,
  ) {
    this.mediaSettings = { ctx, ...media };
  }

  private readonly mediaSettings: MediaSettings;

  /**
   * One row in merged order: appends the events it completes to `out` (the reader's current batch).
   * Returns a promise only when the message needs a media lookup; otherwise everything is synchronous
   * (the profile at 1M rows was dominated by per-row promises, arrays and closures).
   */
  push(row: MsgRow, file: string, out: ChatEvent[]): void | Promise<void> {
    this.accounting.rowsRead++;
    const localId = row[LOCAL_ID];
    const place = { table: "MSG", rowid: Number(localId) };
    const talker = row[TALKER];
    if (!talker) {
      this.accounting.rowsReported++;
      this.ctx.report("unrecognized-record", { message: "A MSG row names no conversation (StrTalker/TalkerId empty); not placed in any chat.", file, place, raw: rowRaw(row) });
      return;
    }
    if (talker !== this.talker) {
      this.close(out);
      this.open(talker, file, out);
    }
    const conv = this.conv!;
    const type = Number(row[TYPE] ?? -1n);
    const subType = Number(row[SUB_TYPE] ?? 0n);
    const rawContent = row[CONTENT];
    let content = typeof rawContent === "string" ? rawContent : rawContent ? utf8.decode(rawContent) : "";
    // SQLite hands invalid UTF-8 over as U+FFFD without a word: only such rows are looked at again.
    if (typeof rawContent === "string" && rawContent.includes("\uFFFD")) this.checkUtf8(file, localId, place);
    // Made only when the row has something for it (most rows have not): one object less per row.
    let extra: Record<string, unknown> | undefined;
    const compress = cellBytes(row[COMPRESS]);
    if (compress && (type === 49 || content === "")) {
      try {
        content = bytesToText(decodeLz4Block(compress));
      } catch (e) {
        if (!(e instanceof DecompressError)) throw e;
        (extra ??= {}).compressContentHex = toHex(compress);
        this.ctx.report("malformed-payload", { message: `CompressContent is not a valid LZ4 block (${e.message}); kept as hex in extra.`, file, place, raw: toHex(compress) });
      }
    }
    let be: BytesExtraInfo | undefined;
    let bytesExtra = cellBytes(row[BYTES_EXTRA]);
    const beHex = row[BYTES_EXTRA_HEX];
    if (beHex) {
      be = fastBytesExtraHex(beHex);
      // Anything but the usual shape is read from the bytes as before (same results, same reports).
      if (!be) bytesExtra = Buffer.from(beHex, "hex");
    }
    if (!be && bytesExtra && bytesExtra.length) {
      try {
        be = decodeBytesExtra(bytesExtra);
      } catch (e) {
        if (!(e instanceof ProtoError)) throw e;
        (extra ??= {}).bytesExtraHex = toHex(bytesExtra);
        this.ctx.report("malformed-payload", { message: `BytesExtra is not valid protobuf (${e.message}); kept as hex in extra.`, file, place, raw: toHex(bytesExtra) });
      }
    }
    this.body = content;
    const senderId = this.sender(row, type, be);
    content = this.body;
    const svrid = normalizeSvrid(row[SVRID]);
    let id = svrid ?? localMessageId(READER, file, "MSG", String(localId));
    // Local ids are unique by construction (file + rowid); a server id can only repeat if it is in ids.repeats.
    if (svrid !== undefined && this.ids.repeats.has(svrid)) {
      if (this.seenRepeats.has(svrid)) {
        this.ctx.report("duplicate-id", { message: `Message id ${id} appears twice in ${conv.title}; the repeat gets a local id.`, file, place });
        id = localMessageId(READER, file, "MSG", String(localId));
      } else this.seenRepeats.add(svrid);
    }
    const display = row[DISPLAY];
    if (display) (extra ??= {}).displayContent = display;
    if (be?.thumb) (extra ??= {}).thumbnailPath = be.thumb;
    if (svrid === undefined) (extra ??= {}).localId = String(localId);
    const createTime = row[CREATE_TIME];
    const raw = String(createTime ?? "");
    const ms = Number(createTime) * 1000;
    // An epoch outside what a date can hold (a damaged cell, a text or BLOB value) is kept raw and reported;
    // so is 0 or less (an unset or damaged cell, not 1970).
    const usable = createTime !== null && ms > 0 && isRepresentableInstant(ms);
    if (!usable)
      this.ctx.report("invalid-timestamp", { message: createTime === null ? "CreateTime is NULL; the message has no time." : ms <= 0 ? `CreateTime "${raw}" is 0 or less, not a real time (an unset or damaged cell); kept raw only.` : `CreateTime "${raw}" is not an epoch in seconds; kept raw only.`, file, place, raw: createTime === null ? "NULL" : raw });
    const sentAt = usable
      ? this.ctx.tz
        ? exactTimestamp(raw, ms, "second", { zone: this.ctx.tz })
        : exactUtcSecond(raw, ms)
      : { raw, basis: "floating" as const, precision: "day" as const };
    // Voice audio sits in MediaMSG*.db under the row's MsgSvrID as MSG stores it (formats-cn.md §5.1).
    const clip = type === 34 && this.voices && row[SVRID] ? this.voices.find(String(row[SVRID])) : undefined;
    const built = buildWechatMessageNow(
      {
        id, conversationId: conv.id, seq: ++this.seq, senderId, sentAt, type, subType, content, file, place,
        provenance: this.ctx.provenance(file, place),
        mediaPath: be?.file || undefined,
        ...(clip ? { embedded: { voice: { ...clip, mediaType: "audio/silk" } } } : { missingReason: this.voices ? NOT_IN_VOICE_DB : NO_VOICE_DB }),
        recalled: svrid !== undefined && this.ids.recalled.has(svrid),
        extra,
      },
      this.mediaSettings,
    );
    if (built instanceof Promise) return built.then(({ message }) => this.finishRow(out, message));
    this.finishRow(out, built.message);
  }

  /** Reports `encoding-replacement` when the row's StrContent bytes are not UTF-8 (the text is kept). */
  private checkUtf8(file: string, rowid: bigint, place: { table: string; rowid: number }): void {
    const bytes = this.strContentBytes?.(file, rowid);
    if (bytes && isInvalidUtf8(bytes))
      this.ctx.report("encoding-replacement", { message: "StrContent is not valid UTF-8; the bad bytes read as U+FFFD (text kept, the bytes as raw).", file, place, raw: toHex(bytes) });
  }

  private finishRow(out: ChatEvent[], message: Message): void {
    if (this.book.hasPending) for (const participant of this.book.drain()) out.push({ type: "participant", participant });
    out.push({ type: "message", message });
    this.accounting.rowsInMessages++;
  }

  /** Closes the last conversation (its end event goes to `out`). */
  finish(out: ChatEvent[]): void {
    this.close(out);
  }

  /** The content after {@link sender} took a `wxid:\n` prefix off it. */
  private body = "";

  /** The sender: the owner when IsSender = 1; in groups BytesExtra item 1 (or a `wxid:\n` prefix, removed from {@link body}); else the partner. */
  private sender(row: MsgRow, type: number, be: BytesExtraInfo | undefined): string | null {
    if (row[IS_SENDER] === 1n) return this.book.ownerId;
    if (SYSTEM_TYPES.has(type)) return null;
    const talker = this.talker!;
    if (!this.isGroup) return this.partnerId ?? (this.partnerId = this.book.ensure(talker));
    let who = be?.sender;
    if (!who) {
      const split = splitSenderPrefix(this.body);
      if (split.sender) {
        who = split.sender;
        this.body = split.body;
      }
    }
    return who ? this.book.ensure(who, this.members.get(who)) : null;
  }

  private open(talker: string, file: string, out: ChatEvent[]): void {
    this.talker = talker;
    this.seq = 0;
    this.seenRepeats = new Set();
    this.partnerId = undefined;
    const contact = this.dir.contacts.get(talker);
    const isGroup = (this.isGroup = talker.endsWith("@chatroom"));
    const ids = [this.book.ownerId];
    this.members = new Map();
    if (isGroup) for (const m of this.dir.rooms.get(talker) ?? []) {
      this.members.set(m.userName, m.displayName);
      ids.push(this.book.ensure(m.userName, m.displayName));
    }
    else ids.push(this.book.ensure(talker));
    this.conv = {
      id: conversationId(talker),
      platform: "wechat",
      kind: isGroup ? "group" : talker.startsWith("gh_") ? "channel" : "direct",
      title: contact ? contactParticipant(contact).displayName : talker,
      participantIds: [...new Set(ids)],
      source: file,
      extra: { username: talker },
    };
    out.push({ type: "conversation", conversation: this.conv });
    for (const participant of this.book.drain()) out.push({ type: "participant", participant });
  }

  private close(out: ChatEvent[]): void {
    if (!this.conv) return;
    const c = this.conv;
    this.conv = undefined;
    this.talker = undefined;
    out.push({ type: "conversation-end", conversation: c });
  }
}

function rowRaw(row: MsgRow): string {
  const content = row[CONTENT];
  return JSON.stringify({ localId: String(row[LOCAL_ID]), svrid: row[SVRID], type: String(row[TYPE]), createTime: String(row[CREATE_TIME]), content: typeof content === "string" ? content : null });
}
