import { ownedString } from "../../src/io/owned-string.js";
import { SameTimeIds } from "../../src/plugin/same-time-ids.js";
import { shortHash } from "../../src/io/hash.js";
import type { Conversation, Message, Participant } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { splitBlock } from "./block.js";
import { classifyContent } from "./content.js";
import { chatKind, type HeaderField } from "./grammar.js";
import { blockTimestamp } from "./timestamps.js";

/** The header fields read so far (raw values). */
export interface ConversationHeader {
  fields: Partial<Record<HeaderField, string>>;
}

/** QCE's name for system/placeholder senders (formats-cn.md §10.3). */
export const SYSTEM_SENDER = "系统消息";

/**
 * Turns split message blocks into events: opens the conversation on the first message, emits
 * participants (by name: the TXT has no QQ numbers or uids) and messages with stable ids.
 */
export class MessageBuilder {
  /** Messages emitted in the open conversation. */
  count = 0;
  private conv: Conversation | undefined;
  private conversations = 0;
  private readonly participants = new Map<string, Participant>();
  private lastWall: string | undefined;
  private floatingReported = false;
  private readonly ids = new SameTimeIds();

  constructor(
    private readonly ctx: ReadContext,
    private readonly opts: { file: string; fallbackTitle: string; self?: string },
    private readonly out: ChatEvent[],
  ) {}

  /** Emits the message of one block; returns how its lines divide. */
  emit(lines: readonly string[], first: number, header: ConversationHeader): { inMessage: number; structural: number } {
    const parts = splitBlock(lines);
    const conv = this.open(header);
    const { file } = this.opts;
    const lastLine = first + parts.linesInMessage - 1;
    const place = { line: first, ...(lastLine > first ? { endLine: lastLine } : {}) };
    const nameLine = first + (parts.number !== undefined ? 1 : 0);

    const sentAt = blockTimestamp(parts.rawTime, this.ctx, file, nameLine + 1);
    if (!this.floatingReported && sentAt.basis === "floating" && sentAt.wall) {
      this.floatingReported = true;
      this.ctx.report("timezone-floating", { message: `${file} gives wall-clock times with no zone (QCE writes the exporting machine's local time); pass --tz (e.g. Asia/Shanghai) to record instants.`, file });
    }
    if (sentAt.wall && this.lastWall && sentAt.wall < this.lastWall)
      this.ctx.report("out-of-order", { message: `Message at ${sentAt.raw} is earlier than the one before it (${this.lastWall}); kept in file order.`, file, place: { line: nameLine } });
    if (sentAt.wall) this.lastWall = sentAt.wall;
    if (!parts.hasContent)
      this.ctx.report("unrecognized-record", {
        message: `The message block at line ${nameLine} has no 内容: line; kept as a message with its other lines as the text.`,
        file,
        place,
        raw: lines.slice(0, parts.linesInMessage).join("\n"),
      });

    const senderId = this.participantFor(parts.name);
    const rawTime = parts.rawTime ?? "";
    const base = `qce-txt:${shortHash(conv.id, rawTime, parts.name, parts.text)}`;
    const id = this.ids.id(rawTime, base);

    const cls = classifyContent(parts.text, parts.resources, parts.name === SYSTEM_SENDER, id);
    if (cls.unknown)
      this.ctx.report("unknown-message-type", { message: `QCE wrote no text and no resource for the message at line ${nameLine} ([无文本内容]); kept with kind "unknown".`, file, place: { line: nameLine } });
    if (parts.resourcesDeclared !== undefined && parts.resourcesDeclared !== parts.resources.length)
      this.ctx.report("count-mismatch", {
        message: `The message at line ${nameLine} says 资源: ${parts.resourcesDeclared} 个文件 but lists ${parts.resources.length}.`,
        file,
        place,
      });

    const extra: Record<string, unknown> = {};
    if (parts.type !== undefined) extra.qceType = parts.type;
    if (parts.number !== undefined) extra.qceNumber = parts.number;
    if (parts.mentions !== undefined) extra.mentions = parts.mentions;
    if (parts.reply !== undefined) extra.reply = parts.reply;
    const message: Message = {
      id,
      conversationId: conv.id,
      seq: ++this.count,
      senderId,
      sentAt,
      kind: cls.kind,
      text: parts.text,
      attachments: cls.attachments,
      reactions: [],
      status: "normal",
      provenance: this.ctx.provenance(file, place),
    };
    if (Object.keys(extra).length) message.extra = extra;
    this.out.push({ type: "message", message });
    return { inMessage: parts.linesInMessage, structural: parts.linesStructural };
  }

  /** Closes the open conversation (opening it first when the file has no message), checking counts. */
  close(header: ConversationHeader, footerExtra: Record<string, unknown>, footerTotal: string | undefined): void {
    if (!this.conv && Object.keys(header.fields).length === 0) return;
    const conv = this.open(header);
    const { file } = this.opts;
    const declared = header.fields.消息总数;
    if (declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared) !== this.count)
      this.ctx.report("count-mismatch", { message: `${file} says 消息总数: ${declared.trim()} but ${this.count} message blocks were read.`, file });
    if (footerTotal !== undefined && Number(footerTotal) !== this.count && footerTotal !== declared?.trim())
      this.ctx.report("count-mismatch", { message: `${file} says 总计导出 ${footerTotal} 条消息 but ${this.count} message blocks were read.`, file });
    const extra = { ...(conv.extra ?? {}), ...footerExtra };
    this.out.push({ type: "conversation-end", conversation: Object.keys(extra).length ? { ...conv, extra } : conv });
    this.conv = undefined;
    this.count = 0;
    this.lastWall = undefined;
    this.ids.reset();
  }

  private open(header: ConversationHeader): Conversation {
    if (this.conv) return this.conv;
    const f = header.fields;
    const title = f.聊天名称 ?? this.opts.fallbackTitle;
    const n = ++this.conversations;
    const extra: Record<string, unknown> = {};
    const keys: [HeaderField, string][] = [["聊天类型", "chatType"], ["参与人数", "participantCount"], ["导出时间", "exportTime"], ["消息总数", "messageTotal"], ["时间范围", "timeRange"]];
    for (const [k, name] of keys) if (f[k] !== undefined) extra[name] = f[k];
    this.conv = {
      id: `qce-txt:${shortHash(this.opts.file, title, String(n))}`,
      platform: "qq",
      kind: chatKind(f.聊天类型),
      title,
      participantIds: [],
      source: this.opts.file,
      ...(Object.keys(extra).length ? { extra } : {}),
    };
    this.count = 0;
    this.out.push({ type: "conversation", conversation: this.conv });
    return this.conv;
  }

  private participantFor(rawName: string): string | null {
    const name = rawName.trim();
    if (name === "") return null;
    const id = `qce-name:${name}`;
    if (this.participants.has(id)) return id;
    const owned = ownedString(name);
    const p: Participant = { id: `qce-name:${owned}`, displayName: owned, aliases: [], handles: [] };
    if (owned === SYSTEM_SENDER) p.isSystem = true;
    if (this.opts.self !== undefined && this.opts.self === owned) p.isSelf = true;
    this.participants.set(id, p);
    this.out.push({ type: "participant", participant: p });
    return id;
  }
}
