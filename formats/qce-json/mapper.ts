import { shortHash } from "../../src/io/hash.js";
import { mediaDigest } from "../../src/plugin/media-digest.js";
import type { InputTree } from "../../src/io/source.js";
import type { Attachment, Conversation, Message, Place } from "../../src/model/index.js";
import type { ChatEvent, ReadContext } from "../../src/plugin/types.js";
import { summariseElements } from "./elements.js";
import { innerMessages } from "./forward.js";
import { isObject, str, type QceChatInfo, type QceMessage } from "./raw-types.js";
import { ReplyIndex } from "./replies.js";
import { resolveResource, resourcesOf } from "./resources.js";
import { SenderBook } from "./senders.js";
import { qceTime } from "./timestamps.js";
import { exceedsDepth } from "../../src/io/json-text.js";
import { RecentIds } from "./recent-ids.js";

/** Where every message record went (tests assert the sum). */
export interface QceAccounting {
  messagesRead: number;
  messagesEmitted: number;
  messagesReported: number;
}

/** What the mapper needs to know about the input. */
export interface QceMapperOptions {
  /** Display name of the input (file or folder). */
  inputName: string;
  /** The export folder, to find downloaded resources; absent for in-memory input. */
  tree?: InputTree;
  /** The user's own QQ number or uid (reader option), in addition to `chatInfo.selfUin/selfUid`. */
  self?: string;
}

/** How many recent ids are remembered to catch duplicates (memory stays flat). */
const DUPLICATE_WINDOW = 200_000;

/** Fields every QCE message object has at least one of; an entry with none is not a QCE message. */
const QCE_MESSAGE_KEYS = ["timestamp", "time", "sender", "content"];

/**
 * Maps QCE records (top-level sections and messages) to chatport events. Shared by the single-JSON and
 * chunked-JSONL readers; one mapper = one conversation (one QCE export = one chat).
 */
export class QceMapper {
  readonly accounting: QceAccounting = { messagesRead: 0, messagesEmitted: 0, messagesReported: 0 };
  private readonly top: Record<string, unknown> = {};
  private chatInfo: QceChatInfo = {};
  private conv: Conversation | undefined;
  private seq = 0;
  private readonly senders: SenderBook;
  private readonly replies = new ReplyIndex();
  private readonly recentIds = new RecentIds(DUPLICATE_WINDOW);
  private lastMs: number | undefined;
  private floatingReported = false;
  /** True once a message carried its own `id`: then reply references share our id space. */
  private idsFromFile = false;

  constructor(private readonly ctx: ReadContext, private readonly opts: QceMapperOptions) {
    this.senders = new SenderBook();
  }

  /** Records a top-level section (`metadata`, `chatInfo`, `statistics`, `exportOptions`, …). */
  setSection(key: string, value: unknown): void {
    if (key === "chatInfo" && isObject(value)) {
      this.chatInfo = value as QceChatInfo;
      this.senders.setSelf(str(this.chatInfo.selfUid), str(this.chatInfo.selfUin), this.opts.self);
    }
    this.top[key] = value;
  }

  /** Messages counted so far (for `statistics.totalMessages`). */
  get messagesRead(): number {
    return this.accounting.messagesRead;
  }

  /** Accounts for a record that could not be parsed at all (a broken JSONL line), with a diagnostic. */
  unparsable(file: string, place: Place, raw: string, reason: string): ChatEvent[] {
    const out: ChatEvent[] = [];
    this.open(out);
    this.accounting.messagesRead++;
    this.accounting.messagesReported++;
    this.ctx.report("unrecognized-record", { message: `A record that is not valid JSON (${reason}); skipped.`, file, place, raw });
    return out;
  }

  private open(out: ChatEvent[]): Conversation {
    if (this.conv) return this.conv;
    const title = str(this.chatInfo.name) ?? this.opts.inputName.replace(/\.[^.]*$/, "");
    this.conv = {
      id: `qce:${shortHash(this.opts.inputName, str(this.chatInfo.type) ?? "", str(this.chatInfo.name) ?? "")}`,
      platform: "qq",
      kind: conversationKind(this.chatInfo.type),
      title,
      participantIds: [],
      source: this.opts.inputName,
    };
    out.push({ type: "conversation", conversation: this.conv });
    return this.conv;
  }

  /** Maps one entry of `messages` (or one JSONL line); `place` locates it in `file`. */
  async message(item: unknown, file: string, place: Place, rawText?: string): Promise<ChatEvent[]> {
    const out: ChatEvent[] = [];
    this.accounting.messagesRead++;
    const conv = this.open(out);
    if ((rawText === undefined || !fewerOpenings(rawText, MAX_DEPTH + 1)) && exceedsDepth(item, MAX_DEPTH)) {
      // Recursive code below (and JSON.stringify) would overflow the stack on hostile nesting.
      this.accounting.messagesReported++;
      this.ctx.report("unrecognized-record", { message: "A messages entry nested deeper than 256 levels (no exporter writes that); skipped.", file, place, raw: rawText ?? "(not kept: nested too deep to print)" });
      return out;
    }
    if (!isObject(item)) {
      this.accounting.messagesReported++;
      this.ctx.report("unrecognized-record", { message: "A messages entry that is not a JSON object; skipped.", file, place, raw: rawText ?? JSON.stringify(item) });
      return out;
    }
    if (!QCE_MESSAGE_KEYS.some((k) => k in item)) {
      // Another program's record (a chatport NDJSON line, a Telegram message) given --from qce-jsonl.
      this.accounting.messagesReported++;
      this.ctx.report("unrecognized-record", { message: `A messages entry with none of QCE's message fields (${QCE_MESSAGE_KEYS.join(", ")}); skipped.`, file, place, raw: rawText ?? JSON.stringify(item) });
      return out;
    }
    const m = item as QceMessage;
    const content = isObject(m.content) ? m.content : {};

    const senderId = this.senders.idFor(m.sender, m.system === true, out);
    const summary = summariseElements(m, (uid, uin) => this.senders.mentionId(uid, uin));
    const time = qceTime(m.timestamp, m.time, this.ctx.tz);
    if (time.invalid)
      this.ctx.report("invalid-timestamp", { message: `Message has no usable timestamp or time; kept with the raw value.`, file, place, raw: time.ts.raw });
    else if (time.rejected !== undefined)
      this.ctx.report("invalid-timestamp", {
        message: `Message timestamp ${JSON.stringify(time.rejected.slice(0, 40))} is not a usable epoch (zero, negative, past the year 9999 or not a number); its local time text "${time.ts.raw}" is used instead.`,
        file,
        place,
        raw: time.rejected,
      });
    if (time.fromWallText && !this.floatingReported && !this.ctx.tz) {
      this.floatingReported = true;
      this.ctx.report("timezone-floating", { message: `${file} gives some times only as local text without a zone; pass --tz to record instants.`, file });
    }
    if (time.ms !== undefined) {
      if (this.lastMs !== undefined && time.ms < this.lastMs)
        this.ctx.report("out-of-order", { message: `Message at ${time.ts.utc ?? time.ts.raw} is earlier than the one before it; kept in file order.`, file, place });
      this.lastMs = time.ms;
    }

    const ownId = str(m.id);
    if (ownId !== undefined) this.idsFromFile = true;
    const seqText = str(m.seq);
    const id = this.uniqueId(ownId ?? seqText ?? `qce:${shortHash(conv.id, String(m.timestamp ?? m.time ?? ""), str(m.sender?.uid) ?? "", summary.text)}`, file, place);

    const attachments: Attachment[] = [];
    const resources = resourcesOf(content);
    for (let i = 0; i < resources.length; i++) {
      const r = await resolveResource(resources[i]!, `${id}:a${i + 1}`, this.opts.tree, (src) => mediaDigest(src, this.ctx, file, place));
      attachments.push(r.attachment);
      if (r.missing)
        this.ctx.report("attachment-missing", {
          message: this.opts.tree
            ? `Resource ${r.attachment.fileName ?? ""} of message ${id} is not in the export folder (looked for ${r.missing.join(", ")}).`
            : `Resource ${r.attachment.fileName ?? ""} of message ${id} names a local file (${r.missing.join(", ")}) that was not looked up: only the .json was given; give the export folder to check resources.`,
          file,
          place,
        });
    }

    for (const u of summary.unknown)
      this.ctx.report("unknown-element", { message: `Element ${u.index} of message ${id} has a type this reader does not know; kept in raw.`, file, place, raw: JSON.stringify(u.element) });
    if (summary.kind === "unknown")
      this.ctx.report("unknown-message-type", { message: `Message ${id} has type ${m.type ?? "(none)"} and no content this reader knows; kept as kind "unknown" with its raw record.`, file, place, raw: rawText ?? JSON.stringify(item) });

    const extra: Record<string, unknown> = {};
    if (m.type !== undefined) extra.qceType = m.type;
    if (m.time !== undefined) extra.time = m.time;
    if (ownId !== undefined && seqText !== undefined) extra.seq = seqText;
    const shownName = str(m.sender?.name);
    const p = senderId ? this.senders.get(senderId) : undefined;
    if (p && shownName && shownName !== p.displayName) extra.senderName = shownName;
    if (str(m.sender?.title)) extra.senderTitle = str(m.sender?.title);
    let replyTo: string | undefined;
    if (summary.reply) {
      const hit = this.replies.resolve(summary.reply);
      const ref = str(summary.reply.referencedMessageId) ?? str(summary.reply.messageId);
      replyTo = hit.id ?? (this.idsFromFile && ref && ref !== "0" ? ref : undefined);
      extra.reply = summary.reply;
      if (hit.via) extra.replyResolvedBy = hit.via;
    }

    const msg: Message = {
      id,
      conversationId: conv.id,
      seq: ++this.seq,
      senderId,
      sentAt: time.ts,
      kind: summary.kind,
      text: summary.text,
      ...(summary.parts ? { parts: summary.parts } : {}),
      attachments,
      ...(replyTo ? { replyTo } : {}),
      reactions: [],
      status: m.recalled === true ? "recalled" : "normal",
      provenance: this.ctx.provenance(file, place),
      raw: rawText ?? JSON.stringify(item),
      ...(Object.keys(extra).length ? { extra } : {}),
    };
    if (summary.forward) {
      const inner = innerMessages(summary.forward, msg, this.ctx);
      if (inner.length) msg.inner = inner;
    }
    this.replies.add(ownId, id, str(m.sender?.uin), time.ms, summary.text);
    this.accounting.messagesEmitted++;
    out.push({ type: "message", message: msg });
    return out;
  }

  private uniqueId(base: string, file: string, place: Place): string {
    const n = this.recentIds.see(base);
    if (n === 0) return base;
    this.ctx.report("duplicate-id", { message: `Message id ${base} appeared before; this one is kept as ${base}~${n + 1}.`, file, place });
    return `${base}~${n + 1}`;
  }

  /**
   * Closes the conversation (opening it first for an export without messages), restating it with the
   * sections read, and checks `statistics.totalMessages` against what was read.
   */
  finish(file: string, opts: { partial?: boolean } = {}): ChatEvent[] {
    const out: ChatEvent[] = [];
    const conv = this.open(out);
    const stats = isObject(this.top.statistics) ? this.top.statistics : undefined;
    const total = stats?.totalMessages;
    if (typeof total === "number" && total !== this.accounting.messagesRead && !opts.partial)
      this.ctx.report("count-mismatch", { message: `${file} states ${total} messages (statistics.totalMessages) but holds ${this.accounting.messagesRead}.`, file, place: { pointer: "/statistics/totalMessages" } });
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.top)) extra[k] = v;
    out.push({
      type: "conversation-end",
      conversation: { ...conv, participantIds: this.senders.seenIds(), ...(Object.keys(extra).length ? { extra } : {}) },
    });
    return out;
  }
}

/** Deepest nesting of a message record mapped (deeper ones are reported and skipped). */
const MAX_DEPTH = 256;

/**
 * True when `text` holds fewer than `n` opening brackets (`{` or `[`, counted in strings too), so no
 * value parsed from it nests `n` deep: then the depth walk can be skipped. The walk allocated an entry
 * and an `Object.values` array per object of every JSONL line (4% of the qce-jsonl CPU profile).
 */
function fewerOpenings(text: string, n: number): boolean {
  let count = 0;
  for (let i = text.indexOf("{"); i >= 0 && count < n; i = text.indexOf("{", i + 1)) count++;
  for (let i = text.indexOf("["); i >= 0 && count < n; i = text.indexOf("[", i + 1)) count++;
  return count < n;
}

/** Conversation kind of `chatInfo.type` (`group` / `private`, also Chinese labels). */
export function conversationKind(type: unknown): Conversation["kind"] {
  const t = str(type)?.toLowerCase();
  if (!t) return "unknown";
  if (t === "group" || t === "群聊" || t === "temp_group") return "group";
  if (t === "private" || t === "friend" || t === "c2c" || t === "私聊" || t === "temp") return "direct";
  return "unknown";
}
