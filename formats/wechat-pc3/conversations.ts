import type { Conversation, Message } from "../../src/model/schema.js";
import type { InputTree } from "../../src/io/source.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { exactTimestamp } from "../../src/time/index.js";
import { bytesToText, DecompressError, decodeLz4Block } from "../wechat-shared/compression.js";
import { contactParticipant } from "../wechat-shared/contacts.js";
import { conversationId, localMessageId, normalizeSvrid } from "../wechat-shared/ids.js";
import { buildWechatMessageNow, type MediaSettings } from "../wechat-shared/message.js";
import { exactUtcSecond } from "../wechat-shared/utc-seconds.js";
import type { ParticipantBook } from "../wechat-shared/participants.js";
import { ProtoError, toHex } from "../wechat-shared/protobuf.js";
import { splitSenderPrefix } from "../wechat-shared/sender-prefix.js";
import { decodeBytesExtra, type BytesExtraInfo } from "./bytes-extra.js";
import type { Pc3Directory } from "./contacts.js";
import type { MsgRow } from "./schema.js";

/** Where every MSG row went (DESIGN.md §3 "Nothing is lost"). */
export interface RowAccounting {
  rowsRead: number;
  rowsInMessages: number;
  rowsReported: number;
}

const READER = "wechat-pc3";
const SYSTEM_TYPES = new Set([10000, 10002]);
const utf8 = new TextDecoder("utf-8");
const MISSING_REASON = { voice: "voice audio is kept in MediaMSG*.db (table Media), which chatport does not extract yet" };

/** Turns merged MSG rows (conversation by conversation, in time order) into events. */
export class Pc3Conversations {
  readonly accounting: RowAccounting = { rowsRead: 0, rowsInMessages: 0, rowsReported: 0 };
  private conv: Conversation | undefined;
  private talker: string | undefined;
  private seq = 0;
  private seen = new Set<string>();
  private members = new Map<string, string | undefined>();

  constructor(
    private readonly ctx: ReadContext,
    private readonly book: ParticipantBook,
    private readonly dir: Pc3Directory,
    private readonly recalled: Set<string>,
    private readonly media: { tree: InputTree | undefined; bases: string[] },
  ) {
    this.mediaSettings = { ctx, ...media };
  }

  private readonly mediaSettings: MediaSettings;

  /** One row in merged order; returns the events it completes. */
  push(row: MsgRow, file: string): ChatEvent[] | Promise<ChatEvent[]> {
    this.accounting.rowsRead++;
    const out: ChatEvent[] = [];
    const place = { table: "MSG", rowid: Number(row.localId) };
    if (!row.talker) {
      this.accounting.rowsReported++;
      this.ctx.report("unrecognized-record", { message: "A MSG row names no conversation (StrTalker/TalkerId empty); not placed in any chat.", file, place, raw: rowRaw(row) });
      return out;
    }
    if (row.talker !== this.talker) {
      out.push(...this.close());
      out.push(...this.open(row.talker, file));
    }
    const conv = this.conv!;
    const type = Number(row.type ?? -1n);
    const subType = Number(row.subType ?? 0n);
    let content = typeof row.content === "string" ? row.content : row.content ? utf8.decode(row.content) : "";
    const extra: Record<string, unknown> = {};
    if (row.compress && row.compress.length && (type === 49 || content === "")) {
      try {
        content = bytesToText(decodeLz4Block(row.compress));
      } catch (e) {
        if (!(e instanceof DecompressError)) throw e;
        extra.compressContentHex = toHex(row.compress);
        this.ctx.report("malformed-payload", { message: `CompressContent is not a valid LZ4 block (${e.message}); kept as hex in extra.`, file, place, raw: toHex(row.compress) });
      }
    }
    let be: BytesExtraInfo | undefined;
    if (row.bytesExtra && row.bytesExtra.length) {
      try {
        be = decodeBytesExtra(row.bytesExtra);
      } catch (e) {
        if (!(e instanceof ProtoError)) throw e;
        extra.bytesExtraHex = toHex(row.bytesExtra);
        this.ctx.report("malformed-payload", { message: `BytesExtra is not valid protobuf (${e.message}); kept as hex in extra.`, file, place, raw: toHex(row.bytesExtra) });
      }
    }
    const senderId = this.sender(row, type, be, (c) => (content = c), content);
    const svrid = normalizeSvrid(row.svrid);
    let id = svrid ?? localMessageId(READER, file, "MSG", String(row.localId));
    if (this.seen.has(id)) {
      this.ctx.report("duplicate-id", { message: `Message id ${id} appears twice in ${conv.title}; the repeat gets a local id.`, file, place });
      id = localMessageId(READER, file, "MSG", String(row.localId));
    }
    this.seen.add(id);
    if (row.display) extra.displayContent = row.display;
    if (be?.thumb) extra.thumbnailPath = be.thumb;
    if (svrid === undefined) extra.localId = String(row.localId);
    const raw = String(row.createTime ?? "");
    const sentAt =
      row.createTime !== null
        ? this.ctx.tz
          ? exactTimestamp(raw, Number(row.createTime) * 1000, "second", { zone: this.ctx.tz })
          : exactUtcSecond(raw, Number(row.createTime) * 1000)
        : { raw, basis: "floating" as const, precision: "day" as const };
    const built = buildWechatMessageNow(
      {
        id, conversationId: conv.id, seq: ++this.seq, senderId, sentAt, type, subType, content, file, place,
        provenance: this.ctx.provenance(file, place),
        ...(be?.file ? { mediaPath: be.file } : {}),
        missingReason: MISSING_REASON,
        recalled: svrid !== undefined && this.recalled.has(svrid),
        extra,
      },
      this.mediaSettings,
    );
    if (built instanceof Promise) return built.then(({ message }) => this.finishRow(out, message));
    return this.finishRow(out, built.message);
  }

  private finishRow(out: ChatEvent[], message: Message): ChatEvent[] {
    for (const participant of this.book.drain()) out.push({ type: "participant", participant });
    out.push({ type: "message", message });
    this.accounting.rowsInMessages++;
    return out;
  }

  /** Closes the last conversation. */
  finish(): ChatEvent[] {
    return this.close();
  }

  /** The sender: the owner when IsSender = 1; in groups BytesExtra item 1 (or a `wxid:\n` prefix); else the partner. */
  private sender(row: MsgRow, type: number, be: BytesExtraInfo | undefined, setContent: (c: string) => void, content: string): string | null {
    if (row.isSender === 1n) return this.book.ownerId;
    if (SYSTEM_TYPES.has(type)) return null;
    const talker = this.talker!;
    if (!talker.endsWith("@chatroom")) return this.book.ensure(talker);
    let who = be?.sender;
    if (!who) {
      const split = splitSenderPrefix(content);
      if (split.sender) {
        who = split.sender;
        setContent(split.body);
      }
    }
    return who ? this.book.ensure(who, this.members.get(who)) : null;
  }

  private open(talker: string, file: string): ChatEvent[] {
    this.talker = talker;
    this.seq = 0;
    this.seen = new Set();
    const contact = this.dir.contacts.get(talker);
    const isGroup = talker.endsWith("@chatroom");
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
    return [{ type: "conversation", conversation: this.conv }, ...this.book.drain().map((participant) => ({ type: "participant" as const, participant }))];
  }

  private close(): ChatEvent[] {
    if (!this.conv) return [];
    const c = this.conv;
    this.conv = undefined;
    this.talker = undefined;
    return [{ type: "conversation-end", conversation: c }];
  }
}

function rowRaw(row: MsgRow): string {
  return JSON.stringify({ localId: String(row.localId), svrid: row.svrid, type: String(row.type), createTime: String(row.createTime), content: typeof row.content === "string" ? row.content : null });
}
